/// Runs one record through text normalization and every registered check, in order.
public final class Validator {
    public let context: ValidationContext
    private let checks: [any RowCheck]

    public init(context: ValidationContext) {
        self.context = context
        checks = CheckRegistry.makeChecks(for: context.schema)
    }

    public func validate(_ record: Record) -> RowState {
        var row = RowState()
        validate(record, into: &row)
        return row
    }

    /// Validates into a row state the caller reuses from record to record.
    public func validate(_ record: Record, into row: inout RowState) {
        row.reset(with: record)
        for index in 0..<row.count where !row.isEmpty(index) {
            // Most values are clean already: only the others are turned into strings and fixed.
            if row.withValue(index, TextNormalizer.isCanonical) { continue }
            let result = TextNormalizer.normalize(row.value(index))
            if result.trimmed { context.noteChange(.textSpace) }
            if result.composed { context.noteChange(.textNFC) }
            if result.trimmed || result.composed { row.setValue(index, result.value) }
        }
        // By index: `for check in checks` would retain and release each check for every row.
        for index in checks.indices { checks[index].check(&row, context) }
    }

    /// Findings that need the whole table, after the last row.
    public func finish() -> [Finding] {
        checks.flatMap { $0.finish(context) }
    }
}
