import Foundation
import Testing
@testable import KhoCore

@Suite struct AnnualReportTests {
    /// Three nights of 2026 and one of 2025, out of order.
    static let histories: [QualityHistory] = [
        QualityHistory(asOf: "2026-03-05", units: [
            ReportFixtures.line("u1", read: 120, overall: 71, scores: ["9.1": 70, "9.2": 72, "9.3": 71], blocked: true,
                                findings: [("required", .error, 2)]),
        ], datasets: []),
        QualityHistory(asOf: "2026-01-10", units: [
            ReportFixtures.line("u1", read: 100, overall: 92, scores: ["9.1": 90, "9.2": 94, "9.3": 92],
                                findings: [("required", .error, 3), ("phone-legacy", .warning, 20), ("record-stale", .info, 50)]),
            ReportFixtures.line("u2", read: 10, overall: 70, findings: [("code-unknown", .error, 5)]),
        ], datasets: [.init(dataset: "ho-ngheo", grade: .c, overall: 81, rowsBundled: 110, duplicatesAcrossUnits: 1, stale: false,
                            openWithheld: [.grade(.c, limit: .c)])]),
        QualityHistory(asOf: "2025-12-31", units: [
            ReportFixtures.line("u1", read: 999, overall: 10, findings: [("required", .error, 999)]),
        ], datasets: [.init(dataset: "ho-ngheo", grade: .c, overall: 10, rowsBundled: 0, duplicatesAcrossUnits: 0, stale: true,
                            openWithheld: [.grade(.c, limit: .c)])]),
        QualityHistory(asOf: "2026-01-20", units: [
            ReportFixtures.line("u1", read: 110, overall: 80, scores: ["9.1": 80, "9.2": 82, "9.3": 78],
                                findings: [("required", .error, 1), ("code-unknown", .error, 4)]),
        ], datasets: [.init(dataset: "ho-ngheo", grade: .b, overall: 80, rowsBundled: 110, duplicatesAcrossUnits: 0, stale: true,
                            openWithheld: [])]),
    ]

    @Test func aggregatesTheYearPerUnitAndDataset() throws {
        let report = AnnualReport.build(year: 2026, history: Self.histories)
        #expect(report.year == 2026 && report.dueDate == "2026-12-20")
        #expect(report.runs == 3 && report.firstDate == "2026-01-10" && report.lastDate == "2026-03-05")
        #expect(report.units.map(\.unit) == ["u1", "u2"])

        let u1 = report.units[0]
        #expect(u1.runs == 3 && u1.firstDate == "2026-01-10" && u1.lastDate == "2026-03-05")
        #expect(u1.rowsReadTotal == 330 && u1.rowsReadLast == 120)
        #expect(u1.lastGrade == .c && u1.lastOverall == 71)
        #expect(u1.meanOverall == 81 && u1.minOverall == 71)
        #expect(u1.meanScores == ["9.1": 80, "9.2": 82.7, "9.3": 80.3])
        #expect(u1.blockedRuns == 1)
        // Errors first, however frequent a warning was.
        #expect(u1.topCodes.map(\.code) == ["required", "code-unknown", "phone-legacy"])
        #expect(u1.topCodes[0] == .init(code: "required", severity: .error, principle: .completeness, total: 6, nights: 3))
        #expect(u1.topCodes[2].total == 20 && u1.topCodes[2].severity == .warning)
        #expect(u1.monthsWithGradeC == ["2026-03"])
        #expect(u1.months == [.init(month: "2026-01", runs: 2, meanOverall: 86, worstGrade: .b),
                              .init(month: "2026-03", runs: 1, meanOverall: 71, worstGrade: .c)])

        let u2 = report.units[1]
        #expect(u2.runs == 1 && u2.monthsWithGradeC == ["2026-01"] && u2.meanScores.isEmpty)
        #expect(report.datasets == [.init(dataset: "ho-ngheo", runs: 2, nightsOpenWithheld: 1, nightsStale: 1, lastGrade: .b, lastOverall: 80)])
    }

    @Test func aRerunNightCountsOnce() {
        var histories = Self.histories
        histories.append(QualityHistory(asOf: "2026-01-20", units: [ReportFixtures.line("u1", read: 110, overall: 86)], datasets: []))
        let u1 = AnnualReport.build(year: 2026, history: histories).units[0]
        #expect(u1.runs == 3 && u1.meanOverall == 83)
    }

    @Test func anEmptyYear() {
        let report = AnnualReport.build(year: 2024, history: Self.histories)
        #expect(report.runs == 0 && report.units.isEmpty && report.firstDate == nil)
        #expect(HTMLAnnualReport.render(report, datasetTitles: [:]).contains("Không có lần chạy nào trong năm."))
    }

    @Test func sameHistoriesSameBytes() throws {
        let one = AnnualReport.build(year: 2026, history: Self.histories)
        let two = AnnualReport.build(year: 2026, history: Self.histories.reversed())
        #expect(try JSONOutput.encode(one) == JSONOutput.encode(two))
        #expect(HTMLAnnualReport.render(one, datasetTitles: [:]) == HTMLAnnualReport.render(two, datasetTitles: [:]))
    }
}
