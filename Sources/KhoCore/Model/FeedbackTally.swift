/// Data users' problem reports counted per unit and dataset, by standing: what the unit report,
/// the yearly evaluation and the improvement plans carry of `feedback/`. Counts only — never the
/// description or the reporter, which are personal.
public struct FeedbackTally: Codable, Sendable, Equatable {
    public var unit: String
    public var dataset: String
    public var open = 0
    public var answered = 0
    public var resolved = 0
    /// Open or answered, but the record the report names has changed since (`FeedbackWatch`).
    public var possiblyResolved = 0

    public var total: Int { open + answered + resolved + possiblyResolved }

    public init(unit: String, dataset: String, open: Int = 0, answered: Int = 0, resolved: Int = 0, possiblyResolved: Int = 0) {
        self.unit = unit
        self.dataset = dataset
        self.open = open
        self.answered = answered
        self.resolved = resolved
        self.possiblyResolved = possiblyResolved
    }

    /// Reports written before possibly-resolved was counted have no such key: none were.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        unit = try container.decode(String.self, forKey: .unit)
        dataset = try container.decode(String.self, forKey: .dataset)
        open = try container.decode(Int.self, forKey: .open)
        answered = try container.decode(Int.self, forKey: .answered)
        resolved = try container.decode(Int.self, forKey: .resolved)
        possiblyResolved = try container.decodeIfPresent(Int.self, forKey: .possiblyResolved) ?? 0
    }

    /// The reports dated from `start` through `end`, sorted by unit, then dataset.
    public static func count(_ reports: [FeedbackReport], from start: CivilDate, through end: CivilDate) -> [FeedbackTally] {
        var tallies: [String: FeedbackTally] = [:]
        for report in reports where report.date >= start && report.date <= end {
            let key = "\(report.unit)\u{0}\(report.dataset)"
            var tally = tallies[key] ?? FeedbackTally(unit: report.unit, dataset: report.dataset)
            switch report.standing {
            case .open: tally.open += 1
            case .answered: tally.answered += 1
            case .resolved: tally.resolved += 1
            case .possiblyResolved: tally.possiblyResolved += 1
            }
            tallies[key] = tally
        }
        return tallies.values.sorted { ($0.unit, $0.dataset) < ($1.unit, $1.dataset) }
    }
}
