#!/usr/bin/env bash
# Regenerates the workbook fixtures written by real software, under
# Tests/KhoCoreTests/Fixtures/workbooks/office/:
#
#   <name>.xlsx, <name>.ods       LibreOffice (headless soffice) from the hand-written source/<name>.fods
#   roundtrip/<unit>--<stem>.*    LibreOffice from each sample CSV in samples/inbox, imported as a unit
#                                 clerk would: its encoding and separator, every column as text
#   openpyxl-*.xlsx               openpyxl (PyPI), for what LibreOffice does not write: the 1904 date
#                                 system, inline and rich inline strings, ISO date cells, a hidden first
#                                 sheet, Excel's phantom 1900-02-29, #REF!
#   msoffcrypto-encrypted.xlsx    openpyxl-1900.xlsx protected by a password, by msoffcrypto-tool (PyPI)
#
# Needs LibreOffice (Debian: apt-get install libreoffice-calc-nogui) and python3 with venv; openpyxl
# and msoffcrypto-tool go into a venv under .build-ci-workbooks. The tests read the committed files and never need
# either: run this only to change a fixture, then commit the files it writes.
#
# LibreOffice stamps the time of conversion into docProps and meta.xml, so the files differ byte for
# byte from run to run; the tests assert the rows and findings read from them, never their bytes.
#
#   scripts/make-office-workbooks.sh [fods] [roundtrip] [openpyxl]     (all three by default)
set -euo pipefail
parts=" ${*:-fods roundtrip openpyxl} "

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/Tests/KhoCoreTests/Fixtures/workbooks/office"
VENV="${KDL_WORKBOOK_VENV:-$ROOT/.build-ci-workbooks}"
PROFILE=$(mktemp -d /tmp/kdl-soffice-XXXXXX)
WORK=$(mktemp -d /tmp/kdl-workbooks-XXXXXX)
trap 'rm -rf "$PROFILE" "$WORK"' EXIT

[[ "$parts" != *" fods "* && "$parts" != *" roundtrip "* ]] || command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-calc-nogui" >&2; exit 69; }

# A private profile: no first-start dialogs, nothing shared with a desktop session.
soffice_convert() { # <filter> <infilter or ""> <outdir> <file>
    local infilter=()
    [[ -n "$2" ]] && infilter=(--infilter="$2")
    soffice --headless --norestore -env:UserInstallation="file://$PROFILE" "${infilter[@]}" \
        --convert-to "$1" --outdir "$3" "$4" >/dev/null 2>&1
}

# MARK: - From the hand-written .fods

