#!/usr/bin/env python3
"""Writes the fuzzers' seed corpus (Tests/Fuzz/csv/, Tests/Fuzz/xml/, Tests/Fuzz/deflate/): a few reader fixtures,
the heads of the sample exports, and hand-made edge cases. Deterministic: run it from the
repository root to regenerate the seeds byte for byte. Seeds stay small (a few KB at most):
libFuzzer's default -max_len is the largest seed. scripts/fuzz copies them to a working
corpus under .build-fuzz/, so what the fuzzer finds never lands here."""
import gzip, io, os, shutil

FIXTURES = "Tests/KhoCoreTests/Fixtures"
HERE = "Tests/Fuzz"


def write(folder, name, data):
    os.makedirs(os.path.join(HERE, folder), exist_ok=True)
    with open(os.path.join(HERE, folder, name), "wb") as f:
        f.write(data)


def fixture(folder, name, seed=None):
    with open(os.path.join(FIXTURES, name), "rb") as f:
        write(folder, seed or "fixture-" + name, f.read())


def head(path, lines):
    """The first lines of a sample export, line ends kept (UTF-16 files split on code units)."""
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xff\xfe"):
        text = data[2:].decode("utf-16-le")
        return b"\xff\xfe" + "".join(text.splitlines(keepends=True)[:lines]).encode("utf-16-le")
    return b"".join(data.splitlines(keepends=True)[:lines])


def gz(data):
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as f:
        f.write(data)
    return buffer.getvalue()


for folder in ("csv", "xml", "deflate"):
    shutil.rmtree(os.path.join(HERE, folder), ignore_errors=True)

# MARK: CSV

for name in ["windows-1258-titles.csv", "tcvn3-titles.csv", "vni-titles.csv", "utf16le-tab.txt", "utf16be-comma.csv",
             "invalid-utf8.csv", "nul-byte.csv", "ragged.csv", "unterminated-quote.csv"]:
    fixture("csv", name)
for name in ["quotes_and_newlines.csv", "newlines_crlf.csv", "escaped_quotes.csv", "utf8.csv"]:
    fixture("csv", "conformance/csv-spectrum/csvs/" + name, "spectrum-" + name)
write("csv", "sample-ho-ngheo-windows-1258.csv", head("samples/inbox/ubnd-dak-ha/ho-ngheo-2024.csv", 8))
write("csv", "sample-ho-ngheo-kon-ray.csv", head("samples/inbox/ubnd-kon-ray/ho-ngheo-kon-ray-2024.csv", 5))
write("csv", "sample-co-so-giao-duc-bom.csv", head("samples/inbox/so-gddt/co-so-giao-duc.csv", 4))
write("csv", "sample-ho-kinh-doanh-utf16le.txt", head("samples/inbox/so-khdt/ho-kinh-doanh-2025.txt", 4))

header = "Mã hộ;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Mã xã"
write("csv", "quotes.csv", b'MA_HO,HO_TEN,DIA_CHI\nA1,"Y ""Lan""","To 4, Dak Ha"\n"A2","multi\nline",""\n"A3"x,y"z,"\n""\n')
write("csv", "quote-then-eof.csv", b'MA_HO,HO_TEN\nA1,"ab""')
write("csv", "line-ends-mixed.csv", b"MA_HO,HO_TEN\r\nA1,Y Lan\rA2,Y Hoa\nA3,A Blong\r\n\r\n\n\r,\r\n")
write("csv", "cr-lf-in-quotes.csv", b'MA_HO,HO_TEN\r\n"A\r\n1","Y\rLan"\r\n"A2","\n"\r')
write("csv", "blank-and-delimiter-lines.csv", b"\n\r\n;;;\n" + header.encode() + b"\n ; ;\t\n1;2;3;4;5;6\n")
write("csv", "trailing-delimiter.csv", b"MA_HO,HO_TEN,\nA1,Y Lan,\nA2,,\n,")
write("csv", "nul-everywhere.csv", b"MA_HO,HO_TEN\n\x00,\x00\n\"\x00\",x\n\x00\x00\x00\x00")
write("csv", "bom-utf8-semicolon.csv", b"\xef\xbb\xbf" + (header + "\r\n1;Nguyễn Văn Đức;01/01/1960;Nam;062060009876;23521\r\n").encode())
write("csv", "bom-only.csv", b"\xef\xbb\xbf")
write("csv", "utf16le-bom.csv", b"\xff\xfe" + (header + "\r\nDH-01;Y Hoa;05/03/1987;Nữ;062187001234;23500\r\n").encode("utf-16-le"))
write("csv", "utf16be-bom.csv", b"\xfe\xff" + (header + "\nDH-01;Y Hoa;05/03/1987;Nữ;062187001234;23500\n").encode("utf-16-be"))
write("csv", "utf16le-no-bom.csv", "MA_HO,HO_TEN\nA1,Đinh Văn Rơ\nA2,Y Lan\n".encode("utf-16-le"))
write("csv", "utf16-surrogates.csv", b"\xff\xfe" + "A,B\n😀,x\n".encode("utf-16-le") + b"\x00\xd8,\x00\x00\xdc\x41\x00\x00\xd8")
write("csv", "utf8-invalid-sequences.csv", b"MA_HO,HO_TEN\nA1,\xc3\nA2,\xe0\x80\x80\nA3,\xed\xa0\x80\nA4,\xf4\x90\x80\x80\nA5,\xf0\x9f\x98\nA6,\xc0\xaf,\xff\xfe\n\xe1\xba")
write("csv", "replacement-char.csv", "MA_HO,HO_TEN\nA1,Y \ufffd Lan\n\"\ufffd\",x\n".encode())
write("csv", "windows-1258-undefined.csv", b"M\xc3 h\xf4\xf2;H\xf2 va\xcc t\xean\r\n1;\x81\x8d\x8f\x90\x9d;x\r\n")
write("csv", "long-line.csv", b"MA_HO,HO_TEN\nA1," + b"x" * 600 + b"\nA2,\"" + b"y\n" * 300 + b"\"\nA3,ok\n")
write("csv", "tab-and-pipe.txt", b"MA_HO\tHO_TEN|NGAY_SINH\nA1\tY Lan|1990-02-03\nA2|x\ty\n")
write("csv", "totals-and-footer.csv", (header + "\n1;Y Hoa;05/03/1987;Nữ;062187001234;23500\nTổng cộng;1;;;;\n;;;;;\nNgười lập biểu;;;;;\n").encode())
write("csv", "gzip.csv.gz", gz(b"MA_HO,HO_TEN\nA1,Y Lan\nA2,\"Y\nHoa\"\n"))
write("csv", "empty.csv", b"")

