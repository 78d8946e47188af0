#!/usr/bin/env python3
"""Writes the workbook fixtures the reader tests use (Tests/KhoCoreTests/Fixtures/workbooks/):
small .xlsx and .ods files, each showing one case, and the sample CSVs turned into .xlsx and .ods
for the round-trip test. The parts are written directly with Python's zipfile, as Excel and
LibreOffice lay them out, so every case is exact and the files are the same bytes on every run:

    scripts/make-workbooks.py            (from anywhere; no third-party package)
"""
import csv, io, os, unicodedata, zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "KhoCoreTests", "Fixtures", "workbooks")
STAMP = (1980, 1, 1, 0, 0, 0)


def attr(text):
    return escape(text, {'"': "&quot;"})


def package(path, parts, stored=()):
    """A deterministic ZIP: parts in the given order, fixed timestamps."""
    with zipfile.ZipFile(os.path.join(OUT, path), "w") as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


# MARK: - SpreadsheetML

def column_letters(number):
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Xlsx:
    """Cells are (kind, value[, style]): s shared text, rich (runs) shared, inline text, n number,
    b boolean, e error, str formula text result, f number with formula; style indexes cellXfs."""

    def __init__(self, date1904=False, formats=(), xfs=(0,)):
        self.sheets = []
        self.strings = []
        self.date1904 = date1904
        self.formats = list(formats)   # (id, code)
        self.xfs = list(xfs)           # numFmtId per cell format

    def sheet(self, name, rows, state=None, hidden_rows=(), hidden_cols=(), merges=(), extra_cols=""):
        self.sheets.append((name, rows, state, set(hidden_rows), set(hidden_cols), merges, extra_cols))

    def shared(self, item):
        if item not in self.strings:
            self.strings.append(item)
        return self.strings.index(item)

    def cell_xml(self, ref, cell):
        kind, value = cell[0], cell[1]
        style = f' s="{cell[2]}"' if len(cell) > 2 else ""
        if kind == "s":
            return f'<c r="{ref}" t="s"{style}><v>{self.shared(("t", value))}</v></c>'
        if kind == "rich":
            return f'<c r="{ref}" t="s"{style}><v>{self.shared(("r", tuple(value)))}</v></c>'
        if kind == "phonetic":
            return f'<c r="{ref}" t="s"{style}><v>{self.shared(("p", tuple(value)))}</v></c>'
        if kind == "inline":
            return f'<c r="{ref}" t="inlineStr"{style}><is><t>{escape(value)}</t></is></c>'
        if kind == "n":
            return f'<c r="{ref}"{style}><v>{value}</v></c>'
        if kind == "f":
            return f'<c r="{ref}"{style}><f>{escape(cell[3])}</f><v>{value}</v></c>'
        if kind == "str":
            return f'<c r="{ref}" t="str"{style}><f>{escape(cell[3])}</f><v>{escape(value)}</v></c>'
        if kind == "b":
            return f'<c r="{ref}" t="b"{style}><v>{value}</v></c>'
        if kind == "e":
            return f'<c r="{ref}" t="e"{style}><f>{escape(cell[3] if len(cell) > 3 else "NA()")}</f><v>{escape(value)}</v></c>'
        raise ValueError(kind)

    def sheet_xml(self, rows, hidden_rows, hidden_cols, merges, extra_cols):
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">']
        last = max(rows) if rows else 1
        width = max((len(r) for r in rows.values()), default=1)
        out.append(f'<dimension ref="A1:{column_letters(max(width, 1))}{last}"/>')
        if hidden_cols or extra_cols:
            out.append("<cols>" + "".join(f'<col min="{c}" max="{c}" width="0" hidden="1" customWidth="1"/>' for c in sorted(hidden_cols))
                       + extra_cols + "</cols>")
        out.append("<sheetData>")
        for number in sorted(rows):
            hidden = ' hidden="1"' if number in hidden_rows else ""
            cells = "".join(self.cell_xml(f"{column_letters(i + 1)}{number}", c) for i, c in enumerate(rows[number]) if c is not None)
            out.append(f'<row r="{number}"{hidden}>{cells}</row>')
        out.append("</sheetData>")
        if merges:
            out.append(f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>")
        out.append("</worksheet>")
        return "".join(out)

    def strings_xml(self):
        items = []
        for kind, value in self.strings:
            if kind == "t":
                space = ' xml:space="preserve"' if value != value.strip() else ""
                items.append(f"<si><t{space}>{escape(value)}</t></si>")
            elif kind == "r":
                runs = "".join(f'<r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">{escape(run)}</t></r>' for run in value)
                items.append(f"<si>{runs}</si>")
            else:
                text, guide = value
                items.append(f'<si><t>{escape(text)}</t><rPh sb="0" eb="1"><t>{escape(guide)}</t></rPh><phoneticPr fontId="1"/></si>')
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(items)}" uniqueCount="{len(items)}">'
                + "".join(items) + "</sst>")

    def styles_xml(self):
        formats = "".join(f'<numFmt numFmtId="{i}" formatCode="{attr(code)}"/>' for i, code in self.formats)
        xfs = "".join(f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' for i in self.xfs)
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                + (f'<numFmts count="{len(self.formats)}">{formats}</numFmts>' if self.formats else "")
                + '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
                '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
                '<borders count="1"><border/></borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                f'<cellXfs count="{len(self.xfs)}">{xfs}</cellXfs></styleSheet>')

    def write(self, path, tamper=None):
        sheet_parts = [(f"xl/worksheets/sheet{i + 1}.xml", self.sheet_xml(*s[1:2], *s[3:])) for i, s in enumerate(self.sheets)]
        strings = self.strings_xml()
        sheets = "".join(f'<sheet name="{attr(s[0])}" sheetId="{i + 1}"' + (f' state="{s[2]}"' if s[2] else "") + f' r:id="rId{i + 1}"/>'
                         for i, s in enumerate(self.sheets))
        n = len(self.sheets)
        parts = [
            ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(n))
             + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
             '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'),
            ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>'),
            ("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             + ('<workbookPr date1904="1"/>' if self.date1904 else '<workbookPr/>')
             + f"<sheets>{sheets}</sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             + "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(n))
             + f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
             f'<Relationship Id="rId{n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
             '</Relationships>'),
            ("xl/styles.xml", self.styles_xml()),
            ("xl/sharedStrings.xml", strings),
        ] + sheet_parts
        if tamper:
            parts = tamper(parts)
        package(path, parts)


