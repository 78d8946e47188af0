import Foundation
import Testing
@testable import KhoCore

@Suite struct ImprovementPlanTests {
    static let nights: [QualityHistory] = [
        QualityHistory(asOf: "2026-02-10", units: [
            ReportFixtures.line("u1", read: 100, overall: 70, scores: ["9.1": 60, "9.2": 80, "9.3": 70],
                                findings: [("required", .error, 10), ("phone-legacy", .warning, 4), ("record-stale", .info, 90)]),
            ReportFixtures.line("u2", read: 50, overall: 95, scores: ["9.1": 95, "9.2": 95, "9.3": 95], findings: [("code-unknown", .error, 1)]),
        ], datasets: []),
        QualityHistory(asOf: "2026-03-10", units: [
            ReportFixtures.line("u1", read: 100, overall: 72, scores: ["9.1": 62, "9.2": 80, "9.3": 74],
                                findings: [("required", .error, 20), ("code-unknown", .error, 5), ("phone-legacy", .warning, 2),
                                           ("type-invalid", .error, 1), ("record-stale", .info, 90)]),
            ReportFixtures.line("u2", read: 50, overall: 95, scores: ["9.1": 95, "9.2": 95, "9.3": 95]),
        ], datasets: []),
        // After the period: left out.
        QualityHistory(asOf: "2026-05-01", units: [ReportFixtures.line("u1", read: 1, overall: 0)], datasets: []),
    ]

    static func plan(previous: ImprovementPlan? = nil, through end: String = "2026-03-31") -> ImprovementPlan? {
        ImprovementPlan.build(history: nights, from: CivilDate(iso: "2026-01-01")!, through: CivilDate(iso: end)!, previous: previous,
                              settings: ImprovementSettings(), units: [])
    }

    @Test func listsTheCostliestDefectsOfDatasetsBelowTarget() throws {
        let plan = try #require(Self.plan())
        #expect(plan.asOf == "2026-03-10" && plan.previous == nil)
        #expect(plan.units.map(\.unit) == ["u1"])
        let set = try #require(plan.units.first?.datasets.first)
        #expect(set.grade == .c && set.targetGrade == .b && set.targetDate == "2026-09-10")
        #expect(set.weakPrinciples == ["9.1": 62, "9.3": 74])
        // Info codes never; a warning weighs half; three items at most.
        #expect(set.items.map(\.code) == ["required", "code-unknown", "phone-legacy"])
        #expect(set.items[0] == .init(code: "required", severity: .error, principle: .completeness, rowsFirst: 10, rowsLast: 20, nights: 2,
                                      monthsSeen: 2, trend: .rising, scoreCost: 20, action: FindingCatalog.actions[.required], repeated: false))
        #expect(set.items[1].rowsFirst == 0 && set.items[1].trend == .rising && set.items[1].monthsSeen == 1)
        #expect(set.items[2].trend == .falling && set.items[2].scoreCost == 1)
    }

    @Test func theNextPlanMarksEachPreviousItem() throws {
        var previous = try #require(Self.plan())
        previous.asOf = "2026-01-31"
        previous.units[0].datasets[0].items[0].rowsLast = 30
        previous.units[0].datasets[0].items[1].rowsLast = 5
        previous.units[0].datasets[0].items[2].code = "date-in-future"
        previous.units.append(.init(unit: "u9", unitName: "Gone", focalPoint: nil, datasets: [
            .init(dataset: "ho-ngheo", grade: .c, overall: 10, weakPrinciples: [:], items: [], targetGrade: .b, targetDate: "2026-06-30"),
        ], followUps: []))
        let plan = try #require(Self.plan(previous: previous))
        #expect(plan.previous == "2026-01-31")
        let u1 = plan.units[0]
        #expect(u1.followUps.map(\.outcome) == [.notMet, .improved, .notMet, .met])
        #expect(u1.followUps[3].code == "date-in-future" && u1.followUps[3].rowsNow == 0)
        #expect(u1.datasets[0].items.map(\.repeated) == [true, true, false])
        #expect(plan.units.map(\.unit) == ["u1", "u9"])
        #expect(plan.units[1].followUps.map(\.outcome) == [.noData] && plan.units[1].datasets.isEmpty)
    }

    @Test func sameNightsSameBytes() throws {
        let one = try #require(Self.plan())
        let two = try #require(ImprovementPlan.build(history: Self.nights.reversed(), from: CivilDate(iso: "2026-01-01")!,
                                                     through: CivilDate(iso: "2026-03-31")!, previous: nil, settings: ImprovementSettings(), units: []))
        #expect(try JSONOutput.encode(one) == JSONOutput.encode(two))
        #expect(HTMLImprovementPlan.render(one, datasetTitles: [:]) == HTMLImprovementPlan.render(two, datasetTitles: [:]))
        #expect(HTMLImprovementPlan.render(one, datasetTitles: [:], language: .en).contains("Fill the required fields"))
        #expect(Self.plan(through: "2026-01-31") == nil)
    }

    /// A unit's plan reviews the newest earlier plan that covers it, its own or the province's, cut
    /// down to the unit; on one date its own wins, then the longer period.
    @Test func theUnitsPreviousPlanIsTheNewestOfItsOwnAndTheProvinces() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = Workspace(inbox: root.appendingPathComponent("inbox"), out: root.appendingPathComponent("out"))
        func plan(_ start: String, _ asOf: String, units: [String], own: Bool = true) -> ImprovementPlan {
            ImprovementPlan(version: ImprovementPlan.currentVersion, asOf: asOf, periodStart: start, previous: nil, minPrincipleScore: 75,
                            units: units.map { .init(unit: $0, unitName: own ? "own" : "province", focalPoint: nil, datasets: [], followUps: []) })
        }
        try JSONOutput.write(plan("2026-02-01", "2026-02-10", units: ["u1"]),
                             to: ImprovementPlan.url(unit: "u1", periodStart: "2026-02-01", asOf: "2026-02-10", in: workspace))
        try JSONOutput.write(plan("2026-01-01", "2026-03-10", units: ["u1", "u2"], own: false), to: ImprovementPlan.url(asOf: "2026-03-10", in: workspace))
        let province = try #require(ImprovementPlan.previous(before: "2026-04-01", unit: "u1", in: workspace))
        #expect(province.asOf == "2026-03-10" && province.units.map(\.unit) == ["u1"] && province.unit == "u1")
        #expect(province.units.map(\.unitName) == ["province"])
        #expect(ImprovementPlan.previous(before: "2026-03-10", unit: "u1", in: workspace)?.asOf == "2026-02-10")
        #expect(ImprovementPlan.previous(before: "2026-02-10", unit: "u1", in: workspace) == nil)
        // The province plan left the unit out: it had nothing to do then, and that is what is reviewed.
        #expect(ImprovementPlan.previous(before: "2026-04-01", unit: "u3", in: workspace)?.units == [])
        for start in ["2026-03-01", "2026-01-01"] {
            try JSONOutput.write(plan(start, "2026-03-10", units: ["u1"]),
                                 to: ImprovementPlan.url(unit: "u1", periodStart: start, asOf: "2026-03-10", in: workspace))
        }
        let own = try #require(ImprovementPlan.previous(before: "2026-04-01", unit: "u1", in: workspace))
        #expect(own.periodStart == "2026-01-01" && own.units.map(\.unitName) == ["own"])
        // The yearly plan's own review ignores the units' plans.
        #expect(ImprovementPlan.previous(before: "2026-03-10", in: workspace) == nil)
    }
}
