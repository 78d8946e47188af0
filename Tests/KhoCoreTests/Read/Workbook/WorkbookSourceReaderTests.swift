import Foundation
import Testing
@testable import KhoCore

@Suite struct WorkbookSourceReaderTests {
    struct Result {
        var records: [Record] = []
        var unreadable: [UnreadableRow] = []
        var reader: WorkbookSourceReader
        func value(_ index: Int, _ field: String) -> String {
            records[index].values.string(TestSupport.dataset("ho-ngheo").fieldIndex(field)!)
        }
        var codes: [String] { reader.findings.map(\.code.rawValue) }
        func findings(_ code: String) -> [Finding] { reader.findings.filter { $0.code.rawValue == code } }
    }

    static func read(_ name: String, dataset: String = "ho-ngheo", sheet: SheetChoice = .firstVisible,
                     limits: ReadLimits = ReadLimits(), url: URL? = nil) throws -> Result {
        let schema = TestSupport.dataset(dataset)
        var source = UnitSource(dataset: dataset, files: "*")
        source.sheet = sheet
        let reader = try WorkbookSourceReader(input: InputFile(url: url ?? TestSupport.fixture("workbooks/" + name), unit: "test"), unit: "test",
                                              source: source, schema: schema, mapper: ColumnMapper(schema: schema, explicitColumns: []),
                                              limits: limits)
        var result = Result(reader: reader)
        while let item = try reader.next() {
            switch item {
            case .record(let record): result.records.append(record)
            case .unreadable(let row): result.unreadable.append(row)
            }
        }
        return result
    }

    static func refusal(_ name: String, limits: ReadLimits = ReadLimits()) -> ReadError? {
        do {
            _ = try read(name, limits: limits)
            return nil
        } catch let error as ReadError {
            return error
        } catch {
            return nil
        }
    }

    // MARK: - The Vietnamese sample

    @Test func vietnameseSampleUnderTitleRowsStopsAtTheTotals() throws {
        let result = try Self.read("ho-ngheo.xlsx")
        let report = result.reader.report
        #expect(report.format == "xlsx")
        #expect(report.sheet == "DanhSach")
        #expect(report.otherSheets == ["Ghi chú"])
        #expect(report.titleLines == [1, 2])
        #expect(report.headerLine == 4)
        #expect(report.totalsLine == 9)
        #expect(report.footerLines == [11, 12])
        #expect(result.records.map(\.source) == ["test/ho-ngheo.xlsx:5", "test/ho-ngheo.xlsx:6", "test/ho-ngheo.xlsx:7", "test/ho-ngheo.xlsx:8"])
        #expect(report.rowsRead == 4 && report.rowsExtracted == 4 && report.rowsUnreadable == 0)
        #expect(report.sha256.count == 64 && report.bytes > 0)
        // Each column's letters, so that a finding's line and field name its cell.
        #expect(report.columns.first { $0.field == "so_dinh_danh" }?.letters == "G")
    }

    @Test func valuesAsTheUserSawThem() throws {
        let result = try Self.read("ho-ngheo.xlsx")
        #expect(result.value(0, "ho_ten") == "Nguyễn Văn An")        // rich text runs
        #expect(result.value(1, "ho_ten") == "Trần Thị Bình")        // inline string
        #expect(result.value(2, "ho_ten") == "Lê Văn Cường")         // phonetic guide left out
        #expect(result.value(0, "ghi_chu") == "0.3")                  // no float noise
        #expect(result.value(1, "ghi_chu") == "Chủ hộ: Nguyễn Văn An") // a formula's cached text
        #expect(result.value(2, "ghi_chu") == "  khuyết tật  ")
        #expect(result.value(3, "ghi_chu") == "TRUE")
        #expect(result.value(0, "nam_ra_soat") == "2024")             // a formula's cached number
        #expect(result.value(0, "ma_xa") == "23293")
    }