# MARK: - OpenDocument

class Ods:
    """Cells are (type, value[, text]) with type string, float, date, time, boolean, error, covered,
    or None; a row is a list of cells, or ("repeat", count, cells)."""

    def __init__(self):
        self.tables = []

    def table(self, name, rows, hidden=False, hidden_rows=(), hidden_cols=(), trailing_rows=0):
        self.tables.append((name, rows, hidden, set(hidden_rows), set(hidden_cols), trailing_rows))

    @staticmethod
    def cell_xml(cell):
        if cell is None:
            return "<table:table-cell/>"
        kind, value = cell[0], cell[1]
        if kind == "covered":
            return "<table:covered-table-cell/>"
        if kind == "string":
            paragraphs = "".join(f"<text:p>{escape(p)}</text:p>" for p in value.split("\n"))
            return f'<table:table-cell office:value-type="string" calcext:value-type="string">{paragraphs}</table:table-cell>'
        if kind == "xml":   # raw paragraph markup (spaces, spans, comments)
            return f'<table:table-cell office:value-type="string" calcext:value-type="string">{value}</table:table-cell>'
        if kind == "merged":
            return (f'<table:table-cell table:number-columns-spanned="{cell[2]}" table:number-rows-spanned="1" office:value-type="string" '
                    f'calcext:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'
                    + '<table:covered-table-cell/>' * (cell[2] - 1))
        shown = escape(cell[2]) if len(cell) > 2 else escape(str(value))
        if kind == "float":
            return f'<table:table-cell office:value-type="float" office:value="{value}" calcext:value-type="float"><text:p>{shown}</text:p></table:table-cell>'
        if kind == "date":
            return f'<table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="{value}" calcext:value-type="date"><text:p>{shown}</text:p></table:table-cell>'
        if kind == "time":
            return f'<table:table-cell office:value-type="time" office:time-value="{value}" calcext:value-type="time"><text:p>{shown}</text:p></table:table-cell>'
        if kind == "boolean":
            return f'<table:table-cell office:value-type="boolean" office:boolean-value="{value}" calcext:value-type="boolean"><text:p>{shown}</text:p></table:table-cell>'
        if kind == "error":
            return f'<table:table-cell table:formula="of:=NA()" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>{escape(value)}</text:p></table:table-cell>'
        raise ValueError(kind)

    def content_xml(self):
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">'
               '<office:automatic-styles>'
               '<style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true"/></style:style>'
               '<style:style style:name="ta2" style:family="table" style:master-page-name="Default"><style:table-properties table:display="false"/></style:style>'
               '</office:automatic-styles><office:body><office:spreadsheet>']
        for name, rows, hidden, hidden_rows, hidden_cols, trailing in self.tables:
            out.append(f'<table:table table:name="{attr(name)}" table:style-name="{"ta2" if hidden else "ta1"}">')
            width = max((len(r) for r in rows if isinstance(r, list)), default=1)
            for column in range(1, width + 1):
                visibility = ' table:visibility="collapse"' if column in hidden_cols else ""
                out.append(f'<table:table-column table:style-name="co1"{visibility} table:default-cell-style-name="Default"/>')
            out.append('<table:table-column table:style-name="co1" table:number-columns-repeated="1000" table:default-cell-style-name="Default"/>')
            for index, row in enumerate(rows, start=1):
                repeat = ""
                if isinstance(row, tuple):
                    repeat = f' table:number-rows-repeated="{row[1]}"'
                    row = row[2]
                visibility = ' table:visibility="collapse"' if index in hidden_rows else ""
                cells = "".join(self.cell_xml(c) for c in row)
                out.append(f'<table:table-row table:style-name="ro1"{repeat}{visibility}>{cells}'
                           '<table:table-cell table:number-columns-repeated="1010"/></table:table-row>')
            if trailing:
                out.append(f'<table:table-row table:style-name="ro1" table:number-rows-repeated="{trailing}">'
                           '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
            out.append("</table:table>")
        out.append("</office:spreadsheet></office:body></office:document-content>")
        return "".join(out)

    def write(self, path, tamper=None, encrypted=False):
        manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                    '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"'
                    + ('><manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA">'
                       '<manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="AAAA"/>'
                       '</manifest:encryption-data></manifest:file-entry>' if encrypted else "/>")
                    + "</manifest:manifest>")
        parts = [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                 ("content.xml", self.content_xml()),
                 ("META-INF/manifest.xml", manifest)]
        if tamper:
            parts = tamper(parts)
        package(path, parts, stored={"mimetype"})


