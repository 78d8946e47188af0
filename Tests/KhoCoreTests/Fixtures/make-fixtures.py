#!/usr/bin/env python3
"""Writes the binary and legacy-encoded fixtures the reader tests use. Deterministic: run it
from this folder to regenerate them byte for byte. Text fixtures are committed as they are."""
import gzip, io, unicodedata, zipfile

def cp1258(text):
    # cp1258 has bytes for the five tone marks but not for circumflex, breve or horn:
    # decompose, then put those three back on their base letter.
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        vowel = "".join(c for c in parts[1:] if c in "\u0302\u0306\u031b")
        tones = "".join(c for c in parts[1:] if c not in "\u0302\u0306\u031b")
        out.append(unicodedata.normalize("NFC", parts[0] + vowel) + tones)
    data = "".join(out).encode("cp1258")
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == unicodedata.normalize("NFC", text)
    return data

def write(name, data):
    with open(name, "wb") as f:
        f.write(data)

def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as f:
        f.write(data)
    return buf.getvalue()

excel = "\r\n".join([
    "UBND HUYỆN ĐẮK HÀ;;;;;;",
    "DANH SÁCH HỘ NGHÈO NĂM 2024;;;;;;",
    ";;;;;;",
    "STT;Mã hộ;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Mã xã",
    "1;DH-01;Y Hoa;05/03/1987;Nữ;062187001234;23500",
    "2;DH-01;A Thút;12/11/2010;Nam;062210004321;23500",
    "3;DH-02;Nguyễn Văn Đức;01/01/1960;Nam;062060009876;23521",
    "Tổng cộng;3;;;;;",
    ";;;;;;",
    "Người lập biểu;;;;Trưởng phòng;;",
    "",
])
write("windows-1258-titles.csv", cp1258(excel))

# MARK: - TCVN3 (ABC) and VNI-Windows
# Written from the published definitions, independently of the Swift tables in Sources/KhoCore/Read
# (which index by byte; these index by letter), and checked both ways below.

TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]   # none, sắc, huyền, hỏi, ngã, nặng
VOWELS = "aăâeêioôơuưy"

# TCVN 5712:1993. Lowercase letters and Ă Â Ê Ô Ơ Ư Đ are VN3 (the ABC fonts; Unikey's TCVN3 table and
# glibc/libiconv TCVN5712-1 agree on every one). VN3 has no uppercase toned letters (ABC switches to an
# all-caps font instead); these come from VN1 (glibc iconvdata/tcvn5712-1.c, libiconv lib/tcvn.h),
# which puts them in 0x01-0x17, 0x80-0x9F and the slots VN3 leaves free in 0xA0-0xFF.
TCVN3_LETTERS = {   # per vowel, in the order of TONES
    "a": "a\xb8\xb5\xb6\xb7\xb9", "ă": "\xa8\xbe\xbb\xbc\xbd\xc6", "â": "\xa9\xca\xc7\xc8\xc9\xcb",
    "e": "e\xd0\xcc\xce\xcf\xd1", "ê": "\xaa\xd5\xd2\xd3\xd4\xd6", "i": "i\xdd\xd7\xd8\xdc\xde",
    "o": "o\xe3\xdf\xe1\xe2\xe4", "ô": "\xab\xe8\xe5\xe6\xe7\xe9", "ơ": "\xac\xed\xea\xeb\xec\xee",
    "u": "u\xf3\xef\xf1\xf2\xf4", "ư": "\xad\xf8\xf5\xf6\xf7\xf9", "y": "y\xfd\xfa\xfb\xfc\xfe",
    "A": "A\x83\x80\x81\x82\x84", "Ă": "\xa1\xc0\xaf\xba\xbf\x85", "Â": "\xa2\xc4\xc1\xc2\xc3\x86",
    "E": "E\x8a\x87\x88\x89\x8b", "Ê": "\xa3\xda\xc5\xcd\xd9\x8c", "I": "I\x90\x8d\x8e\x8f\x91",
    "O": "O\x95\x92\x93\x94\x96", "Ô": "\xa4\xff\xdb\xe0\xf0\x97", "Ơ": "\xa5\x9b\x98\x99\x9a\x9c",
    "U": "U\x01\x9d\x9e\x9f\x02", "Ư": "\xa6\x11\x04\x05\x06\x12", "Y": "Y\x16\x13\x14\x15\x17",
}
TCVN3_ENCODE = {unicodedata.normalize("NFC", v + t): code
                for v, codes in TCVN3_LETTERS.items() for t, code in zip(TONES, codes)}
TCVN3_ENCODE.update({"đ": "\xae", "Đ": "\xa7"})

