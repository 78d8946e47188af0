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
        // The same in CSV: a report kept and one refused, neither reporter nor description anywhere.
        let csvReporter = "Hoàng Văn Dũng, thôn Kon Gu", csvDescription = "Ông Đinh Văn Tư có hai số CCCD"
        try Data("dataset,unit,field,row,description,reporter,date,status\nho-ngheo,ubnd-dak-ha,,062085171883,\(csvDescription),\"\(csvReporter)\",2026-11-22,answered\n".utf8)
            .write(to: feedback.appendingPathComponent("2026-11-22.csv"))
        try Data("dataset,unit,field,row,description,reporter,date,status\nho-ngheo,ubnd-dak-ha,,062085171883,\(csvDescription) (bis),\"\(csvReporter)\",2026-11-22,done\n".utf8)
            .write(to: feedback.appendingPathComponent("2026-11-22-bad.csv"))
        let night = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet"])
        #expect(night.status == 0)
        #expect(night.stderr.contains("feedback/2026-11-21-bad.json: status: cần \"open\", \"answered\" hoặc \"resolved\""), "\(night.stderr)")
        #expect(night.stderr.contains("feedback/2026-11-22-bad.csv:2: status: cần \"open\", \"answered\" hoặc \"resolved\""), "\(night.stderr)")
        // Attached to the unit's report of the night.
        let unitReport = try JSONOutput.read(UnitReport.self, from: sandbox.file("reports/units/ubnd-dak-ha.json"))
        #expect(unitReport.feedback == [FeedbackTally(unit: "ubnd-dak-ha", dataset: "ho-ngheo", open: 1, answered: 1, resolved: 0)])
        #expect(unitReport.feedbackReports?.map(\.file) == ["2026-11-20-1.json", "2026-11-22.csv"])
        #expect(try JSONOutput.read(UnitReport.self, from: sandbox.file("reports/units/ubnd-kon-ray.json")).feedback == nil)
        // And to the night's HTML quality report, counted and listed: the CSV report by key, the JSON one's row shown as given.
        let html = String(decoding: try sandbox.bytes("reports/quality_\(RunTests.asOf).html"), as: UTF8.self)
        #expect(html.contains("<h2 id=\"feedback\">Báo lỗi từ người dùng dữ liệu</h2>"))
        #expect(html.contains("<td><code>2026-11-22.csv</code></td><td>–</td><td>theo khóa (không hiển thị)</td><td>22/11/2026</td><td class=\"feedback-answered\">Đã trả lời</td>"))
        #expect(html.contains("<td><code>2026-11-20-1.json</code></td>") && !html.contains("<td><code>2026-11-22-bad.csv</code>"))
        // The refused files stay on record after the night's stderr is gone: in run.json and the HTML report.
        #expect(html.contains("<li><code>feedback/2026-11-22-bad.csv:2</code> <code>status</code>: cần &quot;open&quot;, &quot;answered&quot; hoặc &quot;resolved&quot;</li>"))
        let run = try JSONOutput.read(NightlyRun.RunReport.self, from: sandbox.file("reports/run.json"))
        #expect(run.feedbackRefused?.map { $0.rendered(.en) } == [
            "feedback/2026-11-21-bad.json: status: expected \"open\", \"answered\" or \"resolved\"",
            "feedback/2026-11-22-bad.csv:2: status: expected \"open\", \"answered\" or \"resolved\"",
        ])
        let result = try sandbox.run("kdl-report", ["--year", "2026", "--as-of", RunTests.asOf, "--lang", "en", "--quiet"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("feedback/2026-11-21-bad.json: status: expected \"open\", \"answered\" or \"resolved\""), "\(result.stderr)")

        let annual = try JSONOutput.read(AnnualReport.self, from: sandbox.file("reports/annual/2026.json"))
        #expect(annual.feedback == [FeedbackTally(unit: "ubnd-dak-ha", dataset: "ho-ngheo", open: 1, answered: 1, resolved: 0)])
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
                #expect(!text.contains(csvReporter) && !text.contains(csvDescription) && !text.contains("Hoàng Văn Dũng"), "\(path)")
                checked += 1
            }
        }
        #expect(checked > 20)
    }

    /// A report naming a record by its key (a CCCD) is possibly resolved from the night the record
    /// changes; it shows so in the unit report, the HTML quality report, the yearly counts and the
    /// plan, and the key itself in none of them.
    @Test func aReportOnAKeyIsPossiblyResolvedOnceTheRecordChanges() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let feedback = sandbox.root.appendingPathComponent("feedback")
        try FileManager.default.createDirectory(at: feedback, withIntermediateDirectories: true)
        try Data("""
            {"dataset": "ho-ngheo", "unit": "ubnd-kon-ray", "field": "ngay_sinh", "row": "062085171883",
             "description": "Ngày sinh của ông Nam sai", "reporter": "Phạm Thị Hoa", "date": "2026-11-26"}
            """.utf8).write(to: feedback.appendingPathComponent("a.json"))
        // UTF-16 with semicolons, as a spreadsheet saves it; this record stays as it is.
        let csv = "dataset;unit;field;row;description;reporter;date;status\r\nho-ngheo;ubnd-kon-ray;ma_dan_toc;062188944881;Dân tộc sai;Lê Văn Tâm;2026-11-26;answered\r\n"
        try Data([0xFF, 0xFE] + csv.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: feedback.appendingPathComponent("b.csv"))
        func standings() throws -> [String: FeedbackReport.Standing] {
            let report = try JSONOutput.read(UnitReport.self, from: sandbox.file("reports/units/ubnd-kon-ray.json"))
            return Dictionary(uniqueKeysWithValues: (report.feedbackReports ?? []).map { ($0.file, $0.status) })
        }

        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-27", "--quiet"]).status == 0)
        #expect(try standings() == ["a.json": .open, "b.csv": .answered])
        // Nothing sent on the second night: the record is as it was.
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-28", "--quiet"]).status == 0)
        #expect(try standings() == ["a.json": .open, "b.csv": .answered])

        let export = sandbox.inbox.appendingPathComponent("ubnd-kon-ray/ho-ngheo-kon-ray-2024.csv")
        let text = String(decoding: try Data(contentsOf: export), as: UTF8.self)
        try Data(text.replacingOccurrences(of: "Trương Văn Nam,1985-05-15", with: "Trương Văn Nam,1985-05-16").utf8).write(to: export)
        try sandbox.arrived(export)
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-29", "--quiet", "--lang", "en"]).status == 0)
        #expect(try standings() == ["a.json": .possiblyResolved, "b.csv": .answered])
        let unitReport = try JSONOutput.read(UnitReport.self, from: sandbox.file("reports/units/ubnd-kon-ray.json"))
        #expect(unitReport.feedback == [FeedbackTally(unit: "ubnd-kon-ray", dataset: "ho-ngheo", answered: 1, possiblyResolved: 1)])
        #expect(unitReport.feedbackReports?.first { $0.file == "a.json" }
                == FeedbackListing(file: "a.json", dataset: "ho-ngheo", field: "ngay_sinh", row: nil, byKey: true, date: "2026-11-26",
                                   status: .possiblyResolved, recordChanged: "2026-11-29"))
        let html = String(decoding: try sandbox.bytes("reports/quality_2026-11-29.html"), as: UTF8.self)
        #expect(html.contains("<h2 id=\"feedback\">Problem reports from data users</h2>"))
        #expect(html.contains("<td class=\"feedback-possibly-resolved\">Possibly resolved — record changed"))
        #expect(html.contains("<td class=\"feedback-answered\">Answered</td>") && html.contains("by key (not shown)"))

        #expect(try sandbox.run("kdl-report", ["--year", "2026", "--as-of", "2026-11-29", "--quiet"]).status == 0)
        let annual = try JSONOutput.read(AnnualReport.self, from: sandbox.file("reports/annual/2026.json"))
        #expect(annual.feedback == [FeedbackTally(unit: "ubnd-kon-ray", dataset: "ho-ngheo", answered: 1, possiblyResolved: 1)])
        let annualHTML = String(decoding: try sandbox.bytes("reports/annual/2026.html"), as: UTF8.self)
        #expect(annualHTML.contains("Có thể đã khắc phục"))
        let plan = try JSONOutput.read(ImprovementPlan.self, from: sandbox.file("reports/plans/2026-11-29.json"))
        #expect(plan.units.first { $0.unit == "ubnd-kon-ray" }?.feedback?.map(\.possiblyResolved) == [1])
        // Evaluated as of a night before the change, the report was still open.
        #expect(try sandbox.run("kdl-report", ["--year", "2026", "--as-of", "2026-11-28", "--quiet"]).status == 0)
        #expect(try JSONOutput.read(AnnualReport.self, from: sandbox.file("reports/annual/2026.json")).feedback
                == [FeedbackTally(unit: "ubnd-kon-ray", dataset: "ho-ngheo", open: 1, answered: 1)])

        // The unit marks it resolved: counted so, and no longer watched.
        let resolved = String(decoding: try Data(contentsOf: feedback.appendingPathComponent("a.json")), as: UTF8.self)
            .replacingOccurrences(of: "\"date\": \"2026-11-26\"", with: "\"date\": \"2026-11-26\", \"status\": \"resolved\"")
        try Data(resolved.utf8).write(to: feedback.appendingPathComponent("a.json"))
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-30", "--quiet"]).status == 0)
        #expect(try standings() == ["a.json": .resolved, "b.csv": .answered])
        #expect(try JSONOutput.read(FeedbackWatch.self, from: sandbox.file("reports/feedback/watch.json")).entries.map(\.file) == ["b.csv"])

        // The key and the reporters are in no output.
        for path in sandbox.outputFiles() where !path.hasSuffix(".zip") {
            let text = String(decoding: try sandbox.bytes(path), as: UTF8.self)
            #expect(!text.contains("Phạm Thị Hoa") && !text.contains("Lê Văn Tâm"), "\(path)")
            if path.hasPrefix("reports/") { #expect(!text.contains("062085171883") && !text.contains("062188944881"), "\(path)") }
        }
    }
}