# MARK: - The cases

HEADER = ["STT", "Mã hộ", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Số CCCD", "Mã xã", "Số điện thoại",
          "Phân loại hộ", "Năm rà soát", "Ngày rà soát", "Ghi chú"]


def vietnamese_xlsx():
    """Title rows over merged cells, a CCCD column typed as numbers, dates in three formats, a
    formula column, rich and inline text, a hidden row and column, totals and signatures."""
    book = Xlsx(formats=[(164, "dd/mm/yyyy"), (165, '[$-42A]d" tháng "m" năm "yyyy')], xfs=[0, 164, 14, 165, 1])
    s = lambda text: ("s", text)
    rows = {
        1: [s("UBND HUYỆN ĐẮK HÀ")],
        2: [s("DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024")],
        4: [s(h) for h in HEADER],
        5: [("n", "1"), s("230010001"), ("rich", ["Nguyễn ", "Văn An"]), ("n", "29049", 1), s("1"), s("01"),
            ("n", "62085314159"), ("n", "23293"), ("n", "912345678"), s("1"), ("f", "2024", 0, "YEAR(L5)"), ("n", "45306", 1),
            ("n", "0.30000000000000004")],
        6: [("n", "2"), s("230010001"), ("inline", "Trần Thị Bình"), ("n", "31778", 2), s("2"), s("01"),
            ("n", "6.2190123456E+10"), ("n", "23293"), None, s("1"), ("f", "2024", 0, "YEAR(L6)"), ("n", "45307", 2),
            ("str", "Chủ hộ: Nguyễn Văn An", 0, 'CONCAT("Chủ hộ: ",C5)')],
        7: [("n", "3"), s("230010002"), ("phonetic", ["Lê Văn Cường", "レ"]), ("n", "36526", 3), s("1"), s("01"),
            ("n", "62100234567"), ("n", "23293"), ("n", "987654321"), s("2"), ("f", "2024", 0, "YEAR(L7)"), s("15/01/2024"),
            s("  khuyết tật  ")],
        8: [("n", "4"), s("230010003"), s("A Dên"), ("n", "60", 1), s("1"), s("12"),
            ("n", "62074197013"), ("n", "23293"), None, s("1"), ("f", "2024", 0, "YEAR(L8)"), ("n", "45308.75", 1),
            ("b", "1")],
        9: [s("Tổng cộng"), None, ("n", "4")],
        11: [None, None, s("Người lập biểu"), None, None, None, None, None, None, s("Trưởng phòng")],
        12: [None, None, s("(Ký, ghi rõ họ tên)")],
    }
    book.sheet("DanhSach", rows, hidden_rows={7}, hidden_cols={1}, merges=["A1:M1", "A2:M2", "A9:B9"])
    book.sheet("Ghi chú", {1: [s("Nguồn: rà soát cuối năm 2024")]})
    book.write("ho-ngheo.xlsx")