# MARK: XML

for name in ["stations.xml", "windows-1258.xml", "wrong-encoding.xml", "deep.xml", "billion-laughs.xml",
             "external-entity.xml", "mismatched.xml", "truncated.xml", "stations.xml.gz"]:
    fixture("xml", name)


def station(body, root_attributes=' xmlns="urn:vn:kontum:quantrac" NgayXuat="2026-11-20"', declaration='<?xml version="1.0" encoding="UTF-8"?>\n'):
    return (declaration + "<DuLieuQuanTrac" + root_attributes + ">\n" + body + "\n</DuLieuQuanTrac>\n").encode()


with open("samples/inbox/so-nnmt/quan-trac-nuoc-2026-q4.xml", "rb") as f:
    sample = f.read().decode()
first_station = sample[:sample.index("</Tram>") + len("</Tram>")]
write("xml", "sample-quan-trac-head.xml", (first_station + "\n</DuLieuQuanTrac>\n").encode())

write("xml", "cdata-comments-pi.xml", station(
    '  <Tram MaTram="KT-01" TenTram="A &amp; B &lt;C&gt;" MaXa="23293">\n'
    '    <!-- a comment --><?pi data?>\n'
    '    <LanDo ThoiGian="2026-10-05"><GhiChu><![CDATA[<b>&amp;</b> ]]]]><![CDATA[>]]></GhiChu><pH>7&#x2C;4</pH><DO>&#55357;</DO></LanDo>\n'
    '  </Tram>'))
write("xml", "namespaces.xml", (
    '<?xml version="1.0"?>\n<q:DuLieuQuanTrac xmlns:q="urn:q" xmlns:x="urn:x" xmlns="urn:d">\n'
    '  <q:Tram q:MaTram="KT-01" x:TenTram="T" MaXa="1"><q:LanDo x:ThoiGian="t" xmlns:y="urn:y"><y:pH>7</y:pH><NhietDo y:dv="C">20</NhietDo></q:LanDo></q:Tram>\n'
    '  <Tram MaTram="KT-02"><LanDo xmlns=""><pH>8</pH></LanDo></Tram>\n</q:DuLieuQuanTrac>\n').encode())
write("xml", "empty-and-nested-records.xml", station(
    '  <Tram MaTram="KT-02"><LanDo/><LanDo ThoiGian="t"/><LanDo><A><B><C>deep</C>tail</B></A><A/></LanDo></Tram>\n'
    '  <Tram><LanDo>mixed <pH>7</pH> text</LanDo><LanDo><LanDo>inner</LanDo></LanDo></Tram>', root_attributes=""))
write("xml", "nesting-at-the-limit.xml", station(
    "<Tram><LanDo>" + "".join(f"<e{i}>" for i in range(12)) + "x" + "".join(f"</e{i}>" for i in reversed(range(12))) + "</LanDo></Tram>",
    root_attributes=""))
write("xml", "dtd-internal-entity.xml",
      b'<?xml version="1.0"?>\n<!DOCTYPE DuLieuQuanTrac [<!ENTITY t "KT-01"><!ATTLIST Tram MaTram CDATA "default">]>\n'
      b'<DuLieuQuanTrac><Tram MaTram="&t;"><LanDo>&t;</LanDo></Tram></DuLieuQuanTrac>\n')
write("xml", "undefined-entity.xml", station('<Tram MaTram="&x;"><LanDo>&nbsp;&#0;&#xFFFE;</LanDo></Tram>', root_attributes=""))
write("xml", "utf16le-bom.xml", b"\xff\xfe" + station('<Tram MaTram="KT-01"><LanDo ThoiGian="t"><GhiChu>Mưa lớn</GhiChu></LanDo></Tram>',
                                                        declaration='<?xml version="1.0" encoding="UTF-16"?>\n').decode().encode("utf-16-le"))
