/// Completeness: a required field must hold a value (primary-key fields are always required).
public final class RequiredCheck: RowCheck {
    public static let id = "required"
    public static let codes: [FindingCode] = [.required]

    private var required: [Int] = []

    public init(schema: DatasetSchema) {
        required = schema.fields.indices.filter { schema.fields[$0].required || schema.primaryKey.contains(schema.fields[$0].name) }
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        for index in required where row.isEmpty(index) {
            context.emit(.required, &row, field: index)
        }
    }
}
