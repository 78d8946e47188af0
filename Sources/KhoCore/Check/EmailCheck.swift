/// E-mail addresses: what the e-mail rule could not read as an address is invalid.
public final class EmailCheck: RowCheck {
    public static let id = "email"
    public static let codes: [FindingCode] = [.emailInvalid]

    private let fields: [Int]

    public init(schema: DatasetSchema) {
        fields = schema.indices(of: .email)
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        for field in fields where !row.isEmpty(field) && !row.failed[field] && row.unparsed[field] {
            context.emit(.emailInvalid, &row, field: field, value: row.value(field))
        }
    }
}
