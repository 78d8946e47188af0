import Foundation
import Testing
@testable import KhoCore

/// Workbooks written by real software (`scripts/make-office-workbooks.sh`): LibreOffice from
/// hand-written `.fods` and from the sample CSVs, openpyxl for what LibreOffice does not write.
/// LibreOffice stamps its files with the time of conversion, so these tests assert what is read,
/// never the bytes.
@Suite struct OfficeWorkbookTests {
    typealias Result = WorkbookSourceReaderTests.Result

    static func read(_ name: String, sheet: SheetChoice = .firstVisible) throws -> Result {
        try WorkbookSourceReaderTests.read("office/" + name, sheet: sheet)
    }

    static func column(_ result: Result, _ field: String) -> [String] {
        result.records.indices.map { result.value($0, field) }
    }

    // MARK: - The commune's list, saved by LibreOffice as .xlsx and as .ods

    @Test(arguments: ["xlsx", "ods"])
    func theCommuneListUnderItsTitlesStopsAtTheTotals(_ ending: String) throws {
        let result = try Self.read("ho-ngheo-sa-binh.\(ending)", sheet: .name("danhsach"))
        let report = result.reader.report
        #expect(report.format == ending)
        #expect(report.sheet == "DanhSach")
        #expect(report.otherSheets == ["Ghi chú", "Ẩn"])
        #expect(result.findings("sheet-not-read").map(\.detail) == [nil, "hidden sheet"])
        #expect(report.titleLines == [1, 2])
        #expect(report.headerLine == 4)
        #expect(report.totalsLine == 11)
        #expect(report.footerLines == [13, 14])
        #expect(result.findings("totals-row-skipped").map(\.detail) == ["DanhSach!11"])
        #expect(result.records.map(\.line) == [5, 6, 7, 8])
        #expect(report.rowsRead == 6 && report.rowsExtracted == 4 && report.rowsUnreadable == 2)
        #expect(report.columns.first { $0.field == "so_dinh_danh" }?.letters == "G")
        #expect(result.findings("column-unmapped").map(\.value) == ["STT"])
    }

    @Test(arguments: ["xlsx", "ods"])
    func theCommuneListsValuesAsTheClerkSawThem(_ ending: String) throws {
        let result = try Self.read("ho-ngheo-sa-binh.\(ending)", sheet: .name("DanhSach"))
        #expect(Self.column(result, "ma_ho") == ["235270001", "235270001", "235270001", "235270004"])
        // Rich text runs joined; the formula's cached text.
        #expect(Self.column(result, "ho_ten") == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "A Thút"])
        // Date-styled serial, dd/mm/yyyy text as typed, a custom "d tháng m năm yyyy" format, ISO text.
        #expect(Self.column(result, "ngay_sinh") == ["1979-07-13", "03/02/1987", "2005-03-20", "1973-09-10"])
        // CCCDs typed as numbers lost their zero (the normalizers restore it); one typed as text kept it.
        #expect(Self.column(result, "so_dinh_danh") == ["62085314159", "062187001234", "62205012345", "62073198204"])
        #expect(Self.column(result, "ma_xa") == ["23527", "23527", "23527", "23527"])
        #expect(Self.column(result, "so_dien_thoai") == ["912345678", "", "", "387550126"])
        #expect(Self.column(result, "dia_chi") == ["Thôn 1", "Thôn 1\nxã Sa Bình", "Thôn 1", "Làng Chốt"])
        #expect(Self.column(result, "loai_ho") == ["Nghèo", "Nghèo", "Nghèo", "Cận nghèo"])
        // A formula's cached number.
        #expect(Self.column(result, "nam_ra_soat") == ["2024", "2024", "2024", "2024"])
        #expect(Self.column(result, "ngay_cap_nhat") == ["2024-01-15", "2024-01-16T10:30:00", "2024-01-15", "2024-01-17"])
        // 0.1+0.2 (LibreOffice stores it rounded to 15 digits), a formula's text, a boolean, a currency amount.
        #expect(Self.column(result, "ghi_chu") == ["0.3", "Chủ hộ: Nguyễn Văn An", "TRUE", "1500000"])
    }

    @Test(arguments: ["xlsx", "ods"])
    func theCommuneListsDamagedRowsAndHiddenCellsAreReported(_ ending: String) throws {
        let result = try Self.read("ho-ngheo-sa-binh.\(ending)", sheet: .name("DanhSach"))
        let path = "test/ho-ngheo-sa-binh.\(ending)"
        #expect(result.unreadable.map(\.source) == ["\(path):9", "\(path):10"])
        #expect(result.unreadable.map(\.code) == [.cellError, .numberPrecisionLost])
        #expect(result.unreadable.map(\.field) == ["so_dinh_danh", "so_dinh_danh"])
        #expect(result.unreadable.map(\.detail) == ["DanhSach!G9 #N/A", "DanhSach!G10"])
        #expect(result.reader.report.hiddenRows == [8])
        #expect(result.reader.report.hiddenColumns == ["A"])
        #expect(result.findings("row-hidden").map(\.detail) == ["1 hidden rows kept: DanhSach!8"])
        #expect(result.findings("column-hidden").map(\.detail) == ["DanhSach!A:A"])
        #expect(result.findings("column-hidden").map(\.value) == ["STT"])
    }

