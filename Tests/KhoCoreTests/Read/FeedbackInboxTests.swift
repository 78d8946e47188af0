import Foundation
import Testing
@testable import KhoCore

/// `feedback/`: one problem report per JSON file, strictly read.
@Suite struct FeedbackInboxTests {
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kdl-feedback-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    static let good = """
        {"dataset": "ho-ngheo", "unit": "ubnd-dak-ha", "field": "ma_dan_toc", "row": "23512-03-027",
         "description": "Dân tộc ghi sai", "reporter": "Nguyễn Văn A, Sở LĐTBXH", "date": "2026-11-20", "status": "answered"}
        """

    @Test func aGoodReportIsRead() throws {
        let folder = try Self.folder(["a.json": Self.good, ".b.json": "{", "notes.txt": "x"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = FeedbackInbox.load(from: folder, config: TestSupport.configuration, asOf: TestSupport.date("2026-11-29"))
        #expect(loaded.refused.isEmpty)
        #expect(loaded.reports == [FeedbackReport(file: "a.json", dataset: "ho-ngheo", unit: "ubnd-dak-ha", field: "ma_dan_toc", row: "23512-03-027",
                                                  description: "Dân tộc ghi sai", reporter: "Nguyễn Văn A, Sở LĐTBXH",
                                                  date: TestSupport.date("2026-11-20"), status: .answered)])
    }

    /// Each bad field is named with its file; the good report beside it is still read.
    @Test func aBadFieldIsRefusedNamingFileAndField() throws {
        let folder = try Self.folder([
            "a.json": Self.good,
            "b.json": """
                {"dataset": "ho-ngheo", "unit": "ubnd-xyz", "field": "ten_lua", "row": "", "description": "x", "reporter": "y",
                 "date": "2026-12-25", "status": "done", "phone": "0905"}
                """,
            "c.json": "{\"dataset\": ",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = FeedbackInbox.load(from: folder, config: TestSupport.configuration, asOf: TestSupport.date("2026-11-29"))
        #expect(loaded.reports.map(\.file) == ["a.json"])
        #expect(loaded.refused.map(\.rendered) == [
            "feedback/b.json: unit: \"ubnd-xyz\" is not a configured unit",
            "feedback/b.json: field: \"ten_lua\" is not a field of ho-ngheo",
            "feedback/b.json: row: must not be empty",
            "feedback/b.json: date: 2026-12-25 is after the processing date 2026-11-29",
            "feedback/b.json: status: expected \"open\", \"answered\" or \"resolved\"",
            "feedback/b.json: phone: unknown key",
            "feedback/c.json:1:13: not valid JSON: the file ends too early",
        ])
    }

    /// What cannot be a report is refused before a byte is read: a file over 64 KiB (JSON or CSV),
    /// a FIFO (reading it would wait for a writer forever) and a folder; the good report is kept.
    @Test func largeFilesFIFOsAndFoldersAreRefusedUnread() throws {
        let padding = String(repeating: " ", count: FeedbackInbox.maxBytes)
        let folder = try Self.folder(["a.json": Self.good, "big.json": Self.good + padding,
                                      "big.csv": "dataset,unit,field,row,description,reporter,date,status\n" + padding])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(folder.appendingPathComponent("pipe.json").path, 0o600) == 0)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("folder.csv"), withIntermediateDirectories: false)
        let loaded = FeedbackInbox.load(from: folder, config: TestSupport.configuration, asOf: TestSupport.date("2026-11-29"))
        #expect(loaded.reports.map(\.file) == ["a.json"])
        #expect(loaded.refused.map(\.rendered) == [
            "feedback/big.csv: larger than 64 KiB: not a problem report",
            "feedback/big.json: larger than 64 KiB: not a problem report",
            "feedback/folder.csv: not a regular file",
            "feedback/pipe.json: not a regular file",
        ])
        // A report exactly at the limit is still read.
        let atLimit = try Self.folder(["a.json": Self.good + String(repeating: " ", count: FeedbackInbox.maxBytes - Self.good.utf8.count)])
        defer { try? FileManager.default.removeItem(at: atLimit) }
        #expect(FeedbackInbox.load(from: atLimit, config: TestSupport.configuration, asOf: TestSupport.date("2026-11-29")).reports.count == 1)
    }

    @Test func countedByStatusWithinThePeriod() throws {
        func report(_ status: FeedbackReport.Status, _ date: String, unit: String = "u1") -> FeedbackReport {
            FeedbackReport(file: "\(date).json", dataset: "ho-ngheo", unit: unit, field: nil, row: "k", description: "d", reporter: "r",
                           date: TestSupport.date(date), status: status)
        }
        let reports = [report(.open, "2026-02-01"), report(.open, "2026-03-01"), report(.resolved, "2026-03-02"), report(.answered, "2025-12-31"),
                       report(.answered, "2026-04-01", unit: "u0")]
        #expect(FeedbackTally.count(reports, from: TestSupport.date("2026-01-01"), through: TestSupport.date("2026-12-31")) == [
            FeedbackTally(unit: "u0", dataset: "ho-ngheo", open: 0, answered: 1, resolved: 0),
            FeedbackTally(unit: "u1", dataset: "ho-ngheo", open: 2, answered: 0, resolved: 1),
        ])
        let annual = AnnualReport.build(year: 2026, history: [], feedback: reports)
        #expect(annual.feedback?.map(\.total) == [1, 3])
        #expect(AnnualReport.build(year: 2024, history: [], feedback: reports).feedback == nil)
        // Counts only: nothing of the description or reporter reaches the report.
        let json = String(decoding: try JSONOutput.encode(annual), as: UTF8.self)
        #expect(!json.contains("\"r\"") && !json.contains("description") && !json.contains("reporter"))
    }
}

