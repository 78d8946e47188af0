/// Boolean fields to `true` or `false` (`Có`, `x`, `1`, `yes`; `Không`, `0`, `no`).
public final class BooleanRule: NormalizationStep {
    public static let id = "boolean"

    private let fields: [Int]

    public init?(schema: DatasetSchema) {
        fields = schema.fields.indices.filter { schema.fields[$0].type == .boolean }
        if fields.isEmpty { return nil }
    }

    public func apply(_ row: inout RowState, _ context: DatasetContext) {
        for index in fields where !row.isEmpty(index) {
            let value = row.value(index)
            guard let canonical = context.canonicalBoolean(value) else {
                row.unparsed[index] = true
                continue
            }
            if canonical != value {
                row.setValue(index, canonical)
                row.noteChange(index, .boolean)
            }
        }
    }

    static func canonical(_ value: String) -> String? {
        switch TextKey.fold(value) {
        case "true", "1", "co", "x", "yes", "dung": "true"
        case "false", "0", "khong", "no", "sai": "false"
        default: nil
        }
    }
}
