/// One normalization rule: it brings the values of the fields it is declared for (by type, role or
/// code list) to their canonical form, notes each change on the row, and marks what it could not
/// parse. It rewrites and never judges: findings are the checks' business.
public protocol NormalizationStep: AnyObject {
    /// Stable kebab-case id.
    static var id: String { get }
    /// Nil when no field of the dataset is one the rule is for.
    init?(schema: DatasetSchema)
    func apply(_ row: inout RowState, _ context: DatasetContext)
}

/// The one list of normalization rules, in the order they run. Order matters: text is cleaned
/// first; dates give the record's date, which the code rule needs to know which codes were valid;
/// codes come before the names written beside them and before the personal ID, whose digits are
/// read against the sex code.
public enum NormalizationRegistry {
    public static var all: [any NormalizationStep.Type] {
        [
        TextRule.self, DateRule.self, NumberRule.self, BooleanRule.self, CodeRule.self, NameFromCodeRule.self,
        PersonalIDRule.self, TaxCodeRule.self, PhoneRule.self, EmailRule.self,
        ]
    }
}

/// Runs a dataset's rules over each row.
public final class Normalizer {
    public let context: DatasetContext
    private let steps: [any NormalizationStep]

    public init(context: DatasetContext) {
        self.context = context
        steps = NormalizationRegistry.all.compactMap { $0.init(schema: context.schema) }
    }

    /// Starts `row` over with `record` and applies every rule.
    public func normalize(_ record: Record, into row: inout RowState) {
        row.reset(with: record)
        // By index: `for step in steps` would retain and release each step for every row.
        for index in steps.indices { steps[index].apply(&row, context) }
    }
}

/// Changes counted per kind, for `normalize.json`.
public struct ChangeCounts: Sendable, Equatable {
    private var counts = [Int](repeating: 0, count: NormalizationChange.count)

    public init() {}

    public mutating func add(_ row: RowState) { add(row.changes) }

    public mutating func add(_ changes: ChangeList) {
        changes.forEach { _, change in counts[change.ordinal] += 1 }
    }

    /// By kind; kinds that changed nothing are left out.
    public var byKind: [String: Int] {
        var result: [String: Int] = [:]
        for change in NormalizationChange.allCases where counts[change.ordinal] > 0 { result[change.rawValue] = counts[change.ordinal] }
        return result
    }
}