/// `feedback/*.csv`: the same fields as the JSON form, one report per file, any encoding and delimiter.
@Suite struct FeedbackCSVTests {
    static let header = "dataset,unit,field,row,description,reporter,date,status\n"

    static func load(_ files: [String: [UInt8]]) throws -> FeedbackInbox.Loaded {
        let folder = try FeedbackInboxTests.folder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        return FeedbackInbox.load(from: folder, config: TestSupport.configuration, asOf: TestSupport.date("2026-11-29"))
    }

    @Test func aReportInUTF16WithSemicolonsIsReadLikeJSON() throws {
        let text = "dataset;unit;field;row;description;reporter;date;status\r\n"
            + "ho-ngheo;ubnd-dak-ha;ma_dan_toc;23512-03-027;Dân tộc ghi sai;Nguyễn Văn A, Sở LĐTBXH;2026-11-20;answered\r\n"
        let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let loaded = try Self.load(["a.csv": utf16, "b.json": Array(FeedbackInboxTests.good.utf8)])
        #expect(loaded.refused.isEmpty, "\(loaded.refused.map(\.rendered))")
        let csv = try #require(loaded.reports.first { $0.file == "a.csv" })
        var json = try #require(loaded.reports.first { $0.file == "b.json" })
        json.file = "a.csv"
        #expect(csv == json)
    }

    /// An empty optional cell is absent: no field, and the status open.
    @Test func emptyOptionalCellsAreAbsent() throws {
        let loaded = try Self.load(["a.csv": Array((Self.header + "ho-ngheo,ubnd-dak-ha,,\"data/ho-ngheo.csv, dòng / line 5\",Thiếu hộ,B,2026-11-20,\n").utf8)])
        #expect(loaded.refused.isEmpty)
        #expect(loaded.reports.map(\.field) == [nil] && loaded.reports.map(\.status) == [.open])
        #expect(loaded.reports.map { FeedbackRow($0.row) } == [.reference(file: "data/ho-ngheo.csv", line: 5)])
    }

    /// Bad cells are named by file, line and field; the file is refused whole, the others kept.
    @Test func aBadCellRefusesTheFileNamingLineAndField() throws {
        let loaded = try Self.load([
            "a.csv": Array((Self.header + "ho-ngheo,ubnd-dak-ha,ten_lua,k,d,r,2026-11-31,closed\n").utf8),
            "b.csv": Array((Self.header + "ho-ngheo,ubnd-dak-ha,,k,d,r,2026-11-20,\nho-ngheo,ubnd-dak-ha,,k2,d,r,2026-11-20,\n").utf8),
            "c.csv": Array("dataset,unit,row,description,reporter,date,phone\nho-ngheo,ubnd-dak-ha,k,,r,2026-11-20,0905\n".utf8),
            "d.csv": Array((Self.header + "ho-ngheo,ubnd-dak-ha,,k,d\n").utf8),
            "e.csv": Array("dataset,dataset\n".utf8),
            "f.csv": Array((Self.header + "quan-trac-moi-truong,so-nnmt,,KT-01,d,r,2026-11-20,\n").utf8),
            "g.csv": Array((Self.header + "ho-ngheo,ubnd-dak-ha,,k,d,r,2026-11-20,\n").utf8),
        ])
        #expect(loaded.reports.map(\.file) == ["g.csv"])
        #expect(loaded.refused.map(\.rendered) == [
            "feedback/a.csv:2: field: \"ten_lua\" is not a field of ho-ngheo",
            "feedback/a.csv:2: date: expected a date YYYY-MM-DD, found \"2026-11-31\"",
            "feedback/a.csv:2: status: expected \"open\", \"answered\" or \"resolved\"",
            "feedback/b.csv:3: one report per file: this line is a second report",
            "feedback/c.csv:2: description: must not be empty",
            "feedback/c.csv:2: phone: unknown key",
            "feedback/d.csv:2: 5 cells, the header has 8 columns",
            "feedback/e.csv:1: dataset: column given twice",
            "feedback/f.csv:2: row: expected a row reference (file.csv:line) or the key ma_tram|thoi_gian in 2 parts separated by |",
        ])
    }
}

@Suite struct FeedbackRowTests {
    @Test func referencesAreToldFromKeys() {
        #expect(FeedbackRow("data/ho-ngheo.csv:12") == .reference(file: "data/ho-ngheo.csv", line: 12))
        #expect(FeedbackRow(" data/ho-ngheo.csv, dòng / line 2 ").shown == "data/ho-ngheo.csv:2")
        #expect(FeedbackRow("ho-ngheo.csv, line 3").shown == "ho-ngheo.csv:3")
        // Anything else may carry a value: a key, never shown.
        #expect(FeedbackRow("062085171883") == .key(["062085171883"]))
        #expect(FeedbackRow("data/ho-ngheo.csv, CCCD 062085171883").shown == nil)
        #expect(FeedbackRow("Nguyễn Văn A.csv:2").shown == nil)
        #expect(FeedbackRow("data/x.csv:0").shown == nil)
        #expect(FeedbackRow("KT-01 | 2026-11-20T07:00:00").keyText == "KT-01|2026-11-20T07:00:00")
    }
}
