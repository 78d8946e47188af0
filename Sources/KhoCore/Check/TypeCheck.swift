/// Article 9.1: every value parses as its field's type. The parsed value is the canonical one:
/// ISO dates, `.` decimals, `true`/`false`. Also finds the record's date for the checks after it.
public final class TypeCheck: RowCheck {
    public static let id = "type"
    public static let codes = ["type-invalid"]

    private let typed: [(index: Int, type: FieldType)]
    private let recordDateField: Int?

    public init(schema: DatasetSchema) {
        typed = schema.fields.enumerated().compactMap { $1.type == .string ? nil : ($0, $1.type) }
        recordDateField = schema.index(of: .recordDate)
    }

    public func check(_ row: inout RowState, _ context: ValidationContext) {
        for (index, type) in typed {
            let value = row.values[index]
            if value.isEmpty { continue }
            guard let canonical = TypeCheck.canonical(value, type) else {
                context.emit("type-invalid", &row, field: index, value: value, detail: type.rawValue)
                continue
            }
            if canonical != value {
                row.values[index] = canonical
                context.noteChange(type == .date || type == .datetime ? NormalizationRule.date : .number)
            }
        }
        if let field = recordDateField, !row.failed[field], !row.values[field].isEmpty {
            row.recordDate = CivilDate(iso: row.values[field].prefix(10))
        }
    }

    static func canonical(_ value: String, _ type: FieldType) -> String? {
        switch type {
        case .string: return value
        case .integer: return NumberNormalizer.normalize(value, integer: true)
        case .number: return NumberNormalizer.normalize(value, integer: false)
        case .year:
            guard value.utf8.count == 4, value.utf8.allSatisfy(DateNormalizer.isDigit) else { return nil }
            return value
        case .date: return DateNormalizer.parse(value).map(\.description)
        case .datetime: return DateTimeNormalizer.normalize(value)
        case .boolean:
            switch TextKey.fold(value) {
            case "true", "1", "co", "x", "yes", "dung": return "true"
            case "false", "0", "khong", "no", "sai": return "false"
            default: return nil
            }
        }
    }
}
