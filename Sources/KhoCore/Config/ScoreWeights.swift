/// What one finding costs its row in the scores (`QualityScore`), as a share of a row lost.
///
/// A code without a weight of its own costs what its severity does: an error 1, a warning 0.5,
/// info 0 — the scores of old. The defaults give one code its own weight: `code-from-name` 0.1,
/// because a name written where a code belongs was resolved to the code, and a unit that writes
/// "Nam" for every row should learn to send codes, not be graded as if half its rows were lost.
///
/// `scoreWeights` in `nightly.json` changes weights for every dataset; in a dataset's schema, for
/// that dataset. A dataset that changes a code's severity (`severities`) scores it by its new
/// severity unless it gives the code a weight too: a code made an error must not keep a warning's
/// discount. Weights are kept in thousandths, so that sums over millions of rows are exact.
public struct ScoreWeights: Sendable, Equatable {
    /// Thousandths of a row, by code: only the codes that do not cost their severity's weight.
    public private(set) var byCode: [FindingCode: Int]

    public static let scale = 1000

    public init(byCode: [FindingCode: Int] = [:]) { self.byCode = byCode }

    public static let defaults = ScoreWeights(byCode: [.codeFromName: 100])

    /// An error 1, a warning 0.5, info 0, in thousandths.
    public static func weight(of severity: Severity) -> Int {
        switch severity {
        case .error: scale
        case .warning: scale / 2
        case .info: 0
        }
    }

    /// The finding's cost in thousandths: its code's weight, or its severity's.
    @inline(__always)
    public func cost(of finding: Finding) -> Int { byCode[finding.code] ?? ScoreWeights.weight(of: finding.severity) }

    /// A dataset's weights from the pipeline's (these) and its own schema.
    func resolved(own: [FindingCode: Int], severities: [FindingCode: Severity]) -> ScoreWeights {
        var weights = byCode
        for (code, severity) in severities where severity != FindingCatalog.entry(code).severity { weights[code] = nil }
        weights.merge(own) { _, own in own }
        return ScoreWeights(byCode: weights)
    }

    /// The weights as reports write them: code → share of a row (`"code-from-name": 0.1`).
    public var shares: [String: Double] {
        Dictionary(uniqueKeysWithValues: byCode.map { ($0.key.rawValue, Double($0.value) / Double(ScoreWeights.scale)) })
    }

    /// `scoreWeights`: finding code → a number from 0 to 1 with at most three decimals. Every bad entry
    /// is a problem at its own path (`scoreWeights.code-from-nam`), so a typo is refused, never ignored.
    static func read(_ object: ConfigObject) -> [FindingCode: Int] {
        var weights: [FindingCode: Int] = [:]
        for key in object.allKeys {
            guard let code = FindingCode(rawValue: key) else {
                _ = object.raw(key)
                object.problem(key, Message(vi: "\"\(key)\" không phải mã phát hiện nào", en: "\"\(key)\" is not a finding code"))
                continue
            }
            guard let share = object.number(key) else { continue }
            let thousandths = share * Double(scale)
            guard (0...1).contains(share) else {
                object.problem(key, Message(vi: "trọng số phải từ 0 đến 1 (1 là một dòng lỗi), gặp \(share)",
                                            en: "a weight must be from 0 to 1 (1 is a row with an error), found \(share)"))
                continue
            }
            guard abs(thousandths - thousandths.rounded()) < 1e-6 else {
                object.problem(key, Message(vi: "trọng số có tối đa ba chữ số thập phân, gặp \(share)",
                                            en: "a weight has at most three decimals, found \(share)"))
                continue
            }
            weights[code] = Int(thousandths.rounded())
        }
        object.finish()
        return weights
    }
}
