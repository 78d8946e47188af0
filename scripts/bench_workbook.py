"""The workbook benchmark (see scripts/bench-workbook): writes a large household list as .xlsx,
and reads it back with a peer tool for comparison with kdl-extract."""
import os, random, sys, time, zipfile
from xml.sax.saxutils import escape

HEADER = ["Mã hộ", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Số CCCD", "Quan hệ với chủ hộ", "Mã xã",
          "Phân loại hộ", "Ngày rà soát"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Rơ Châm", "Y", "A", "Đinh", "Võ", "Huỳnh", "Bùi"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Thu", ""]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hiếu", "Hoa", "Lan", "Nam", "Thơ", "Sương", "Thút", "Blưm", "Hiên", "Thắng"]
COMMUNES = ["23527", "23293", "23479", "23500", "23290", "23299"]


def column(number):
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def make(path, rows):
    """A workbook as Excel lays it out: shared strings, a date format (dd/mm/yyyy, style 1), the CCCD
    and commune code typed as numbers, a title row above the header. Seeded: the same bytes every run."""
    rng = random.Random(47)
    strings, index = [], {}

    def shared(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    refs = [column(c) for c in range(1, len(HEADER) + 1)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            out = []
            out.append('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            out.append(f'<row r="1"><c r="A1" t="s"><v>{shared("DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO")}</v></c></row>')
            out.append('<row r="2">' + "".join(f'<c r="{refs[i]}2" t="s"><v>{shared(h)}</v></c>' for i, h in enumerate(HEADER)) + "</row>")
            household = 0
            for number in range(3, rows + 3):
                if number % 4 == 3:
                    household += 1
                name = " ".join(p for p in (rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)) if p)
                born = rng.randint(7000, 40000)
                sex = rng.choice(("Nam", "Nữ"))
                cccd = 62000000000 + rng.randint(0, 999999999)   # the leading zero lost, as Excel does
                values = [
                    f'<c r="A{number}" t="s"><v>{shared(f"H{household:08d}")}</v></c>',
                    f'<c r="B{number}" t="s"><v>{shared(name)}</v></c>',
                    f'<c r="C{number}" s="1"><v>{born}</v></c>',
                    f'<c r="D{number}" t="s"><v>{shared(sex)}</v></c>',
                    f'<c r="E{number}" t="s"><v>{shared(rng.choice(("Kinh", "Gia Rai", "Xơ Đăng", "Ba Na")))}</v></c>',
                    f'<c r="F{number}"><v>{cccd}</v></c>',
                    f'<c r="G{number}" t="s"><v>{shared(rng.choice(("Chủ hộ", "Vợ", "Chồng", "Con")))}</v></c>',
                    f'<c r="H{number}"><v>{rng.choice(COMMUNES)}</v></c>',
                    f'<c r="I{number}" t="s"><v>{shared(rng.choice(("Nghèo", "Cận nghèo")))}</v></c>',
                    f'<c r="J{number}" s="1"><v>{45600 + rng.randint(0, 60)}</v></c>',
                ]
                out.append(f'<row r="{number}">' + "".join(values) + "</row>")
                if len(out) >= 4096:
                    sheet.write("".join(out).encode())
                    out.clear()
            out.append("</sheetData></worksheet>")
            sheet.write("".join(out).encode())
        archive.writestr("xl/sharedStrings.xml",
                         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                         f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
        archive.writestr("xl/styles.xml",
                         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                         '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
                         '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')
        archive.writestr("xl/workbook.xml",
                         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DanhSach" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels",
                         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                         '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                         '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
        archive.writestr("_rels/.rels",
                         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                         '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                         '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')


def read_polars(path):
    """polars.read_excel with the calamine engine (fastexcel): the whole sheet into a DataFrame."""
    import polars as pl
    frame = pl.read_excel(path, engine="calamine", sheet_name="DanhSach", read_options={"header_row": 1})
    return frame.height


def read_openpyxl(path):
    """openpyxl in read-only mode: every row's values, as a script would loop over them."""
    import openpyxl
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = 0
    for _ in book["DanhSach"].iter_rows(min_row=3, values_only=True):
        rows += 1
    return rows


if __name__ == "__main__":
    command, path = sys.argv[1], sys.argv[2]
    started = time.monotonic()
    if command == "make":
        make(path, int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000)
        print(f"{path}: {os.path.getsize(path)} bytes")
    elif command == "polars":
        print(f"polars: {read_polars(path)} rows")
    elif command == "openpyxl":
        print(f"openpyxl: {read_openpyxl(path)} rows")
    else:
        sys.exit(64)
    print(f"{time.monotonic() - started:.2f} s", file=sys.stderr)