    /// The first visible sheet is the notes, as a unit's workbook often starts; a name or an index
    /// chooses another, hidden ones included.
    @Test(arguments: ["xlsx", "ods"])
    func theSheetIsChosenByNameOrIndex(_ ending: String) throws {
        let notes = try Self.read("ho-ngheo-sa-binh.\(ending)")
        #expect(notes.reader.report.sheet == "Ghi chú")
        #expect(notes.codes.contains("header-not-found"))
        #expect(notes.reader.report.otherSheets == ["Ẩn", "DanhSach"])
        let hidden = try Self.read("ho-ngheo-sa-binh.\(ending)", sheet: .index(2))
        #expect(hidden.reader.report.sheet == "Ẩn")
        #expect(hidden.records.map(\.line) == [2])
        // Fifteen digits are still exact.
        #expect(hidden.value(0, "so_dinh_danh") == "123456789012345")
        #expect(hidden.value(0, "ma_ho") == "235270099")
        let third = try Self.read("ho-ngheo-sa-binh.\(ending)", sheet: .index(3))
        #expect(third.reader.report.sheet == "DanhSach")
        #expect(third.records.count == 4)
        do {
            _ = try Self.read("ho-ngheo-sa-binh.\(ending)", sheet: .name("Tổng hợp"))
            Issue.record("a missing sheet must be refused")
        } catch let error as ReadError {
            #expect(error.code == .sheetNotFound)
            #expect(error.message.contains("\"Ghi chú\", \"Ẩn\" (hidden), \"DanhSach\""))
        }
        do {
            _ = try Self.read("ho-ngheo-sa-binh.\(ending)", sheet: .index(4))
            Issue.record("a missing sheet must be refused")
        } catch let error as ReadError {
            #expect(error.code == .sheetNotFound)
        }
    }

    // MARK: - What LibreOffice writes that a hand-made file rarely has

    /// A date column formatted to the last row and column: the .ods repeats styled empty rows up
    /// to row 1 048 576 and cells up to XFD, the .xlsx writes 16 384 empty styled cells per row.
    @Test(arguments: ["xlsx", "ods"])
    func layoutLibreOfficeWrites(_ ending: String) throws {
        let started = Date()
        let result = try Self.read("layout-cases.\(ending)")
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(result.reader.report.sheet == "Cases")
        #expect(result.reader.report.headerLine == 1)
        #expect(result.records.map(\.line) == [2, 3])
        #expect(result.unreadable.isEmpty)
        // The cell merged down two rows shows once; the covered cell below it is empty.
        #expect(Self.column(result, "ma_ho") == ["235270010", ""])
        // Runs of spaces (`<text:s/>`) and a trailing space kept as typed.
        #expect(Self.column(result, "ho_ten") == ["Rơ  Châm Hiếu", "Y Blưm "])
        #expect(Self.column(result, "so_dinh_danh") == ["62080412957", "62183530418"])
        // Equal neighbours written once with a column repeat.
        #expect(Self.column(result, "ten_xa") == ["Sa Bình", "Sa Bình"])
        #expect(Self.column(result, "dia_chi") == ["Sa Bình", "Làng Rắc"])
        #expect(Self.column(result, "ngay_cap_nhat") == ["2024-11-19", "2024-11-21T10:30:00"])
        // A time of day, and a small number written without exponent.
        #expect(Self.column(result, "ghi_chu") == ["10:30:00", "0.0000001"])
        #expect(Self.column(result, "ngay_sinh") == ["1980-04-12", "12/04/1983"])
        #expect(result.reader.report.blankLines == 0)
    }

    // MARK: - openpyxl

    /// The 1904 system, strings inline (openpyxl writes them all so) and rich inline runs, a hidden
    /// first sheet, a formula without a cached value.
    @Test func openpyxlWorkbookIn1904System() throws {
        let result = try Self.read("openpyxl-1904.xlsx")
        let report = result.reader.report
        #expect(report.sheet == "DanhSach")
        #expect(report.otherSheets == ["Cũ"])
        #expect(result.findings("sheet-not-read").map(\.detail) == ["hidden sheet"])
        #expect(report.titleLines == [1, 2])
        #expect(report.headerLine == 4)
        #expect(report.totalsLine == 11)
        #expect(report.footerLines == [13])
        #expect(result.records.map(\.line) == [5, 6, 7, 9])
        #expect(Self.column(result, "ho_ten") == ["Rơ Châm Hiếu", "Y Blưm", "Rơ Châm Thơ", "Y Sương"])
        #expect(Self.column(result, "so_dinh_danh") == ["62080412957", "62183530418", "62208215366", "62176904471"])
        // dd/mm/yyyy, the built-in 14, a custom Vietnamese format, text.
        #expect(Self.column(result, "ngay_sinh") == ["1980-04-12", "1983-08-26", "2008-04-01", "03/02/1976"])
        #expect(Self.column(result, "ngay_cap_nhat") == ["2024-11-19", "2024-11-21T10:30:00", "2024-11-19", "2024-11-19"])
        #expect(Self.column(result, "ghi_chu") == ["TRUE", "", "0.3", "FALSE"])
        #expect(result.unreadable.map(\.code) == [.cellError, .numberPrecisionLost])
        #expect(result.unreadable.map(\.detail) == ["DanhSach!D8 #N/A", "DanhSach!D10"])
        #expect(report.hiddenRows == [7])
        #expect(report.hiddenColumns == ["A"])
    }