def small(name, rows, **options):
    book = Xlsx(**{k: v for k, v in options.items() if k in ("date1904", "formats", "xfs")})
    book.sheet("Sheet1", rows)
    book.write(name, tamper=options.get("tamper"))


def cases_xlsx():
    header = [("s", "Mã hộ"), ("s", "Họ và tên"), ("s", "Số CCCD"), ("s", "Mã xã"), ("s", "Ngày rà soát"), ("s", "Ghi chú")]
    # 1904 system: serial 0 is 1904-01-01, so 43844 is 2024-01-15 (45306 in the 1900 system).
    small("date1904.xlsx", {1: header, 2: [("s", "1"), ("s", "A"), ("s", "062085314159"), ("s", "23293"), ("n", "43844", 1), ("n", "43844.5", 2)]},
          date1904=True, formats=[(164, "yyyy-mm-dd hh:mm")], xfs=[0, 14, 164])
    # Error values: one in a mapped column (the row cannot be read), one in a column no field reads.
    small("errors.xlsx", {1: header + [("s", "Cột tính")],
                          2: [("s", "1"), ("s", "A"), ("e", "#N/A"), ("s", "23293"), ("s", "2024-01-15"), ("s", ""), ("e", "#REF!", 0, "#REF!")],
                          3: [("s", "2"), ("s", "B"), ("s", "062085314159"), ("s", "23293"), ("s", "2024-01-15"), ("b", "0"), ("e", "#DIV/0!", 0, "1/0")]})
    # A 16-digit identifier typed as a number: Excel kept 15 digits and a zero.
    small("precision.xlsx", {1: header, 2: [("s", "1"), ("s", "A"), ("n", "1234567890123450"), ("s", "23293"), ("s", "2024-01-15")],
                             3: [("s", "2"), ("s", "B"), ("n", "1.23456789012346E+17"), ("s", "23293"), ("s", "2024-01-15")],
                             4: [("s", "3"), ("s", "C"), ("n", "123456789012345"), ("s", "23293"), ("s", "2024-01-15")]})
    # Sheets: a hidden one first, then two visible ones.
    book = Xlsx()
    book.sheet("Cũ", {1: header, 2: [("s", "old")]}, state="hidden")
    book.sheet("Danh sách", {1: header, 2: [("s", "first")]})
    book.sheet("TongHop", {1: header, 2: [("s", "second")], 3: [("s", "second-2")]})
    book.write("sheets.xlsx")
    # Hostile workbooks.
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&d;</t></si></sst>')
    small("doctype.xlsx", {1: header, 2: [("s", "1")]},
          tamper=lambda parts: [(n, laughs if n == "xl/sharedStrings.xml" else d) for n, d in parts])
    small("traversal.xlsx", {1: header, 2: [("s", "1")]}, tamper=lambda parts: parts + [("../../evil.xml", "<x/>")])
    # A sheet part that inflates far beyond the ratio limit: 40 MB of blanks in a few kilobytes.
    bomb = lambda parts: [(n, d.replace("<sheetData>", "<sheetData>" + " " * (40 << 20)) if n.startswith("xl/worksheets") else d) for n, d in parts]
    small("bomb.xlsx", {1: header, 2: [("s", "1")]}, tamper=bomb)
    small("beyond-columns.xlsx", {1: header}, tamper=lambda parts: [
        (n, d.replace("</sheetData>", '<row r="2"><c r="XFE2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>') if n.startswith("xl/worksheets") else d)
        for n, d in parts])
    small("beyond-rows.xlsx", {1: header}, tamper=lambda parts: [
        (n, d.replace("</sheetData>", '<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row></sheetData>') if n.startswith("xl/worksheets") else d)
        for n, d in parts])
    many_strings = lambda parts: [(n, d.replace("</sst>", "".join(f"<si><t>chuỗi {i}</t></si>" for i in range(2000)) + "</sst>")
                                  if n == "xl/sharedStrings.xml" else d) for n, d in parts]
    small("many-strings.xlsx", {1: header, 2: [("s", "1")]}, tamper=many_strings)
    # Another writer's dialect: a namespace prefix (the strict one), rows and cells without `r`
    # (each follows the previous), a shared formula whose cells keep only their cached values.
    def inline(text):
        return f'<x:c t="inlineStr"><x:is><x:t>{escape(text)}</x:t></x:is></x:c>'
    names = ["Mã hộ", "Họ và tên", "Số CCCD", "Mã xã", "Ngày rà soát", "Ghi chú"]
    dialect = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<x:worksheet xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main"><x:sheetData>'
               '<x:row>' + "".join(inline(n) for n in names) + '</x:row>'
               '<x:row>' + inline("235270001") + inline("A") + '<x:c><x:v>62085314159</x:v></x:c>'
               '<x:c><x:f t="shared" ref="D2:D3" si="0">23000+293</x:f><x:v>23293</x:v></x:c>'
               '<x:c t="str"><x:f>"2024-01-"&amp;"15"</x:f><x:v>2024-01-15</x:v></x:c><x:c/></x:row>'
               '<x:row>' + inline("235270001") + inline("B") + '<x:c><x:v>62190123456</x:v></x:c>'
               '<x:c><x:f t="shared" si="0"/><x:v>23293</x:v></x:c>' + inline("2024-01-16") + '</x:row>'
               '<x:row r="5"><x:c r="B5" t="inlineStr"><x:is><x:t>C</x:t></x:is></x:c><x:c><x:v>62100234567</x:v></x:c>'
               '<x:c r="F5" t="b"><x:v>1</x:v></x:c></x:row>'
               '</x:sheetData></x:worksheet>')
    small("dialect.xlsx", {1: header}, tamper=lambda parts: [(n, dialect if n.startswith("xl/worksheets") else d) for n, d in parts])
    # Not workbooks this reader opens.
    with open(os.path.join(OUT, "encrypted.xlsx"), "wb") as f:
        f.write(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(1024))
    with open(os.path.join(OUT, "binary.xls"), "wb") as f:
        f.write(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + "Workbook".encode("utf-16-le") + bytes(1024))
    package("binary.xlsb", [("[Content_Types].xml", "<Types/>"), ("xl/workbook.bin", b"\x83\x01\x00")])
    with open(os.path.join(OUT, "html.xls"), "w", encoding="utf-8") as f:
        f.write("<html><body><table><tr><td>Mã hộ</td></tr></table></body></html>\n")


