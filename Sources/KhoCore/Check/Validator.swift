/// Runs one record through text normalization and every registered check, in order.
public final class Validator {
    public let context: ValidationContext
    private let checks: [any RowCheck]

    public init(context: ValidationContext) {
        self.context = context
        checks = CheckRegistry.makeChecks(for: context.schema)
    }

    public func validate(_ record: Record) -> RowState {
        var row = RowState(record: record)
        for index in row.values.indices where !row.values[index].isEmpty {
            let result = TextNormalizer.normalize(row.values[index])
            if result.trimmed { context.noteChange("text-space") }
            if result.composed { context.noteChange("text-nfc") }
            row.values[index] = result.value
        }
        for check in checks { check.check(&row, context) }
        return row
    }

    /// Findings that need the whole table, after the last row.
    public func finish() -> [Finding] {
        checks.flatMap { $0.finish(context) }
    }
}
