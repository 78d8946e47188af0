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
