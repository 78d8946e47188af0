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
}
