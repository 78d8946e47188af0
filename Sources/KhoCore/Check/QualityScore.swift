/// Scores and grade of one unit's dataset. The formula (also in the README):
///
/// - For each principle and dimension p, over the N rows read:
///   `score(p) = 100 × (1 − (E(p) + W(p)/2) / N)` where E(p) counts rows with an error of p and
///   W(p) rows with only warnings of p. Unreadable rows are errors of 9.1.
/// - `overall` is the mean of the three Article 9 scores (9.1, 9.2, 9.3).
/// - Grade A when overall ≥ 90 and no file-level error; B when overall ≥ 75; otherwise C.
///   A file-level error (unreadable file, missing header or required column) caps the grade at C.
public struct QualityScore: Codable, Sendable, Equatable {
    public var scores: [String: Double]
    public var overall: Double
    public var grade: Grade

    public static let gradeA = 90.0
    public static let gradeB = 75.0

    public init(tally: FindingTally, rowsRead: Int, fileLevelError: Bool) {
        var scores: [String: Double] = [:]
        for principle in Principle.allCases {
            let errors = Double(tally.rowsWithError[principle.rawValue] ?? 0)
            let warnings = Double(tally.rowsWithWarning[principle.rawValue] ?? 0)
            let score = rowsRead == 0 ? (errors + warnings > 0 ? 0 : 100) : 100 * (1 - (errors + warnings / 2) / Double(rowsRead))
            scores[principle.rawValue] = QualityScore.round(max(0, score))
        }
        self.scores = scores
        let article9 = Principle.article9.map { scores[$0.rawValue] ?? 0 }
        overall = QualityScore.round(article9.reduce(0, +) / Double(article9.count))
        if fileLevelError || (rowsRead == 0) {
            grade = .c
        } else if overall >= QualityScore.gradeA {
            grade = .a
        } else if overall >= QualityScore.gradeB {
            grade = .b
        } else {
            grade = .c
        }
    }

    /// Scores as a report holds them (hand-made histories in tests, tools that rescale).
    public init(scores: [String: Double], overall: Double, grade: Grade) {
        self.scores = scores
        self.overall = overall
        self.grade = grade
    }

    static func round(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
