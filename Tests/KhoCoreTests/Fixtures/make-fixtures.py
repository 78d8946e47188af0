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