    /// Identifiers typed as numbers come back as their digits; the lost zero is the normalizers'
    /// to restore, as for CSV.
    @Test func identifiersExcelTurnedIntoNumbers() throws {
        let result = try Self.read("ho-ngheo.xlsx")
        #expect(result.records.map { $0.values.string(TestSupport.dataset("ho-ngheo").fieldIndex("so_dinh_danh")!) }
                == ["62085314159", "62190123456", "62100234567", "62074197013"])
        #expect(result.value(0, "so_dien_thoai") == "912345678")
    }

    @Test func datesByNumberFormat() throws {
        let result = try Self.read("ho-ngheo.xlsx")
        #expect(result.value(0, "ngay_sinh") == "1979-07-13")     // dd/mm/yyyy
        #expect(result.value(1, "ngay_sinh") == "1987-01-01")     // built-in 14
        #expect(result.value(2, "ngay_sinh") == "2000-01-01")     // [$-42A]d "tháng" m "năm" yyyy
        #expect(result.value(3, "ngay_sinh") == "1900-02-29")     // the phantom day, left for the date check
        #expect(result.value(0, "ngay_cap_nhat") == "2024-01-15")
        #expect(result.value(2, "ngay_cap_nhat") == "15/01/2024") // text, as typed
        #expect(result.value(3, "ngay_cap_nhat") == "2024-01-17")
    }

    @Test func hiddenRowsAndColumnsAreKeptAndReported() throws {
        let result = try Self.read("ho-ngheo.xlsx")
        #expect(result.reader.report.hiddenRows == [7])
        #expect(result.reader.report.hiddenColumns == ["A"])
        let row = try #require(result.findings("row-hidden").first)
        #expect(row.location.line == 7)
        #expect(row.detail == "1 hidden rows kept: DanhSach!7")
        let column = try #require(result.findings("column-hidden").first)
        #expect(column.value == "STT")
        #expect(column.detail == "DanhSach!A:A")
        #expect(result.findings("sheet-not-read").map(\.value) == ["Ghi chú"])
        #expect(result.findings("totals-row-skipped").map(\.location.line) == [9])
    }

    /// The same sheet saved by LibreOffice's format reads to the same records.
    @Test func openDocumentSample() throws {
        let result = try Self.read("ho-ngheo.ods")
        let report = result.reader.report
        #expect(report.format == "ods")
        #expect(report.sheet == "DanhSach")
        #expect(report.otherSheets == ["Ẩn", "Ghi chú"])
        #expect(result.findings("sheet-not-read").map(\.detail) == ["hidden sheet", nil])
        #expect(report.titleLines == [1, 2])
        #expect(report.headerLine == 4)
        #expect(report.totalsLine == 9)
        #expect(report.footerLines == [11])
        #expect(report.hiddenRows == [7])
        #expect(report.hiddenColumns == ["A"])
        #expect(result.records.map(\.line) == [5, 6, 7])
        #expect(result.value(0, "ho_ten") == "Nguyễn Văn An")             // spans and <text:s/>, comment left out
        #expect(result.value(0, "ngay_sinh") == "1979-07-15")
        #expect(result.value(0, "ngay_cap_nhat") == "2024-01-15")
        #expect(result.value(1, "ngay_cap_nhat") == "2024-01-16T10:30:00")
        #expect(result.value(1, "ghi_chu") == "dòng 1\ndòng 2")
        #expect(result.value(2, "ghi_chu") == "10:30:00")
        #expect(result.value(0, "so_dinh_danh") == "62085314159")
        #expect(result.value(0, "ghi_chu") == "0.3")
        // The error cell makes its row unreadable, with its reference.
        #expect(result.unreadable.map(\.source) == ["test/ho-ngheo.ods:8"])
        #expect(result.unreadable.first?.code == .cellError)
        #expect(result.unreadable.first?.detail == "DanhSach!G8 #N/A")
        #expect(result.unreadable.first?.field == "so_dinh_danh")
    }

    @Test func repeatedRowsAreExpandedAndTheEmptyMillionCostsNothing() throws {
        let started = Date()
        let result = try Self.read("repeated.ods")
        #expect(result.records.map(\.line) == [2, 3, 4])
        #expect(result.value(2, "ma_xa") == "23293")
        #expect(Date().timeIntervalSince(started) < 5)
    }

    /// Written by openpyxl, not by our script: inline rich text, the 1904 system, a formula it
    /// could not compute (no cached value: the cell is empty, as the user would see it before a recalculation).
    @Test func aWorkbookWrittenByOpenpyxl() throws {
        let result = try Self.read("openpyxl.xlsx")
        #expect(result.reader.report.titleLines == [1])
        #expect(result.reader.report.headerLine == 3)
        #expect(result.records.map(\.line) == [4, 5])
        #expect(result.value(0, "ho_ten") == "Rơ Châm Hiếu")
        #expect(result.value(0, "so_dinh_danh") == "62080412957")
        #expect(result.value(0, "ma_xa") == "23527")
        #expect(result.value(0, "ngay_cap_nhat") == "2024-11-19")
        #expect(result.value(1, "ngay_cap_nhat") == "2024-11-21T10:30:00")
        #expect(result.value(0, "ghi_chu") == "")
        #expect(result.value(1, "ghi_chu") == "0.3")
    }

    // MARK: - Cases

    @Test func the1904DateSystem() throws {
        let result = try Self.read("date1904.xlsx")
        #expect(result.value(0, "ngay_cap_nhat") == "2024-01-15")
        #expect(result.value(0, "ghi_chu") == "2024-01-15T12:00:00")
        #expect(result.value(0, "so_dinh_danh") == "062085314159")
    }

    /// Another writer's dialect: the strict namespace under a prefix, rows and cells without `r`
    /// (each follows the one before), a shared formula whose cells keep only their cached values.
    @Test func anotherWritersDialect() throws {
        let result = try Self.read("dialect.xlsx")
        #expect(result.reader.report.headerLine == 1)
        #expect(result.records.map(\.line) == [2, 3, 5])
        #expect(result.records.indices.map { result.value($0, "ma_ho") } == ["235270001", "235270001", ""])
        #expect(result.records.indices.map { result.value($0, "ho_ten") } == ["A", "B", "C"])
        #expect(result.records.indices.map { result.value($0, "so_dinh_danh") } == ["62085314159", "62190123456", "62100234567"])
        #expect(result.records.indices.map { result.value($0, "ma_xa") } == ["23293", "23293", ""])
        #expect(result.records.indices.map { result.value($0, "ngay_cap_nhat") } == ["2024-01-15", "2024-01-16", ""])
        #expect(result.records.indices.map { result.value($0, "ghi_chu") } == ["", "", "TRUE"])
        #expect(result.unreadable.isEmpty)
    }

    @Test func errorCellsMakeTheirRowUnreadableWithTheirReference() throws {
        let result = try Self.read("errors.xlsx")
        #expect(result.unreadable.map(\.source) == ["test/errors.xlsx:2"])
        #expect(result.unreadable[0].code == .cellError)
        #expect(result.unreadable[0].detail == "Sheet1!C2 #N/A")
        // An error in a column no field reads does not matter.
        #expect(result.records.map(\.line) == [3])
        #expect(result.value(0, "ghi_chu") == "FALSE")
        #expect(result.reader.report.rowsRead == 2 && result.reader.report.rowsUnreadable == 1)
    }

    @Test func identifiersBeyondFifteenDigitsAreReportedNotRounded() throws {
        let result = try Self.read("precision.xlsx")
        #expect(result.unreadable.map(\.source) == ["test/precision.xlsx:2", "test/precision.xlsx:3"])
        #expect(result.unreadable.map(\.code) == [.numberPrecisionLost, .numberPrecisionLost])
        #expect(result.unreadable.map(\.detail) == ["Sheet1!C2", "Sheet1!C3"])
        #expect(result.value(0, "so_dinh_danh") == "123456789012345")
    }

    @Test func sheetChoice() throws {
        let first = try Self.read("sheets.xlsx")
        #expect(first.reader.report.sheet == "Danh sách")
        #expect(first.value(0, "ma_ho") == "first")
        #expect(first.findings("sheet-not-read").map(\.value) == ["Cũ", "TongHop"])
        let named = try Self.read("sheets.xlsx", sheet: .name("tonghop"))
        #expect(named.records.map(\.line) == [2, 3])
        #expect(named.value(0, "ma_ho") == "second")
        let hidden = try Self.read("sheets.xlsx", sheet: .index(1))
        #expect(hidden.value(0, "ma_ho") == "old")
        do {
            _ = try Self.read("sheets.xlsx", sheet: .name("Thiếu"))
            Issue.record("a missing sheet must be refused")
        } catch let error as ReadError {
            #expect(error.code == .sheetNotFound)
            #expect(error.message.contains("\"Cũ\" (hidden), \"Danh sách\", \"TongHop\""))
        }
    }

    // MARK: - Hostile and foreign files

    @Test func hostileWorkbooksAreRefusedWithAClearCode() {
        #expect(Self.refusal("doctype.xlsx")?.code == .xmlDtdRefused)
        #expect(Self.refusal("doctype.ods")?.code == .xmlDtdRefused)
        #expect(Self.refusal("traversal.xlsx")?.code == .archiveEntryUnsafe)
        #expect(Self.refusal("bomb.xlsx")?.code == .archiveTooLarge)
        #expect(Self.refusal("encrypted.xlsx")?.code == .workbookEncrypted)
        #expect(Self.refusal("encrypted.ods")?.code == .workbookEncrypted)
        #expect(Self.refusal("binary.xls")?.code == .workbookFormatUnsupported)
        #expect(Self.refusal("binary.xlsb")?.code == .workbookFormatUnsupported)
        #expect(Self.refusal("html.xls")?.code == .workbookFormatUnsupported)
        #expect(Self.refusal("binary.xls")?.message.contains("save it as .xlsx or CSV") == true)
        var small = ReadLimits()
        small.maxSharedStringsBytes = 4096
        #expect(Self.refusal("many-strings.xlsx", limits: small)?.code == .workbookLimitExceeded)
        #expect(Self.refusal("many-strings.xlsx") == nil)
    }

    /// A sheet that breaks off keeps the rows before it and says why, with the part and line.
    @Test func cellsBeyondTheSheetEndTheFileWithAFinding() throws {
        for name in ["beyond-columns.xlsx", "beyond-rows.xlsx"] {
            let result = try Self.read(name)
            let finding = try #require(result.findings("workbook-malformed").first)
            #expect(finding.detail?.contains("xl/worksheets/sheet1.xml") == true)
            #expect(result.records.isEmpty)
        }
    }

    // MARK: - Round trip

    /// Each sample CSV saved as .xlsx and .ods reads to the same records, on the same lines.
    @Test(arguments: ["so-gddt--co-so-giao-duc", "so-khdt--ho-kinh-doanh-2025", "ubnd-dak-ha--ho-ngheo-2024", "ubnd-kon-ray--ho-ngheo-kon-ray-2024"])
    func sampleCSVsReadTheSameAsWorkbooks(_ stem: String) throws {
        try Self.expectSameRecordsAsCSV(stem, folder: "workbooks/roundtrip")
    }

    /// `<folder>/<unit>--<stem>.xlsx` and `.ods` read to the same records, on the same lines, as the
    /// sample CSV `samples/inbox/<unit>/<stem>.*` they were made from.
    static func expectSameRecordsAsCSV(_ stem: String, folder fixtures: String) throws {
        let parts = stem.components(separatedBy: "--")
        let folder = TestSupport.repositoryRoot.appendingPathComponent("samples/inbox/\(parts[0])")
        let csvName = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix(parts[1] + ".") })
        let configuration = TestSupport.configuration
        let unit = try #require(configuration.units.first { $0.id == parts[0] })
        let source = try #require(unit.sources.first)
        let schema = unit.schema(for: TestSupport.dataset(source.dataset))
        func records(_ reader: SourceReader) throws -> [[String]] {
            var rows: [[String]] = []
            while let item = try reader.next() {
                switch item {
                case .record(let record): rows.append([String(record.line)] + record.values.strings)
                // A NUL cannot be in a workbook cell: such a CSV row is an empty workbook row.
                case .unreadable(let row) where row.code == .rowNulByte: continue
                case .unreadable(let row): rows.append(["unreadable", String(Record.split(row.source).line ?? 0)])
                }
            }
            return rows
        }
        let mapper = ColumnMapper(schema: schema, explicitColumns: source.columns)
        let csv = try records(CSVSourceReader(input: InputFile(url: folder.appendingPathComponent(csvName), unit: "test"), unit: "test",
                                              source: source, schema: schema, mapper: mapper, limits: ReadLimits()))
        #expect(csv.count > 3)
        for ending in ["xlsx", "ods"] {
            let url = TestSupport.fixture("\(fixtures)/\(stem).\(ending)")
            let workbook = try records(WorkbookSourceReader(input: InputFile(url: url, unit: "test"), unit: "test", source: source,
                                                            schema: schema, mapper: mapper, limits: ReadLimits()))
            #expect(workbook == csv, "\(stem).\(ending)")
        }
    }
}