def tcvn3(text):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = TCVN3_ENCODE.get(ch)
        if code is None:
            assert ch in "\t\r\n" or " " <= ch <= "~", repr(ch)   # TAB, CR, LF and printable ASCII stay
            code = ch
        out += code.encode("latin-1")
    assert tcvn3_decode(bytes(out)) == unicodedata.normalize("NFC", text)
    return bytes(out)

def tcvn3_decode(data):
    decode = {code.encode("latin-1")[0]: ch for ch, code in TCVN3_ENCODE.items()}
    return "".join(decode.get(b, chr(b)) for b in data)

# VNI-Windows: a base letter, then one byte for its diacritics (the tone, or the vowel mark with or
# without a tone); đ ơ ư and the toned i and ỵ are single bytes. Uppercase takes the mark byte 0x20 lower.
VNI_MARK = {   # (vowel mark, tone) -> lowercase mark byte
    ("", "\u0301"): 0xF9, ("", "\u0300"): 0xF8, ("", "\u0309"): 0xFB, ("", "\u0303"): 0xF5, ("", "\u0323"): 0xEF,
    ("\u0302", ""): 0xE2, ("\u0302", "\u0301"): 0xE1, ("\u0302", "\u0300"): 0xE0,
    ("\u0302", "\u0309"): 0xE5, ("\u0302", "\u0303"): 0xE3, ("\u0302", "\u0323"): 0xE4,
    ("\u0306", ""): 0xEA, ("\u0306", "\u0301"): 0xE9, ("\u0306", "\u0300"): 0xE8,
    ("\u0306", "\u0309"): 0xFA, ("\u0306", "\u0303"): 0xFC, ("\u0306", "\u0323"): 0xEB,
}
VNI_SINGLE = {"đ": 0xF1, "ơ": 0xF4, "ư": 0xF6, "í": 0xED, "ì": 0xEC, "ỉ": 0xE6, "ĩ": 0xF3, "ị": 0xF2, "ỵ": 0xEE}

def vni_letter(ch):
    lower = ch.lower()
    shift = 0x20 if ch != lower else 0
    if lower in VNI_SINGLE:
        return bytes([VNI_SINGLE[lower] - shift])
    parts = unicodedata.normalize("NFD", lower)
    base, marks = parts[0], parts[1:]
    if "\u031b" in marks:                      # horn: ơ or ư is the base byte
        base, marks = unicodedata.normalize("NFC", base + "\u031b"), marks.replace("\u031b", "")
    vowel_mark = "".join(m for m in marks if m in "\u0302\u0306")
    tone = "".join(m for m in marks if m not in "\u0302\u0306")
    head = bytes([VNI_SINGLE[base] - shift]) if base in VNI_SINGLE else (base.upper() if shift else base).encode("ascii")
    if not vowel_mark and not tone:
        return head
    return head + bytes([VNI_MARK[(vowel_mark, tone)] - shift])

def vni(text):
    out = b"".join(vni_letter(ch) if ord(ch) > 0x7F else ch.encode("ascii")
                   for ch in unicodedata.normalize("NFC", text))
    assert vni_decode(out) == unicodedata.normalize("NFC", text)
    return out

def vni_decode(data):
    marks = {byte: vm + t for (vm, t), byte in VNI_MARK.items()}
    marks.update({byte - 0x20: m for byte, m in list(marks.items())})
    singles = {byte: ch for ch, byte in VNI_SINGLE.items()}
    singles.update({byte - 0x20: ch.upper() for byte, ch in list(singles.items())})
    text = "".join(marks.get(b) or singles.get(b) or chr(b) for b in data)
    return unicodedata.normalize("NFC", text)

# Both ways: every Vietnamese letter encodes and decodes to itself, and every code decodes and
# encodes to itself.
LETTERS = [unicodedata.normalize("NFC", c + t) for v in VOWELS for c in (v, v.upper()) for t in TONES] + ["đ", "Đ"]
assert len([l for l in LETTERS if ord(l) > 0x7F]) == 134
for letter in LETTERS:
    assert tcvn3_decode(tcvn3(letter)) == letter and vni_decode(vni(letter)) == letter, letter
for ch, code in TCVN3_ENCODE.items():
    assert tcvn3(tcvn3_decode(code.encode("latin-1"))) == code.encode("latin-1"), ch
assert len(set(TCVN3_ENCODE.values())) == len(TCVN3_ENCODE)   # no two letters share a code
for letter in LETTERS:
    code = vni(letter)
    assert vni(vni_decode(code)) == code, letter