[[ "$parts" == *" fods "* ]] && for source in "$OUT"/source/*.fods; do
    soffice_convert "xlsx:Calc MS Excel 2007 XML" "" "$OUT" "$source"
    soffice_convert "ods:calc8" "" "$OUT" "$source"
done

# MARK: - Round trip: each sample CSV as LibreOffice imports it

# The CSV filter's options: separator, quote (34), character set (LibreOffice's numbers: 76 UTF-8,
# 65535 UTF-16, 40 Windows-1258), first line, then column formats (2 = text, so that leading zeros
# and dd/mm/yyyy dates stay as typed), language, quoted fields as text, no special numbers.
all_text=$(seq -s / 1 64 | sed 's#\([0-9]*\)#\1/2#g')
mkdir -p "$OUT/roundtrip"
[[ "$parts" == *" roundtrip "* ]] && for csv in "$ROOT"/samples/inbox/*/*.csv "$ROOT"/samples/inbox/*/*.txt; do
    [[ -e "$csv" ]] || continue
    unit=$(basename "$(dirname "$csv")")
    name=$(basename "$csv")
    stem="$unit--${name%.*}"
    head=$(head -c 4096 "$csv" | od -An -tx1 | tr -d ' \n')
    case "$head" in
        fffe*|feff*) charset=65535 ;;
        *) if iconv -f UTF-8 -t UTF-8 "$csv" >/dev/null 2>&1; then charset=76; else charset=40; fi ;;
    esac
    sample=$(head -c 4096 "$csv" | iconv -f "$([[ $charset == 65535 ]] && echo UTF-16 || echo UTF-8)" -t UTF-8 -c)
    separator=44
    best=$(tr -cd ',' <<<"$sample" | wc -c)
    for candidate in 59 9 124; do
        count=$(tr -cd "$(printf "\\$(printf %o "$candidate")")" <<<"$sample" | wc -c)
        if (( count > best )); then best=$count; separator=$candidate; fi
    done
    cp "$csv" "$WORK/$stem.csv"
    options="CSV:$separator,34,$charset,1,$all_text,1066,true,false"
    soffice_convert "xlsx:Calc MS Excel 2007 XML" "$options" "$OUT/roundtrip" "$WORK/$stem.csv"
    soffice_convert "ods:calc8" "$options" "$OUT/roundtrip" "$WORK/$stem.csv"
done

# MARK: - openpyxl

[[ "$parts" == *" openpyxl "* ]] || exit 0
if [[ ! -x "$VENV/bin/python" ]]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "openpyxl==3.1.5" "msoffcrypto-tool==5.4.2"
fi
"$VENV/bin/python" - "$OUT" <<'PYTHON'
import datetime, os, sys
import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

out = sys.argv[1]
stamp = datetime.datetime(2024, 11, 30)

# The 1904 system, strings inline (openpyxl writes every string so) and rich inline text, a hidden
# first sheet, a hidden row and column, dates under four formats, numbers where identifiers belong,
# an error value, a boolean, a formula openpyxl cannot compute (no cached value), a totals row.
book = openpyxl.Workbook()
book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
old = book.active
old.title = "Cũ"
old.sheet_state = "hidden"
old.append(["Mã hộ", "Họ và tên"])
old.append(["old", "Danh sách cũ"])
sheet = book.create_sheet("DanhSach")
sheet.append(["DANH SÁCH HỘ NGHÈO NĂM 2024"])
sheet.merge_cells("A1:H1")
sheet.append(["Xã Sa Bình, huyện Sa Thầy"])
sheet.merge_cells("A2:H2")
sheet.append([])
sheet.append(["STT", "Mã hộ", "Họ và tên", "Số CCCD", "Mã xã", "Ngày sinh", "Ngày rà soát", "Ghi chú"])
rows = [
    [1, "235270001", CellRichText([TextBlock(InlineFont(b=True), "Rơ Châm "), "Hiếu"]), 62080412957, 23527,
     datetime.date(1980, 4, 12), datetime.date(2024, 11, 19), True],
    [2, "235270001", "Y Blưm", 62183530418, 23527, datetime.date(1983, 8, 26), datetime.datetime(2024, 11, 21, 10, 30), "=B6&\"-x\""],
    [3, "235270001", "Rơ Châm Thơ", 62208215366, 23527, datetime.date(2008, 4, 1), datetime.date(2024, 11, 19), 0.1 + 0.2],
    [4, "235270004", "A Thút", "#N/A", 23527, datetime.date(1973, 2, 11), datetime.date(2024, 11, 19), None],
    [5, "235270004", "Y Sương", 62176904471, 23527, "03/02/1976", datetime.date(2024, 11, 19), False],
    [6, "235270004", "A Hiên", 1234567890123456, 23527, datetime.date(2004, 5, 6), datetime.date(2024, 11, 19), None],
]
for row in rows:
    sheet.append(row)
formats = ["dd/mm/yyyy", "mm-dd-yy", '[$-42A]d "tháng" m "năm" yyyy', "dd/mm/yyyy", None, "dd/mm/yyyy"]
for index, code in enumerate(formats):
    if code:
        sheet.cell(row=5 + index, column=6).number_format = code
    sheet.cell(row=5 + index, column=7).number_format = "yyyy-mm-dd hh:mm" if index == 1 else "dd/mm/yyyy"
sheet.row_dimensions[7].hidden = True
sheet.column_dimensions["A"].hidden = True
sheet.append(["Tổng cộng", None, "6 người"])
sheet.append([])
sheet.append([None, None, "Người lập biểu", None, None, None, "CHỦ TỊCH UBND XÃ"])
book.properties.created = book.properties.modified = stamp
book.save(os.path.join(out, "openpyxl-1904.xlsx"))

# Dates stored as ISO text in the cell (`t="d"`), as openpyxl writes them when asked to.
book = openpyxl.Workbook(iso_dates=True)
sheet = book.active
sheet.title = "DanhSach"
sheet.append(["Mã hộ", "Họ và tên", "Ngày sinh", "Ngày rà soát"])
sheet.append(["235270001", "Rơ Châm Hiếu", datetime.date(1980, 4, 12), datetime.datetime(2024, 11, 21, 10, 30)])
sheet["C2"].number_format = "dd/mm/yyyy"
sheet["D2"].number_format = "yyyy-mm-dd hh:mm"
book.properties.created = book.properties.modified = stamp
book.save(os.path.join(out, "openpyxl-iso-dates.xlsx"))

# The 1900 system as Excel counts it — serials 59, 60 (its phantom 1900-02-29) and 61 under a date
# format — and an error value `#REF!` (openpyxl writes a string that is an error code as one).
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "DanhSach"
sheet.append(["Mã hộ", "Họ và tên", "Ngày sinh", "Ghi chú"])
sheet.append(["235270001", "A Thút", 59, None])
sheet.append(["235270002", "Y Sương", 60, None])
sheet.append(["235270003", "A Hiên", 61, None])
sheet.append(["235270004", "Rơ Châm Thơ", 45000, "#REF!"])
for row in range(2, 6):
    sheet.cell(row=row, column=3).number_format = "dd/mm/yyyy"
book.properties.created = book.properties.modified = stamp
plain = os.path.join(out, "openpyxl-1900.xlsx")
book.save(plain)

# The same workbook protected by a password, encrypted as Office does (agile encryption in a
# compound file), by msoffcrypto-tool.
import msoffcrypto.format.ooxml
with open(plain, "rb") as source, open(os.path.join(out, "msoffcrypto-encrypted.xlsx"), "wb") as target:
    msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("matkhau", target)
PYTHON

ls -l "$OUT" "$OUT/roundtrip"
