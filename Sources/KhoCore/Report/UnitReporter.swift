/// Writes `reports/units/<unit>.json`: a unit's datasets with their rows, grade and top findings.
enum UnitReporter {
    /// `feedback`: data users' problem reports; each unit's are counted beside its datasets, by
    /// standing, and listed without description, reporter or key.
    static func write(_ reports: [QualityReport], workspace: Workspace, asOf: CivilDate, feedback: [FeedbackReport] = []) throws {
        let byUnit = Dictionary(grouping: reports, by: \.unit)
        let tallies = CivilDate(year: 1900, month: 1, day: 1).map { Dictionary(grouping: FeedbackTally.count(feedback, from: $0, through: asOf), by: \.unit) } ?? [:]
        for unit in byUnit.keys.sorted() {
            guard let lines = byUnit[unit], let first = lines.first else { continue }
            let datasets = lines.sorted { $0.dataset < $1.dataset }.map { report in
                UnitReport.Line(dataset: report.dataset, rows: report.rows, grade: report.score.grade, overall: report.score.overall,
                                scores: report.score.scores, blocked: report.blocked,
                                topFindings: report.checks.filter { $0.severity != .info }.prefix(5).map { "\($0.code) × \($0.count)" })
            }
            try JSONOutput.write(UnitReport(unit: unit, unitName: first.unitName, asOf: asOf.description, datasets: datasets, feedback: tallies[unit],
                                            feedbackReports: tallies[unit] == nil ? nil : FeedbackListing.list(feedback, unit: unit, through: asOf)),
                                 to: workspace.unitReport(unit))
        }
    }
}
