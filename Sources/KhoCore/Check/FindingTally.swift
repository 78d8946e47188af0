/// Counts findings per code and field and keeps the first few of each code as examples, so a
/// report stays small however bad the input is. Also counts, per principle, the rows that had an
/// error or only a warning, and adds up what the rows cost (`ScoreWeights`): the scores are built
/// from that cost.
public struct FindingTally: Codable, Sendable, Equatable {
    public struct CodeSummary: Codable, Sendable, Equatable {
        public var code: FindingCode
        public var severity: Severity
        public var principle: Principle
        public var count: Int
        /// Findings per field (`""` for findings about a row or file).
        public var fields: [String: Int]
        public var examples: [Finding]
    }

    public static let examplesPerCode = 5

    private(set) var byCode: [String: CodeSummary] = [:]
    /// Rows with at least one error finding of the principle (keyed by the principle's raw value).
    public private(set) var rowsWithError: [String: Int] = [:]
    /// Rows with a warning but no error of the principle.
    public private(set) var rowsWithWarning: [String: Int] = [:]
    /// Per principle, the sum over rows of the largest weight among each row's findings of the
    /// principle, in thousandths of a row: a row counts once however many findings it has.
    public private(set) var rowCost: [String: Int] = [:]

    public init() {}

    public mutating func add(_ finding: Finding) {
        // Mutated in place: a copy taken out and put back would copy `fields` and `examples` every time.
        Self.record(finding, into: &byCode[finding.code.rawValue, default: CodeSummary(
            code: finding.code, severity: finding.severity, principle: finding.principle, count: 0, fields: [:], examples: [])])
    }

    private static func record(_ finding: Finding, into summary: inout CodeSummary) {
        summary.count += 1
        summary.fields[finding.location.field ?? "", default: 0] += 1
        if summary.examples.count < examplesPerCode { summary.examples.append(finding) }
    }

    /// Adds a row's findings and counts the row once per principle it offends, at the cost of its
    /// costliest finding of that principle.
    public mutating func addRow(_ findings: [Finding], weights: ScoreWeights) {
        guard !findings.isEmpty else { return }
        var errors = Set<Principle>(), warnings = Set<Principle>()
        var costs: [Principle: Int] = [:]
        for finding in findings {
            add(finding)
            switch finding.severity {
            case .error: errors.insert(finding.principle)
            case .warning: warnings.insert(finding.principle)
            case .info: break
            }
            let cost = weights.cost(of: finding)
            if cost > costs[finding.principle] ?? 0 { costs[finding.principle] = cost }
        }
        for principle in errors { rowsWithError[principle.rawValue, default: 0] += 1 }
        for principle in warnings.subtracting(errors) { rowsWithWarning[principle.rawValue, default: 0] += 1 }
        for (principle, cost) in costs { rowCost[principle.rawValue, default: 0] += cost }
    }

    /// Counts rows that could not be read at all: each is a 9.1 error, at its code's weight.
    public mutating func addUnreadableRow(_ finding: Finding, weights: ScoreWeights) {
        addRow([finding], weights: weights)
    }

    public mutating func merge(_ other: FindingTally) {
        for (code, summary) in other.byCode {
            if var mine = byCode[code] {
                mine.count += summary.count
                for (field, count) in summary.fields { mine.fields[field, default: 0] += count }
                mine.examples = Array((mine.examples + summary.examples).prefix(FindingTally.examplesPerCode))
                byCode[code] = mine
            } else {
                byCode[code] = summary
            }
        }
        for (principle, count) in other.rowsWithError { rowsWithError[principle, default: 0] += count }
        for (principle, count) in other.rowsWithWarning { rowsWithWarning[principle, default: 0] += count }
        for (principle, cost) in other.rowCost { rowCost[principle, default: 0] += cost }
    }

    /// Summaries sorted by severity (errors first), then count, then code.
    public var summaries: [CodeSummary] {
        byCode.values.sorted { ($1.severity, $0.count, $1.code) < ($0.severity, $1.count, $0.code) }
    }

    public func count(of code: FindingCode) -> Int { byCode[code.rawValue]?.count ?? 0 }

    public var hasErrors: Bool { byCode.values.contains { $0.severity == .error } }

    // MARK: - Coding

    private enum CodingKeys: String, CodingKey { case byCode, rowsWithError, rowsWithWarning, rowCost }

    /// `rowCost` is written as shares of a row (`10.2`), and a report written before weights existed
    /// has none: its rows cost what they did then, an error 1 and a warning 0.5.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        byCode = try container.decode([String: CodeSummary].self, forKey: .byCode)
        rowsWithError = try container.decode([String: Int].self, forKey: .rowsWithError)
        rowsWithWarning = try container.decode([String: Int].self, forKey: .rowsWithWarning)
        if let shares = try container.decodeIfPresent([String: Double].self, forKey: .rowCost) {
            rowCost = shares.mapValues { Int(($0 * Double(ScoreWeights.scale)).rounded()) }
        } else {
            for (principle, rows) in rowsWithError { rowCost[principle, default: 0] += rows * ScoreWeights.weight(of: .error) }
            for (principle, rows) in rowsWithWarning { rowCost[principle, default: 0] += rows * ScoreWeights.weight(of: .warning) }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(byCode, forKey: .byCode)
        try container.encode(rowsWithError, forKey: .rowsWithError)
        try container.encode(rowsWithWarning, forKey: .rowsWithWarning)
        try container.encode(rowCost.mapValues { Double($0) / Double(ScoreWeights.scale) }, forKey: .rowCost)
    }
}
