/// Counts findings per code and field and keeps the first few of each code as examples, so a
/// report stays small however bad the input is. Also counts, per principle, the rows that had an
/// error or only a warning: the scores are built from those.
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

    /// Adds a row's findings and counts the row once per principle it offends.
    public mutating func addRow(_ findings: [Finding]) {
        guard !findings.isEmpty else { return }
        var errors = Set<Principle>(), warnings = Set<Principle>()
        for finding in findings {
            add(finding)
            switch finding.severity {
            case .error: errors.insert(finding.principle)
            case .warning: warnings.insert(finding.principle)
            case .info: break
            }
        }
        for principle in errors { rowsWithError[principle.rawValue, default: 0] += 1 }
        for principle in warnings.subtracting(errors) { rowsWithWarning[principle.rawValue, default: 0] += 1 }
    }

    /// Counts rows that could not be read at all: each is a 9.1 error.
    public mutating func addUnreadableRow(_ finding: Finding) {
        addRow([finding])
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
    }

    /// Summaries sorted by severity (errors first), then count, then code.
    public var summaries: [CodeSummary] {
        byCode.values.sorted { ($1.severity, $0.count, $1.code) < ($0.severity, $1.count, $0.code) }
    }

    public func count(of code: FindingCode) -> Int { byCode[code.rawValue]?.count ?? 0 }

    public var hasErrors: Bool { byCode.values.contains { $0.severity == .error } }
}
