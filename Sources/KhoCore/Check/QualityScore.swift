/// Scores and grade of one unit's dataset. The formula (also in the README):
///
/// - For each principle and dimension p, over the N rows read:
///   `score(p) = 100 × (1 − C(p) / N)` where C(p) adds up, for each row with findings of p, the
///   largest weight among those findings, so a row is never counted twice within a principle.
///   Unreadable rows are errors of 9.1.
/// - A finding weighs what `ScoreWeights` says: its code's weight if it has one (`scoreWeights` in
///   `nightly.json` or the dataset's schema; by default only `code-from-name`, 0.1), else its
///   severity's — error 1, warning 0.5, info 0. With those alone C(p) = E(p) + W(p)/2, where E(p)
///   counts rows with an error of p and W(p) rows with only warnings of p.
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
            // Thousandths of a row divided exactly back into rows, so the default weights give the
            // very numbers E + W/2 gave.
            let cost = Double(tally.rowCost[principle.rawValue] ?? 0) / Double(ScoreWeights.scale)
            let score = rowsRead == 0 ? (cost > 0 ? 0 : 100) : 100 * (1 - cost / Double(rowsRead))
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
