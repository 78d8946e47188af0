/// The JSON reports the stages write beside their outputs. Reports are data: people read the
/// rendering (`ReportRenderer`), programs read these.

/// `extract.json`: what was read from a unit's exports for one dataset.
public struct ExtractReport: Codable, Sendable, Equatable {
    public var unit: String
    public var dataset: String
    public var asOf: String
    public var rowsRead = 0
    public var rowsExtracted = 0
    public var rowsUnreadable = 0
    public var files: [SourceFileReport] = []
    /// Findings about whole files (encoding, header, columns, broken documents), all of them.
    public var fileFindings: [Finding] = []
    /// Findings about unreadable rows, counted, with examples.
    public var rowFindings = FindingTally()
    /// The code that wrote the report (absent in reports of earlier versions).
    public var build: KhoDuLieu.Build? = KhoDuLieu.build

    /// An error about a whole file: the unit's data for this dataset is incomplete tonight.
    public var isBlocked: Bool { fileFindings.contains { $0.severity == .error } }
    /// The unit sent nothing for the dataset tonight (not: sent something unreadable).
    public var noInput: Bool { fileFindings.contains { $0.code == .noInput } }
}

/// Completeness of one field: how many extracted rows had a value.
public struct FieldCompleteness: Codable, Sendable, Equatable {
    public var field: String
    public var filled: Int
    public var total: Int
    public var ratio: Double
}

/// `quality.json`: the quality of one unit's dataset, by Article 9 principle and dimension.
public struct QualityReport: Codable, Sendable, Equatable {
    public var unit: String
    public var unitName: String
    public var dataset: String
    public var asOf: String
    public var rows: RowAccount
    public var score: QualityScore
    public var blocked: Bool
    /// Every finding code met, with counts per field and a few examples (personal values masked).
    public var checks: [FindingTally.CodeSummary]
    public var completeness: [FieldCompleteness]
    public var fileFindings: [Finding]
    /// The tally behind the scores, so runs and bundles can merge them.
    public var tally: FindingTally
    /// The newest record date seen, for timeliness.
    public var newestRecordDate: String?
    /// The oldest record date among accepted rows; absent in reports of earlier versions.
    public var oldestRecordDate: String?
    /// The codes that did not cost their severity's weight in the scores, and what they cost
    /// (`"code-from-name": 0.1`). Absent in reports written before weights, which had none.
    public var scoreWeights: [String: Double]?
    /// Mistakes repeated down a column, once per field: what the unit should fix at the source.
    public var habits: [Habit]?
    /// The code that wrote the report (absent in reports of earlier versions).
    public var build: KhoDuLieu.Build? = KhoDuLieu.build
}

/// `normalize.json`: what normalization changed, per rule.
public struct NormalizeReport: Codable, Sendable, Equatable {
    public var unit: String
    public var dataset: String
    public var asOf: String
    public var rowsIn: Int
    public var rowsOut: Int
    /// Values changed by each rule (`date`, `text-nfc`, `code-successor`…).
    public var changes: [String: Int]
    /// The code that wrote the report (absent in reports of earlier versions).
    public var build: KhoDuLieu.Build? = KhoDuLieu.build
}

/// `reports/units/<unit>.json`: one line per dataset of a unit.
public struct UnitReport: Codable, Sendable, Equatable {
    public struct Line: Codable, Sendable, Equatable {
        public var dataset: String
        public var rows: RowAccount
        public var grade: Grade
        public var overall: Double
        public var scores: [String: Double]
        public var blocked: Bool
        public var topFindings: [String]
    }

    public var unit: String
    public var unitName: String
    public var asOf: String
    public var datasets: [Line]
    /// The code that wrote the report (absent in reports of earlier versions).
    public var build: KhoDuLieu.Build? = KhoDuLieu.build
    /// Data users' problem reports on the unit's data up to the as-of date, by dataset and status
    /// (counts only: no description, no reporter); nil when there are none.
    public var feedback: [FeedbackTally]? = nil
    /// The same reports one by one: file, dataset, field, row reference, date, standing; nil when none.
    public var feedbackReports: [FeedbackListing]? = nil
}