def vietnamese_ods():
    ods = Ods()
    rows = [
        [("merged", "UBND HUYỆN ĐẮK HÀ", 13)],
        [("merged", "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024", 13)],
        [],
        [("string", h) for h in HEADER],
        [("float", "1"), ("string", "230010001"), ("xml", "<text:p>Nguyễn <text:span>Văn</text:span><text:s/>An</text:p>"
                                                        "<office:annotation><text:p>kiểm tra lại</text:p></office:annotation>"),
         ("date", "1979-07-15", "15/07/1979"), ("string", "1"), ("string", "01"), ("float", "62085314159"), ("float", "23293"),
         ("float", "912345678"), ("string", "1"), ("float", "2024"), ("date", "2024-01-15T00:00:00", "15/01/2024"), ("float", "0.3")],
        [("float", "2"), ("string", "230010001"), ("string", "Trần Thị Bình"), ("date", "1987-01-01"), ("string", "2"), ("string", "01"),
         ("float", "62190123456"), ("float", "23293"), None, ("string", "1"), ("float", "2024"), ("date", "2024-01-16T10:30:00"),
         ("string", "dòng 1\ndòng 2")],
        [("float", "3"), ("string", "230010002"), ("string", "Lê Văn Cường"), ("date", "2000-01-01"), ("string", "1"), ("string", "01"),
         ("float", "62100234567"), ("float", "23293"), ("float", "987654321"), ("string", "2"), ("float", "2024"), ("string", "15/01/2024"),
         ("time", "PT10H30M00S")],
        [("float", "4"), ("string", "230010003"), ("string", "A Dên"), ("date", "1974-02-08"), ("string", "1"), ("string", "12"),
         ("error", "#N/A"), ("float", "23293"), None, ("string", "1"), ("float", "2024"), ("date", "2024-01-17"), ("boolean", "true", "TRUE")],
        [("string", "Tổng cộng"), None, ("float", "4")],
        [],
        [None, None, ("string", "Người lập biểu")],
    ]
    ods.table("Ẩn", [[("string", "Mã hộ")]], hidden=True)
    ods.table("DanhSach", rows, hidden_rows={7}, hidden_cols={1}, trailing_rows=1048565)
    ods.table("Ghi chú", [[("string", "Nguồn: rà soát cuối năm 2024")]])
    ods.write("ho-ngheo.ods")
    # Rows repeated with a value are expanded; the empty million after them are a gap.
    repeated = Ods()
    repeated.table("Sheet1", [[("string", "Mã hộ"), ("string", "Họ và tên"), ("string", "Mã xã")],
                              ("repeat", 3, [("string", "1"), ("string", "A"), ("float", "23293")])], trailing_rows=1048000)
    repeated.write("repeated.ods")
    Ods().write("encrypted.ods", encrypted=True)
    doctype = Ods()
    doctype.table("Sheet1", [[("string", "Mã hộ")]])
    doctype.write("doctype.ods", tamper=lambda parts: [
        (n, d.replace('<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>')
         if n == "content.xml" else d) for n, d in parts])


