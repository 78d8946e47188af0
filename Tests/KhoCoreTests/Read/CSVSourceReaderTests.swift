import Foundation
import Testing
@testable import KhoCore

@Suite struct CSVSourceReaderTests {
    private let schema = TestSupport.dataset("ho-ngheo")

    /// Reads a fixture as a unit's `ho-ngheo` export: the records (field → value), unreadable rows, the reader.
    private func read(_ name: String, source: UnitSource? = nil, limits: ReadLimits = ReadLimits(),
                      url: URL? = nil) throws -> (records: [Record], unreadable: [UnreadableRow], reader: CSVSourceReader) {
        let source = source ?? UnitSource(dataset: "ho-ngheo", files: "*")
        let input = InputFile(url: url ?? TestSupport.fixture(name), unit: "test")
        let reader = try CSVSourceReader(input: input, unit: "test", source: source, schema: schema,
                                         mapper: ColumnMapper(schema: schema, explicitColumns: source.columns), limits: limits)
        var records: [Record] = [], unreadable: [UnreadableRow] = []
        while let item = try reader.next() {
            switch item {
            case .record(let record): records.append(record)
            case .unreadable(let row): unreadable.append(row)
            }
        }
        return (records, unreadable, reader)
    }

    private func value(_ record: Record, _ field: String) -> String { record.values.string(schema.fieldIndex(field)!) }

    @Test func windows1258ExcelExportWithTitlesAndTotals() throws {
        let (records, unreadable, reader) = try read("windows-1258-titles.csv")
        let report = reader.report
        #expect(report.encoding?.name == "windows-1258")
        #expect(report.delimiter == ";")
        #expect(report.titleLines == [1, 2, 3])      // two titles and a row of delimiters
        #expect(report.blankLines == 1)              // line 9, between the totals and the signatures
        #expect(report.headerLine == 4)
        #expect(report.totalsLine == 8)
        #expect(report.footerLines == [10])
        #expect(records.map(\.source) == ["test/windows-1258-titles.csv:5", "test/windows-1258-titles.csv:6", "test/windows-1258-titles.csv:7"])
        #expect(unreadable.isEmpty)
        #expect(report.rowsRead == 3 && report.rowsExtracted == 3 && report.rowsUnreadable == 0)
        // Values as found, decoded to NFC: the separate tone marks are composed with their letters.
        #expect(Array(value(records[2], "ho_ten").utf8) == Array("Nguyễn Văn Đức".precomposedStringWithCanonicalMapping.utf8))
        #expect(value(records[0], "ngay_sinh") == "05/03/1987")
        #expect(value(records[0], "so_dinh_danh") == "062187001234")
        #expect(reader.findings.map(\.code.rawValue).contains("column-unmapped"))
        #expect(reader.findings.first { $0.code.rawValue == "column-unmapped" }?.value == "STT")
        let missing = Set(reader.findings.filter { $0.code.rawValue == "required-column-missing" }.compactMap(\.location.field))
        #expect(missing == ["loai_ho", "ngay_cap_nhat"])
        #expect(report.sha256 == SHA256.hex(of: Array(try Data(contentsOf: TestSupport.fixture("windows-1258-titles.csv")))))
    }

