import Foundation
import Testing
@testable import KhoCore

/// Improvement plans over several nights: a unit whose defects recur gets a plan, and the next
/// plan marks what became of each item of the one before.
@Suite(.serialized) struct ImprovementPlanTests {
    @Test func aRecurringDefectGetsAPlanAndTheNextPlanMarksWhatChanged() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // The samples grade A; 85 points per principle puts the units writing names for codes (9.2) under it.
        try sandbox.configure("nightly.json") { $0["improvement"] = ["targetGrade": "B", "minPrincipleScore": 85, "targetDate": "2027-06-30"] }
        for night in ["2026-10-31", "2026-11-15"] {
            #expect(try sandbox.run("kdl-run", ["--as-of", night, "--quiet"]).status == 0)
        }
        let first = try sandbox.run("kdl-report", ["--year", "2026", "--as-of", "2026-11-15", "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        let plan = try JSONOutput.read(ImprovementPlan.self, from: sandbox.file("reports/plans/2026-11-15.json"))
        #expect(plan.asOf == "2026-11-15" && plan.periodStart == "2026-01-01" && plan.previous == nil)
        #expect(plan.units.map(\.unit) == ["so-gddt", "so-khdt", "ubnd-dak-ha"])
        let dakHa = try #require(plan.units.last)
        #expect(dakHa.focalPoint?.email.isEmpty == false)
        let hoNgheo = try #require(dakHa.datasets.first)
        #expect(hoNgheo.dataset == "ho-ngheo" && hoNgheo.weakPrinciples == ["9.2": 83.8] && hoNgheo.targetDate == "2027-06-30")
        #expect(hoNgheo.items.count == ImprovementPlan.itemsKept)
        #expect(hoNgheo.items.allSatisfy { $0.nights == 2 && $0.trend == .steady && !$0.repeated && $0.action != nil })
        #expect(hoNgheo.items.map(\.scoreCost) == hoNgheo.items.map(\.scoreCost).sorted(by: >))
        let required = try #require(hoNgheo.items.first { $0.code == "required" })
        #expect(required.rowsFirst == 2 && required.rowsLast == 2)

        // The unit fills one of the two missing household codes; one night later the plan is reviewed.
        let export = sandbox.inbox.appendingPathComponent("ubnd-dak-ha/ho-ngheo-2024.csv")
        var lines = try Data(contentsOf: export).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        lines.removeAll { $0.starts(with: Array("8;;".utf8)) }
        try Data(lines.joined(separator: [UInt8(ascii: "\n")])).write(to: export)
        try sandbox.arrived(export)
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-29", "--quiet"]).status == 0)
        #expect(try sandbox.run("kdl-report", ["--year", "2026", "--as-of", "2026-11-29", "--quiet"]).status == 0)
        let next = try JSONOutput.read(ImprovementPlan.self, from: sandbox.file("reports/plans/2026-11-29.json"))
        #expect(next.previous == "2026-11-15")
        let followUps = try #require(next.units.first { $0.unit == "ubnd-dak-ha" }).followUps
        #expect(followUps.first { $0.code == "required" } == .init(dataset: "ho-ngheo", code: "required", rowsThen: 2, rowsNow: 1,
                                                                   targetGrade: nil, gradeNow: nil, outcome: .improved))
        #expect(followUps.first { $0.code == nil }?.outcome == .met)
        #expect(followUps.filter { $0.code != nil }.count == ImprovementPlan.itemsKept)
        let repeated = try #require(next.units.first { $0.unit == "ubnd-dak-ha" }?.datasets.first?.items.first { $0.code == "code-from-name" })
        #expect(repeated.repeated && repeated.nights == 3)
        let html = String(decoding: try sandbox.bytes("reports/plans/2026-11-29.html"), as: UTF8.self)
        #expect(html.contains("Kết quả kế hoạch trước") && html.contains("Có tiến bộ") && !html.contains("<script"))
        // The first plan is left as it was: plans are a record, one per date.
        #expect(try JSONOutput.read(ImprovementPlan.self, from: sandbox.file("reports/plans/2026-11-15.json")) == plan)
    }

    /// `kdl-report --unit` for a month: the unit's plan alone, and the next month's reviews it.
    @Test func aUnitPlanForAMonthReviewsTheUnitsPreviousPlan() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.configure("nightly.json") { $0["improvement"] = ["targetGrade": "B", "minPrincipleScore": 85, "targetDate": "2027-06-30"] }
        for night in ["2026-10-30", "2026-10-31", "2026-11-15"] {
            #expect(try sandbox.run("kdl-run", ["--as-of", night, "--quiet"]).status == 0)
        }
        let october = try sandbox.run("kdl-report", ["--unit", "ubnd-dak-ha", "--month", "2026-10", "--as-of", "2026-11-15", "--lang", "en"])
        #expect(october.status == 0, "\(october.stderr)")
        #expect(october.stdout.contains("reports/plans/ubnd-dak-ha/2026-10-01--2026-10-31.html"), "\(october.stdout)")
        // The unit's plan only: no yearly report, no province plan.
        #expect(!sandbox.exists("reports/annual/2026.json") && !sandbox.exists("reports/plans/2026-10-31.json"))
        let first = try JSONOutput.read(ImprovementPlan.self, from: sandbox.file("reports/plans/ubnd-dak-ha/2026-10-01--2026-10-31.json"))
        #expect(first.unit == "ubnd-dak-ha" && first.asOf == "2026-10-31" && first.periodStart == "2026-10-01" && first.previous == nil)
        #expect(first.units.map(\.unit) == ["ubnd-dak-ha"])
        let items = try #require(first.units.first?.datasets.first?.items)
        #expect(items.count == ImprovementPlan.itemsKept && items.allSatisfy { $0.nights == 2 && !$0.repeated })

        // November: one of the two missing household codes filled; the plan reviews October's.
        let export = sandbox.inbox.appendingPathComponent("ubnd-dak-ha/ho-ngheo-2024.csv")
        var lines = try Data(contentsOf: export).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        lines.removeAll { $0.starts(with: Array("8;;".utf8)) }
        try Data(lines.joined(separator: [UInt8(ascii: "\n")])).write(to: export)
        try sandbox.arrived(export)
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-29", "--quiet"]).status == 0)
        let november = try sandbox.run("kdl-report", ["--unit", "ubnd-dak-ha", "--month", "2026-11", "--as-of", "2026-11-29", "--lang", "en", "--quiet"])
        #expect(november.status == 0, "\(november.stderr)")
        let next = try JSONOutput.read(ImprovementPlan.self, from: sandbox.file("reports/plans/ubnd-dak-ha/2026-11-01--2026-11-29.json"))
        #expect(next.previous == "2026-10-31" && next.periodStart == "2026-11-01" && next.units.map(\.unit) == ["ubnd-dak-ha"])
        let followUps = try #require(next.units.first?.followUps)
        #expect(followUps.first { $0.code == "required" } == .init(dataset: "ho-ngheo", code: "required", rowsThen: 2, rowsNow: 1,
                                                                   targetGrade: nil, gradeNow: nil, outcome: .improved))
        #expect(followUps.filter { $0.code != nil }.count == ImprovementPlan.itemsKept)
        let repeated = try #require(next.units.first?.datasets.first?.items.first { $0.code == "code-from-name" })
        #expect(repeated.repeated && repeated.nights == 2)
        let html = String(decoding: try sandbox.bytes("reports/plans/ubnd-dak-ha/2026-11-01--2026-11-29.html"), as: UTF8.self)
        #expect(html.contains("Outcome of the previous plan") && html.contains("Improved") && html.contains("<html lang=\"en\""))

        // Any dates: the whole autumn, reviewing the newest plan before its last night.
        #expect(try sandbox.run("kdl-report", ["--unit", "ubnd-dak-ha", "--from", "2026-09-01", "--to", "2026-11-20", "--as-of", "2026-11-29", "--quiet"]).status == 0)
        let autumn = try JSONOutput.read(ImprovementPlan.self, from: sandbox.file("reports/plans/ubnd-dak-ha/2026-09-01--2026-11-15.json"))
        #expect(autumn.previous == "2026-10-31" && autumn.units.first?.datasets.first?.items.first { $0.code == "required" }?.nights == 3)
    }

    /// Bad period flags are usage errors (64); a period with no night of the unit has no input (66).
    @Test func aUnitPlanNeedsAPeriodWithHistory() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-15", "--quiet"]).status == 0)
        let cases: [([String], String)] = [
            (["--month", "2026-11"], "--month and --from/--to need --unit"),
            (["--unit", "ubnd-dak-ha", "--month", "2026-13"], "--month 2026-13: expected a month YYYY-MM"),
            (["--unit", "ubnd-dak-ha", "--month", "2026-11", "--year", "2026"], "choose one period: --year, --month or --from/--to"),
            (["--unit", "ubnd-dak-ha", "--from", "2026-11-01"], "--from and --to go together"),
            (["--unit", "ubnd-dak-ha", "--from", "2026-11-02", "--to", "2026-11-01"], "--from 2026-11-02 is after --to 2026-11-01"),
            (["--unit", "ubnd-dak-ha", "--unit", "ubnd-kon-ray"], "kdl-report takes exactly one --unit (2 given)"),
            (["--unit", "ubnd-xyz"], "--unit ubnd-xyz: no such unit"),
        ]
        for (arguments, message) in cases {
            let result = try sandbox.run("kdl-report", arguments + ["--as-of", "2026-11-29", "--lang", "en"])
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        let empty = try sandbox.run("kdl-report", ["--unit", "ubnd-dak-ha", "--month", "2026-10", "--as-of", "2026-11-29", "--lang", "en"])
        #expect(empty.status == 66)
        #expect(empty.stderr.contains("no quality history of ubnd-dak-ha from 2026-10-01 to 2026-10-31"), "\(empty.stderr)")
        // A period after the as-of date has had no night yet.
        #expect(try sandbox.run("kdl-report", ["--unit", "ubnd-dak-ha", "--month", "2026-12", "--as-of", "2026-11-29", "--quiet"]).status == 66)
        #expect(!sandbox.exists("reports/plans/ubnd-dak-ha"))
        let help = try sandbox.run("kdl-report", ["--help", "--lang", "en"])
        #expect(help.status == 0 && help.stdout.contains("--month YYYY-MM") && help.stdout.contains("--from YYYY-MM-DD"))
        #expect(help.stdout.contains("write only this unit's improvement plan"))
    }
}