# MARK: - The sample unit that sends a workbook

def sample_inbox():
    """samples/inbox/ubnd-sa-thay/: the households of Sa Thầy district as its office keeps them in
    Excel — titles over merged cells, CCCD and phone typed as numbers (leading zero lost), dates in
    three forms, a formula column, a totals row and signatures, and a second sheet of notes. Its
    three households are one commune's, all poor: one open-data cell, not a small one."""
    book = Xlsx(formats=[(164, "dd/mm/yyyy")], xfs=[0, 164, 14])
    s = lambda text: ("s", text)
    header = ["STT", "Mã hộ", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Số CCCD", "Quan hệ với chủ hộ", "Mã xã",
              "Thôn/Tổ dân phố", "Số điện thoại", "Phân loại hộ", "Năm rà soát", "Ngày rà soát"]
    # (household, name, birth as (serial | text, style), sex, ethnicity, CCCD typed as number, relation, commune, village, phone, category, review serial)
    people = [
        ("235270001", "Rơ Châm Hiếu", ("29326", 1), "Nam", "Gia Rai", "62080412957", "Chủ hộ", "23527", "Làng Rắc, thị trấn Sa Thầy", "912408731", "Nghèo", "45615"),
        ("235270001", "Y Blưm", ("30522", 1), "Nữ", "Gia Rai", "62183530418", "Vợ", "23527", "Làng Rắc, thị trấn Sa Thầy", None, "Nghèo", "45615"),
        ("235270001", "Rơ Châm Thơ", ("39539", 2), "Nam", "Gia Rai", "62208215366", "Con", "23527", "Làng Rắc, thị trấn Sa Thầy", None, "Nghèo", "45615"),
        ("235270004", "A Thút", ("26705", 2), "Nam", "Xơ Đăng", "62073198204", "Chủ hộ", "23527", "Làng Chốt, thị trấn Sa Thầy", "387550126", "Nghèo", "45617"),
        ("235270004", "Y Sương", ("03/02/1976", None), "Nữ", "Xơ Đăng", "62176904471", "Vợ", "23527", "Làng Chốt, thị trấn Sa Thầy", None, "Nghèo", "45617"),
        ("235270004", "A Hiên", ("38020", 1), "Nam", "Xơ Đăng", "62204623915", "Con", "23527", "Làng Chốt, thị trấn Sa Thầy", None, "Nghèo", "45617"),
        ("235270007", "Nguyễn Văn Thắng", ("24643", 1), "Nam", "Kinh", "62067301558", "Chủ hộ", "23527", "Tổ dân phố 1, thị trấn Sa Thầy", "978224913", "Nghèo", "45621"),
        ("235270007", "Lê Thị Hoa", ("25739", 2), "Nữ", "Kinh", "62170588260", "Vợ", "23527", "Tổ dân phố 1, thị trấn Sa Thầy", None, "Nghèo", "45621"),
    ]
    rows = {1: [s("UBND HUYỆN SA THẦY")], 2: [s("DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024")], 5: [s(h) for h in header]}
    for index, (household, name, birth, sex, ethnicity, cccd, relation, commune, village, phone, category, review) in enumerate(people):
        number = 6 + index
        born = ("n", birth[0], birth[1]) if birth[1] else s(birth[0])
        rows[number] = [("n", str(index + 1)), s(household), s(name), born, s(sex), s(ethnicity), ("n", cccd), s(relation),
                        ("n", commune), s(village), ("n", phone) if phone else None, s(category),
                        ("f", "2024", 0, f"YEAR(N{number})"), ("n", review, 1)]
    last = 6 + len(people)
    rows[last] = [s("Tổng cộng"), None, s("3 hộ, 8 nhân khẩu")]
    rows[last + 2] = [None, None, s("Người lập biểu"), None, None, None, None, None, None, s("CHỦ TỊCH UBND HUYỆN")]
    rows[last + 3] = [None, None, s("(Ký, ghi rõ họ tên)"), None, None, None, None, None, None, s("(Ký tên, đóng dấu)")]
    book.sheet("DanhSach", rows, merges=["A1:N1", "A2:N2", f"A{last}:B{last}"])
    book.sheet("Hướng dẫn", {1: [s("Danh sách rà soát hộ nghèo, hộ cận nghèo cuối năm 2024 theo Quyết định 24/2021/QĐ-TTg.")]})
    folder = os.path.join(ROOT, "samples", "inbox", "ubnd-sa-thay")
    os.makedirs(folder, exist_ok=True)
    book.write(os.path.join(folder, "ho-ngheo-sa-thay-2024.xlsx"))