legacy_table = "\r\n".join([
    "ỦY BAN NHÂN DÂN HUYỆN ĐẮK HÀ;;;;;;;;;;",
    "DANH SÁCH HỘ NGHÈO NĂM 2024 - ĐỢT BỔ SUNG ƯU TIÊN THEO CƠ SỞ DỮ LIỆU DÂN CƯ;;;;;;;;;;",
    "KÈM THEO QUYẾT ĐỊNH SỐ 12/QĐ-UBND - ĐỊA BÀN THÔN KON ỨC VÀ LÀNG ĐĂK Ý;;;;;;;;;;",
    ";;;;;;;;;;",
    "STT;Mã hộ;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Dân tộc;Mã xã;Tên xã;Địa chỉ;Ghi chú",
    "1;DH-21;Nguyễn Thị Hoà;05/03/1987;Nữ;062187001235;Kinh;23500;Thị trấn Đắk Hà;Tổ dân phố 4;Mẹ đơn thân, ở nhà cũ, vẫn nuôi con nhỏ",
    "2;DH-21;Trương Văn Lực;12/11/1985;Nam;062085004322;Kinh;23500;Thị trấn Đắk Hà;Tổ dân phố 4;Thiếu đất sản xuất, cần việc làm",
    "3;DH-22;Y Thương;20/07/1992;Nữ;062192007781;Xơ Đăng;23521;Xã Ngọc Wang;Thôn Kon Rôn, ngõ 3;Chữa bệnh dài ngày",
    "4;DH-23;A Khuyên;01/01/1960;Nam;062060009877;Ba Na;23521;Xã Ngọc Wang;Làng Đăk Mứt;Người cao tuổi, khuyết tật, sống một mình",
    "5;DH-24;Đinh Thị Mỹ Dung;15/09/2001;Nữ;062301002468;Giẻ Triêng;23530;Xã Đăk Pxi;Thôn Kon Stiêu;Nhà dột nát, được hỗ trợ tiền điện",
    "6;DH-25;Vũ Văn Ửng;30/04/1975;Nam;062075001357;Kinh;23530;Xã Đăk Pxi;Thôn Ngã Ba;Mới tách hộ, thuê đất ruộng vùng thấp",
    "7;DH-26;Lê Thị Ánh Thùy;09/02/1999;Nữ;062199008642;Mường;23530;Xã Đăk Pxi;Thôn Ngọc Hồi;Chồng đi làm ăn xa, nuôi hai cháu nhỏ, mẹ chồng đã già yếu",
    "Tổng cộng;7;;;;;;;;;",
    ";;;;;;;;;;",
    "Người lập biểu;;;;;;;;Trưởng thôn;;",
    "",
])
write("tcvn3-titles.csv", tcvn3(legacy_table))
write("vni-titles.csv", vni(legacy_table))

tab = "\r\n".join(["Mã hộ\tHọ và tên\tNgày sinh", "KR-01\tY Lan\t1990-02-03", "KR-02\tĐinh Văn Rơ\t1985-12-31", ""])
write("utf16le-tab.txt", b"\xff\xfe" + tab.encode("utf-16-le"))
write("utf16be-comma.csv", b"\xfe\xff" + tab.replace("\t", ",").encode("utf-16-be"))

bad = b"MA_HO,HO_TEN\r\nA1,Y Lan\r\nA2,Y \xff Hoa\r\nA3,A Blong\r\n"
write("invalid-utf8.csv", bad)

write("nul-byte.csv", b"MA_HO,HO_TEN\nA1,Y Lan\nA2,Y\x00Hoa\nA3,A Blong\n")

with open("stations.xml", "rb") as f:
    write("stations.xml.gz", gz(f.read()))

write("bomb.csv.gz", gz(b"MA_HO,HO_TEN\n" + b"A1," + b"x" * (8 << 20) + b"\n"))

def zip_with(entries, name):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for entry_name, data in entries:
            info = zipfile.ZipInfo(entry_name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    write(name, buf.getvalue())

zip_with([("exports/ho-ngheo.csv", "MA_HO,HO_TEN\nA1,Y Lan\nA2,A Thút\n".encode()),
          ("../escape.csv", b"MA_HO,HO_TEN\nX,Y\n")], "archive.zip")

xml1258 = ('<?xml version="1.0" encoding="windows-1258"?>\n<DanhSach>\n'
           '  <ThanhVien MaHo="DH-01"><HoTen>Nguyễn Thị Hoà</HoTen></ThanhVien>\n</DanhSach>\n')
write("windows-1258.xml", cp1258(xml1258))

deep = '<?xml version="1.0"?>\n' + "".join("<a%d>" % i for i in range(200)) + "".join("</a%d>" % i for i in reversed(range(200))) + "\n"
write("deep.xml", deep.encode())