    /// Dates as ISO text in the cell (`t="d"`).
    @Test func openpyxlISODateCells() throws {
        let result = try Self.read("openpyxl-iso-dates.xlsx")
        #expect(result.records.map(\.line) == [2])
        #expect(result.value(0, "ngay_sinh") == "1980-04-12")
        #expect(result.value(0, "ngay_cap_nhat") == "2024-11-21T10:30:00")
    }

    /// Excel's 1900 system: serial 60 is the day Excel counts but the calendar lacks, kept as
    /// written for the date check to reject; the days around it are exact. `#REF!` makes its row
    /// unreadable, naming the cell.
    @Test func openpyxlPhantomLeapDayAndReferenceError() throws {
        let result = try Self.read("openpyxl-1900.xlsx")
        #expect(result.records.map(\.line) == [2, 3, 4])
        #expect(Self.column(result, "ngay_sinh") == ["1900-02-28", "1900-02-29", "1900-03-01"])
        #expect(result.unreadable.map(\.code) == [.cellError])
        #expect(result.unreadable.map(\.detail) == ["DanhSach!D5 #REF!"])
    }

    /// A workbook protected by a password, encrypted as Office does it (msoffcrypto-tool), is
    /// refused with the message that tells the unit what to send instead.
    @Test func passwordProtectedWorkbookIsRefused() throws {
        let error = try #require(WorkbookSourceReaderTests.refusal("office/msoffcrypto-encrypted.xlsx"))
        #expect(error.code == .workbookEncrypted)
        #expect(error.message.hasSuffix("the workbook is protected by a password; send it without a password"))
    }

    // MARK: - A header over two rows

    /// A group title merged across its sub-headers, the other names merged down both rows: the two
    /// rows are one header, whichever of them the header search lands on, and a finding says so.
    @Test(arguments: ["xlsx", "ods"])
    func aHeaderOverTwoRowsIsJoined(_ ending: String) throws {
        for (sheet, headerLine, titles) in [("Dưới", 2, [1]), ("Trên", 1, [])] {
            let result = try Self.read("header-two-rows.\(ending)", sheet: .name(sheet))
            let report = result.reader.report
            #expect(report.headerLine == headerLine, "\(sheet)")
            #expect(report.titleLines == titles, "\(sheet)")
            #expect(result.findings("header-two-rows").map(\.detail) == ["\(sheet)!\(headerLine):\(headerLine + 1)"])
            #expect(result.findings("header-two-rows").map(\.location.line) == [headerLine])
            #expect(result.records.map(\.line) == [headerLine + 2, headerLine + 3], "\(sheet)")
            #expect(report.columns.map(\.field) == ["ma_ho", "ho_ten", "ngay_sinh", "gioi_tinh", "ma_dan_toc", "so_dinh_danh", "ma_xa", "dia_chi"])
            #expect(report.missingFields == ["quan_he_chu_ho", "ten_xa", "so_dien_thoai", "loai_ho", "nam_ra_soat", "ngay_cap_nhat", "ghi_chu"])
            #expect(Self.column(result, "ho_ten") == ["Rơ Châm Hiếu", "Y Blưm"])
            #expect(Self.column(result, "ngay_sinh") == ["12/04/1980", "26/08/1983"])
            #expect(Self.column(result, "so_dinh_danh") == ["62080412957", "62183530418"])
            #expect(Self.column(result, "dia_chi") == ["Làng Rắc", "Làng Rắc"])
        }
        // A title right above a one-row header and the data right below it are not joined to it.
        let single = try Self.read("header-two-rows.\(ending)", sheet: .name("Một dòng"))
        #expect(single.reader.report.titleLines == [1])
        #expect(single.reader.report.headerLine == 2)
        #expect(single.findings("header-two-rows").isEmpty)
        #expect(single.records.map(\.line) == [3, 4])
        #expect(Self.column(single, "ma_ho") == ["235270001", "235270001"])
    }

    // MARK: - Round trip

    /// Each sample CSV imported by LibreOffice as a clerk would (its encoding and separator, every
    /// column as text) and saved as .xlsx and .ods reads to the same records as the CSV itself.
    @Test(arguments: ["so-gddt--co-so-giao-duc", "so-khdt--ho-kinh-doanh-2025", "ubnd-dak-ha--ho-ngheo-2024", "ubnd-kon-ray--ho-ngheo-kon-ray-2024"])
    func sampleCSVsSavedByLibreOfficeReadTheSame(_ stem: String) throws {
        try WorkbookSourceReaderTests.expectSameRecordsAsCSV(stem, folder: "workbooks/office/roundtrip")
    }
}
