/// Timeliness (Article 19): a record whose date is older than the dataset's update window.
public final class TimelinessCheck: RowCheck {
    public static let id = "timeliness"
    public static let codes: [FindingCode] = [.recordStale]

    private let field: Int?
    private let window: Int?
    private let detail: String

    public init(schema: DatasetSchema) {
        field = schema.index(of: .recordDate)
        window = schema.freshnessDays
        detail = "older than \(schema.freshnessDays ?? 0) days"
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        guard let field, let window, let date = row.recordDate,
              context.asOf.daysSinceEpoch - date.daysSinceEpoch > window else { return }
        context.emit(.recordStale, &row, field: field, value: row.value(field), detail: detail)
    }
}
