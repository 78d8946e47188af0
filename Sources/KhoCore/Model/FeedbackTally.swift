/// Data users' problem reports counted per unit and dataset, by status: what the yearly
/// evaluation and the improvement plans carry of `feedback/`. Counts only — never the
/// description or the reporter, which are personal.
public struct FeedbackTally: Codable, Sendable, Equatable {
    public var unit: String
    public var dataset: String
    public var open = 0
    public var answered = 0
    public var resolved = 0

    public var total: Int { open + answered + resolved }

    /// The reports dated from `start` through `end`, sorted by unit, then dataset.
    public static func count(_ reports: [FeedbackReport], from start: CivilDate, through end: CivilDate) -> [FeedbackTally] {
        var tallies: [String: FeedbackTally] = [:]
        for report in reports where report.date >= start && report.date <= end {
            let key = "\(report.unit)\u{0}\(report.dataset)"
            var tally = tallies[key] ?? FeedbackTally(unit: report.unit, dataset: report.dataset)
            switch report.status {
            case .open: tally.open += 1
            case .answered: tally.answered += 1
            case .resolved: tally.resolved += 1
            }
            tallies[key] = tally
        }
        return tallies.values.sorted { ($0.unit, $0.dataset) < ($1.unit, $1.dataset) }
    }
}
