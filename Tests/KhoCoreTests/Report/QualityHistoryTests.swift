import Foundation
import Testing
@testable import KhoCore

@Suite struct QualityHistoryTests {
    @Test func makeSummarizesInAFixedOrder() throws {
        let reports = HTMLQualityReportTests.reports()
        let bundle = ReportFixtures.bundle("ho-ngheo", qualities: reports, stale: true, withheld: [.grade(.c, limit: .c)])
        let history = QualityHistory.make(asOf: TestSupport.date("2025-09-30"), qualities: reports.reversed(), bundles: [bundle])
        #expect(history == QualityHistory.make(asOf: TestSupport.date("2025-09-30"), qualities: reports, bundles: [bundle]))
        #expect(history.version == QualityHistory.currentVersion)
        #expect(history.units.map(\.unit) == ["ubnd-a", "ubnd-b"])
        let spoiled = history.units[1]
        #expect(spoiled.rows == reports[1].rows && spoiled.score == reports[1].score)
        #expect(spoiled.findings.map(\.code) == spoiled.findings.map(\.code).sorted())
        #expect(spoiled.findings.first { $0.code == "required" } == .init(code: "required", severity: .error, principle: .completeness, count: 1))
        #expect(spoiled.completeness.first { $0.field == "ho_ten" }?.filled == 1)
        #expect(history.datasets == [.init(dataset: "ho-ngheo", grade: bundle.quality.grade, overall: bundle.quality.overall,
                                           rowsBundled: bundle.quality.rowsBundled, duplicatesAcrossUnits: 0, stale: true,
                                           openWithheld: [.grade(.c, limit: .c)])])
        let decoded = try JSONDecoder().decode(QualityHistory.self, from: Data(JSONOutput.encode(history)))
        #expect(decoded == history)
    }

    @Test func loadReadsDatedFilesOldestFirstAndReportsTheRest() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reports = HTMLQualityReportTests.reports()
        for date in ["2025-09-30", "2025-01-31", "2025-05-31"] {
            try JSONOutput.write(QualityHistory.make(asOf: TestSupport.date(date), qualities: reports, bundles: []),
                                 to: folder.appendingPathComponent("\(date).json"))
        }
        try JSONOutput.write(QualityHistory.make(asOf: TestSupport.date("2025-06-30"), qualities: reports, bundles: []),
                             to: folder.appendingPathComponent("2025-07-31.json"))
        try Data("{not json".utf8).write(to: folder.appendingPathComponent("2025-03-31.json"))
        try Data("{}".utf8).write(to: folder.appendingPathComponent("notes.json"))
        try Data("partial".utf8).write(to: folder.appendingPathComponent(".2025-10-31.json.tmp-1-1"))
        try Data("x".utf8).write(to: folder.appendingPathComponent("README.txt"))

        var unreadable: [String] = []
        let histories = QualityHistory.load(from: folder) { url, _ in unreadable.append(url.lastPathComponent) }
        #expect(histories.map(\.asOf) == ["2025-01-31", "2025-05-31", "2025-09-30"])
        #expect(unreadable == ["2025-03-31.json", "2025-07-31.json", "notes.json"])
    }

    @Test func aMissingFolderIsNoHistoryAndNoComplaint() {
        var complaints = 0
        let histories = QualityHistory.load(from: URL(fileURLWithPath: "/nonexistent/kdl/history")) { _, _ in complaints += 1 }
        #expect(histories.isEmpty && complaints == 0)
    }
}