# MARK: - Round trip: the sample CSVs as workbooks

def sample_csvs():
    inbox = os.path.join(ROOT, "samples", "inbox")
    for unit in sorted(os.listdir(inbox)):
        for name in sorted(os.listdir(os.path.join(inbox, unit))):
            if name.endswith((".csv", ".txt")):
                yield unit, name, os.path.join(inbox, unit, name)


def decode(data):
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return unicodedata.normalize("NFC", data.decode("utf-16"))
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return unicodedata.normalize("NFC", data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise ValueError("undecodable sample")


def typed(value):
    """As a spreadsheet types what is keyed in: digits without a leading zero become numbers."""
    if value.isdigit() and not (len(value) > 1 and value.startswith("0")) and len(value) <= 15:
        return value
    return None


def round_trip():
    folder = os.path.join(OUT, "roundtrip")
    os.makedirs(folder, exist_ok=True)
    for unit, name, path in sample_csvs():
        if unit == "ubnd-sa-thay":
            continue
        text = decode(open(path, "rb").read())
        sample = text[:4096]
        delimiter = max(",;\t|", key=sample.count)
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        # A cell cannot hold a NUL (the CSV reader refuses such a row): the workbook row stays empty.
        rows = [[] if any("\0" in c for c in row) else row for row in rows]
        stem = f"{unit}--{os.path.splitext(name)[0]}"
        book = Xlsx()
        book.sheet("Sheet1", {i + 1: [None if c == "" else (("n", typed(c)) if typed(c) else ("s", c)) for c in row]
                              for i, row in enumerate(rows) if any(row)})
        book.write(os.path.join("roundtrip", stem + ".xlsx"))
        ods = Ods()
        ods.table("Sheet1", [[None if c == "" else (("float", typed(c)) if typed(c) else ("string", c)) for c in row] for row in rows])
        ods.write(os.path.join("roundtrip", stem + ".ods"))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    vietnamese_xlsx()
    cases_xlsx()
    vietnamese_ods()
    round_trip()
    sample_inbox()


# MARK: - Written by real software

def openpyxl_fixture():
    """openpyxl.xlsx, written by openpyxl (PyPI) when it is installed — the 1904 system, rich text
    as inline strings, a date format, an identifier typed as a number and a formula it cannot
    compute (no cached value). Skipped without openpyxl: the committed file stays as it is."""
    try:
        import openpyxl
        from openpyxl.cell.rich_text import CellRichText, TextBlock
        from openpyxl.cell.text import InlineFont
    except ImportError:
        print("openpyxl not installed: openpyxl.xlsx left as committed")
        return
    import datetime
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "DanhSach"
    sheet.append(["DANH SÁCH HỘ NGHÈO"])
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(["Mã hộ", "Họ và tên", "Số CCCD", "Mã xã", "Ngày rà soát", "Ghi chú"])
    sheet.append(["235270001", CellRichText([TextBlock(InlineFont(b=True), "Rơ Châm "), "Hiếu"]), 62080412957, 23527,
                  datetime.date(2024, 11, 19), "=A4&\"-x\""])
    sheet["E4"].number_format = "dd/mm/yyyy"
    sheet.append(["235270004", "A Thút", 62073198204, 23527, datetime.datetime(2024, 11, 21, 10, 30), 0.1 + 0.2])
    sheet["E5"].number_format = "yyyy-mm-dd hh:mm"
    book.properties.created = book.properties.modified = datetime.datetime(2024, 11, 30)
    book.save(os.path.join(OUT, "openpyxl.xlsx"))


if __name__ == "__main__":
    openpyxl_fixture()