write("xml", "utf16be-no-declaration.xml", station('<Tram><LanDo><pH>7</pH></LanDo></Tram>', declaration="").decode().encode("utf-16-be"))
write("xml", "utf8-bom-windows-1258-declared.xml", b"\xef\xbb\xbf" + station('<Tram TenTram="Sông"><LanDo/></Tram>',
                                                                                declaration='<?xml version="1.0" encoding="windows-1258"?>\n'))
write("xml", "windows-1258-bytes.xml", b'<?xml version="1.0" encoding="windows-1258"?>\n<DuLieuQuanTrac><Tram TenTram="S\xf4ng \xd0\xe3\xeck Bla"><LanDo><GhiChu>M\xfd\xf5\xcc</GhiChu></LanDo></Tram></DuLieuQuanTrac>\n')
write("xml", "invalid-utf8-and-nul.xml", b'<DuLieuQuanTrac><Tram MaTram="\xff"><LanDo>\x00\xc3</LanDo><LanDo>ok</LanDo></Tram></DuLieuQuanTrac>\n')
write("xml", "trailing-garbage.xml", station("<Tram><LanDo/></Tram>", root_attributes="") + b"<DuLieuQuanTrac/>\x00junk")
write("xml", "doctype-late.xml", station("<Tram><LanDo/></Tram>", root_attributes="") + b'<!DOCTYPE x SYSTEM "file:///etc/passwd">')
write("xml", "unclosed-attribute.xml", b'<DuLieuQuanTrac><Tram MaTram="KT-01><LanDo/></Tram></DuLieuQuanTrac>')
write("xml", "empty.xml", b"")

# MARK: - Workbooks (kdl-fuzz-xlsx): whole files, and their XML parts in the target's packed forms.
import zipfile
WORKBOOKS = os.path.join(FIXTURES, "workbooks")
for name in ["ho-ngheo.xlsx", "ho-ngheo.ods", "errors.xlsx", "date1904.xlsx", "sheets.xlsx", "precision.xlsx",
             "doctype.xlsx", "traversal.xlsx", "encrypted.xlsx", "binary.xls", "binary.xlsb", "html.xls", "encrypted.ods"]:
    fixture("xlsx", os.path.join("workbooks", name), "fixture-" + name)
for name in ["ho-ngheo.xlsx", "errors.xlsx", "date1904.xlsx", "precision.xlsx", "beyond-rows.xlsx"]:
    with zipfile.ZipFile(os.path.join(WORKBOOKS, name)) as book:
        parts = [book.read(part) for part in ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"]]
    write("xlsx", "parts-" + name.replace(".xlsx", ".txt"), b"XLSX\n" + b"\n@@\n".join(parts))
for name in ["ho-ngheo.ods", "repeated.ods", "doctype.ods"]:
    with zipfile.ZipFile(os.path.join(WORKBOOKS, name)) as book:
        content = book.read("content.xml")
    # The trailing million-row repeat is kept: expanding it is what must stay cheap.
    write("xlsx", "content-" + name.replace(".ods", ".txt"), b"ODS\n" + content)
write("xlsx", "parts-inline-rich-error.txt", b"XLSX\n" + (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="2" max="3" hidden="1"/></cols><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã hộ</t></is></c><c r="B1" t="inlineStr"><is><r><t>Họ và </t></r><r><t>tên</t></r></is></c>'
    '<c r="C1" t="s"><v>0</v></c></row>'
    '<row r="3" hidden="1"><c r="A3" t="e"><v>#N/A</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" s="1"><v>60</v></c><c t="str"><f>A1</f><v>x</v></c></row>'
    '<row><c r="C4"><v>1.5E+300</v></c><c r="D4" t="d"><v>2024-01-05T10:00:00Z</v></c></row>'
    '<row r="5"><c r="A5" t="inlineStr"><is><t>Tổng cộng</t></is></c></row></sheetData></worksheet>'
    '\n@@\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Số CCCD</t><rPh><t>x</t></rPh></si></sst>').encode())

# MARK: Deflate

write("deflate", "empty.bin", b"")
write("deflate", "one-byte.bin", b"A")
write("deflate", "run.bin", b"\x00" * 600)
write("deflate", "csv-lines.csv", b"ma_xa,ten_xa,loai_ho\r\n" + b"".join(b"2350%d,X\xc3\xa3 \xc4\x90\xe1\xba\xafk H\xc3\xa0,%d\r\n" % (i % 7, i % 3) for i in range(60)))
write("deflate", "pseudo-random.bin", bytes((i * 2654435761 >> 13) & 0xFF for i in range(2048)))
write("deflate", "short-repeats.bin", b"abcabcabd" * 40 + b"xyz" * 90 + b"abcd" * 70)
fixture("deflate", "conformance/csv-spectrum/csvs/quotes_and_newlines.csv", "spectrum-quotes_and_newlines.csv")
