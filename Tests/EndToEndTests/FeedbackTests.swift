import Foundation
import Testing
@testable import KhoCore

/// Problem reports from data users: read from `feedback/`, refused field by field when bad,
/// counted in the yearly evaluation and the unit's improvement plan, and never published.
@Suite(.serialized) struct FeedbackTests {
    @Test func aReportIsCountedAndNothingPersonalIsPublished() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let feedback = sandbox.root.appendingPathComponent("feedback")
        try FileManager.default.createDirectory(at: feedback, withIntermediateDirectories: true)
        let reporter = "Trần Thị Bình, tổ dân phố 4", description = "Hộ của bà Y Mai thiếu ở Đắk Mar"
        try Data("""
            {"dataset": "ho-ngheo", "unit": "ubnd-dak-ha", "field": "ma_ho", "row": "23512-03-027",
             "description": "\(description)", "reporter": "\(reporter)", "date": "2026-11-20"}
            """.utf8).write(to: feedback.appendingPathComponent("2026-11-20-1.json"))
        try Data("""
            {"dataset": "ho-ngheo", "unit": "ubnd-dak-ha", "row": "x", "description": "d", "reporter": "r", "date": "2026-11-21", "status": "closed"}
            """.utf8).write(to: feedback.appendingPathComponent("2026-11-21-bad.json"))
        let night = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet"])
        #expect(night.status == 0)
        #expect(night.stderr.contains("feedback/2026-11-21-bad.json: status: cần \"open\", \"answered\" hoặc \"resolved\""), "\(night.stderr)")
        // Attached to the unit's report of the night.
        let unitReport = try JSONOutput.read(UnitReport.self, from: sandbox.file("reports/units/ubnd-dak-ha.json"))
        #expect(unitReport.feedback == [FeedbackTally(unit: "ubnd-dak-ha", dataset: "ho-ngheo", open: 1, answered: 0, resolved: 0)])
        #expect(try JSONOutput.read(UnitReport.self, from: sandbox.file("reports/units/ubnd-kon-ray.json")).feedback == nil)
        let result = try sandbox.run("kdl-report", ["--year", "2026", "--as-of", RunTests.asOf, "--lang", "en", "--quiet"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("feedback/2026-11-21-bad.json: status: expected \"open\", \"answered\" or \"resolved\""), "\(result.stderr)")

        let annual = try JSONOutput.read(AnnualReport.self, from: sandbox.file("reports/annual/2026.json"))
        #expect(annual.feedback == [FeedbackTally(unit: "ubnd-dak-ha", dataset: "ho-ngheo", open: 1, answered: 0, resolved: 0)])
        let plan = try JSONOutput.read(ImprovementPlan.self, from: sandbox.file("reports/plans/\(RunTests.asOf).json"))
        #expect(plan.units.first { $0.unit == "ubnd-dak-ha" }?.feedback?.map(\.open) == [1])

        // No output anywhere carries the reporter or the description (zip entries included).
        var checked = 0
        for path in sandbox.outputFiles() {
            var texts = [try sandbox.bytes(path)]
            if path.hasSuffix(".zip") {
                for entry in ["README.md", "datapackage.json", "quality.json"] { texts.append(try sandbox.zipEntry(path, entry)) }
            }
            for data in texts {
                let text = String(decoding: data, as: UTF8.self)
                #expect(!text.contains(reporter) && !text.contains(description) && !text.contains("Trần Thị Bình"), "\(path)")
                checked += 1
            }
        }
        #expect(checked > 20)
    }
}
