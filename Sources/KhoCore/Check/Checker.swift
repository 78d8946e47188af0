/// Runs every registered check over a normalized row, in order.
public final class Checker {
    public let context: DatasetContext
    private let checks: [any RowCheck]

    public init(context: DatasetContext) {
        self.context = context
        checks = CheckRegistry.makeChecks(for: context.schema)
    }

    public func check(_ row: inout RowState) {
        // By index: `for check in checks` would retain and release each check for every row.
        for index in checks.indices { checks[index].check(&row, context) }
    }

    /// Findings that need the whole table, after the last row.
    public func finish() -> [Finding] {
        checks.flatMap { $0.finish(context) }
    }
}