    /// The totals row's words in every case the exports use, in any of the first three cells;
    /// names and codes that start with the same letters are rows.
    @Test func totalsRowsAreToldFromRowsThatStartAlike() {
        let totals = [["Tổng cộng", "", ""], ["", "TỔNG SỐ"], ["", "", "tổng số hộ"], ["Cộng"], ["CỘNG", "12"], ["cộng"],
                      ["Total"], ["TOTAL"], ["Tong cong"], ["Tổng"]]
        for cells in totals { #expect(CSVSourceReader.isTotalsRow(FieldRow(cells)), "\(cells)") }
        let rows = [["", "", "", "Tổng cộng"], ["Cộng hòa"], ["Tôn Thất Bình"], ["Công ty ABC"],
                    ["T"], ["C"], ["Tổng hợp"], ["Đội 1"], ["KT-000001"]]
        for cells in rows { #expect(!CSVSourceReader.isTotalsRow(FieldRow(cells)), "\(cells)") }
    }

    @Test(arguments: [("tcvn3-titles.csv", "tcvn3"), ("vni-titles.csv", "vni")])
    func legacyVietnameseExcelExport(_ name: String, _ encoding: String) throws {
        let (records, unreadable, reader) = try read(name)
        let report = reader.report
        #expect(report.encoding?.name == encoding)
        #expect(report.encoding?.origin == "detected")
        #expect((report.encoding?.confidence ?? 0) >= 0.6)
        #expect(report.delimiter == ";")
        #expect(report.titleLines == [1, 2, 3, 4])    // three titles and a row of delimiters
        #expect(report.headerLine == 5)
        #expect(report.totalsLine == 13)
        #expect(report.blankLines == 1)
        #expect(report.footerLines == [15])
        #expect(records.map(\.line) == Array(6...12))
        #expect(unreadable.isEmpty)
        #expect(report.rowsRead == 7 && report.rowsExtracted == 7 && report.undecodableBytes == 0)
        let nfc = { (text: String) in Array(text.precomposedStringWithCanonicalMapping.utf8) }
        #expect(Array(value(records[0], "ho_ten").utf8) == nfc("Nguyễn Thị Hoà"))
        #expect(Array(value(records[2], "ma_dan_toc").utf8) == nfc("Xơ Đăng"))
        #expect(Array(value(records[3], "dia_chi").utf8) == nfc("Làng Đăk Mứt"))
        #expect(Array(value(records[5], "ho_ten").utf8) == nfc("Vũ Văn Ửng"))
        #expect(Array(value(records[6], "ghi_chu").utf8) == nfc("Chồng đi làm ăn xa, nuôi hai cháu nhỏ, mẹ chồng đã già yếu"))
        #expect(value(records[4], "so_dinh_danh") == "062301002468")
        #expect(!reader.findings.contains { $0.code.rawValue.hasPrefix("encoding-") })
    }

    @Test func raggedRowsAreUnreadableNeverPaddedOrCut() throws {
        let (records, unreadable, _) = try read("ragged.csv")
        #expect(records.map(\.source) == ["test/ragged.csv:2", "test/ragged.csv:5"])
        #expect(unreadable.map(\.source) == ["test/ragged.csv:3", "test/ragged.csv:4"])
        #expect(unreadable.map(\.code.rawValue) == ["row-ragged", "row-ragged"])
        #expect(unreadable[1].text == "A3,A Blong,03/04/1991,extra")
    }

    @Test func utf16TabExport() throws {
        let (records, _, reader) = try read("utf16le-tab.txt")
        #expect(reader.report.encoding?.name == "utf-16le")
        #expect(reader.report.delimiter == "tab")
        #expect(records.count == 2)
        #expect(value(records[1], "ho_ten") == "Đinh Văn Rơ")
    }

    @Test func undecodableBytesMakeTheirRowUnreadableWithTheOffset() throws {
        let source = UnitSource(dataset: "ho-ngheo", files: "*", encoding: "utf-8")
        let (records, unreadable, reader) = try read("invalid-utf8.csv", source: source)
        #expect(records.count == 2)
        #expect(unreadable.map(\.source) == ["test/invalid-utf8.csv:3"])
        #expect(unreadable.map(\.code.rawValue) == ["encoding-undecodable"])
        let fileFinding = try #require(reader.findings.first { $0.code.rawValue == "encoding-undecodable" })
        #expect(fileFinding.severity == .error)
        let bytes = Array(try Data(contentsOf: TestSupport.fixture("invalid-utf8.csv")))
        #expect(reader.report.undecodableOffsets == [Int64(bytes.firstIndex(of: 0xFF)!)])
    }

    @Test func nulByteRowIsUnreadable() throws {
        let (records, unreadable, _) = try read("nul-byte.csv")
        #expect(records.count == 2)
        #expect(unreadable.map(\.code.rawValue) == ["row-nul-byte"])
        #expect(unreadable.map(\.source) == ["test/nul-byte.csv:3"])
    }

    @Test func headerNotFoundStillAccountsForEveryRow() throws {
        let folder = try TestSupport.temporaryFolder()
        let url = folder.appendingPathComponent("odd.csv")
        try Data("cot1,cot2\n1,2\n3,4\n".utf8).write(to: url)
        let (records, _, reader) = try read("", url: url)
        #expect(reader.findings.contains { $0.code.rawValue == "header-not-found" && $0.location.line == 1 })
        #expect(records.count == 2)
    }

    /// An over-long line is an unreadable row at its line wherever it is, quoted or not, last with
    /// no final newline too; only truly blank lines count as blank.
    @Test(arguments: [false, true])
    func overLongLinesAreUnreadableRowsNeverBlankLines(quoted: Bool) throws {
        let folder = try TestSupport.temporaryFolder()
        let url = folder.appendingPathComponent("long.csv")
        let long = quoted ? "\"" + String(repeating: "x", count: 300) + "\"" : String(repeating: "x", count: 300)
        let text = "ma_ho,ho_ten,so_dinh_danh\nH1,Y Lan,062187001234\nH2,\(long),062187001235\n\nH3,A Blong,062187001236\nH4,\(long),1"
        try Data(text.utf8).write(to: url)
        var limits = ReadLimits()
        limits.maxLineBytes = 200
        let (records, unreadable, reader) = try read("", limits: limits, url: url)
        #expect(records.map(\.line) == [2, 5])
        #expect(unreadable.map(\.source) == ["test/long.csv:3", "test/long.csv:6"])
        #expect(unreadable.map(\.code.rawValue) == ["line-too-long", "line-too-long"])
        #expect(unreadable[0].text.hasPrefix("H2,xxxx"))
        #expect(reader.report.blankLines == 1)
        #expect(reader.report.rowsRead == 4 && reader.report.rowsUnreadable == 2 && reader.report.rowsExtracted == 2)
    }

    /// The row that opened the quote keeps its text; the next row is not taken as data.
    @Test func unterminatedQuoteKeepsTheLineAndDoesNotTrustTheNext() throws {
        let (records, unreadable, reader) = try read("unterminated-quote.csv")
        #expect(records.map(\.line) == [2, 5])
        #expect(unreadable.map(\.code.rawValue) == ["quote-unterminated", "row-after-unterminated-quote"])
        #expect(unreadable.map(\.text) == ["A2,\"Y Hoa", "A3,A Blong"])
        #expect(reader.report.rowsRead == 4 && reader.report.rowsUnreadable == 2)
    }

    /// A line that cannot be read above the header is an unreadable row, not a title.
    @Test func unreadableLineAboveTheHeaderIsStillARow() throws {
        let folder = try TestSupport.temporaryFolder()
        let url = folder.appendingPathComponent("title.csv")
        let text = "DANH SACH HO NGHEO\n" + String(repeating: "y", count: 300) + "\nma_ho,ho_ten,so_dinh_danh\nH1,Y Lan,062187001234\n"
        try Data(text.utf8).write(to: url)
        var limits = ReadLimits()
        limits.maxLineBytes = 200
        let (records, unreadable, reader) = try read("", limits: limits, url: url)
        #expect(reader.report.headerLine == 3 && reader.report.titleLines == [1])
        #expect(unreadable.map(\.source) == ["test/title.csv:2"])
        #expect(records.map(\.line) == [4])
        #expect(reader.report.rowsRead == 2)
    }

    @Test func gzipBombIsRefusedAtTheLimit() throws {
        var limits = ReadLimits()
        limits.maxDecompressedBytes = 1 << 20
        #expect(throws: ReadError.self) { try read("bomb.csv.gz", limits: limits) }
    }

    @Test func explicitHeaderRowAndDelimiter() throws {
        var source = UnitSource(dataset: "ho-ngheo", files: "*")
        source.headerRow = 4
        source.delimiter = UInt8(ascii: ";")
        source.encoding = "windows-1258"
        let (records, _, reader) = try read("windows-1258-titles.csv", source: source)
        #expect(reader.report.encoding?.origin == "configured")
        #expect(records.count == 3)
    }
}
