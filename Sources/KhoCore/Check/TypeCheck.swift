/// Article 9.1: every value is of its field's type. The rules have already written each value
/// they could parse in its canonical form (ISO dates, `.` decimals, `true`/`false`); what they
/// could not parse is a type error.
public final class TypeCheck: RowCheck {
    public static let id = "type"
    public static let codes: [FindingCode] = [.typeInvalid, .dateLayoutUnexpected]

    private let typed: [(index: Int, type: FieldType)]
    /// Per date field with declared layouts, the layouts as a finding names them.
    private let declaredLayouts: [Int: String]

    public init(schema: DatasetSchema) {
        typed = schema.fields.enumerated().compactMap { $1.type == .string ? nil : ($0, $1.type) }
        var layouts: [Int: String] = [:]
        for (index, field) in schema.fields.enumerated() {
            if let declared = field.sourceLayouts { layouts[index] = declared.map(\.description).joined(separator: " | ") }
        }
        declaredLayouts = layouts
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        for (index, type) in typed where !row.isEmpty(index) {
            let valid = type == .year ? row.withValue(index) { $0.count == 4 && $0.allSatisfy(DateNormalizer.isDigit) } : !row.unparsed[index]
            if !valid {
                context.emit(.typeInvalid, &row, field: index, value: row.value(index), detail: type.rawValue)
            } else if row.unexpectedLayouts[index] {
                context.emit(.dateLayoutUnexpected, &row, field: index, value: row.rawValue(index), detail: declaredLayouts[index])
            }
        }
    }
}
