/// Article 9.1: every value parses as its field's type. The parsed value is the canonical one:
/// ISO dates, `.` decimals, `true`/`false`. Also finds the record's date for the checks after it.
public final class TypeCheck: RowCheck {
    public static let id = "type"
    public static let codes: [FindingCode] = [.typeInvalid]

    private let typed: [(index: Int, type: FieldType)]
    private let recordDateField: Int?

    public init(schema: DatasetSchema) {
        typed = schema.fields.enumerated().compactMap { $1.type == .string ? nil : ($0, $1.type) }
        recordDateField = schema.index(of: .recordDate)
    }

    public func check(_ row: inout RowState, _ context: ValidationContext) {
        for (index, type) in typed where !row.isEmpty(index) {
            switch type {
            case .date:
                // Parsed straight from the bytes, written back as ISO bytes: the hot case.
                guard let date = row.withValue(index, DateNormalizer.parse) else {
                    context.emit(.typeInvalid, &row, field: index, value: row.value(index), detail: type.rawValue)
                    continue
                }
                let unchanged = date.withISOBytes { iso in row.withValue(index) { $0.elementsEqual(iso) } }
                if !unchanged {
                    date.withISOBytes { row.setValue(index, $0) }
                    context.noteChange(.date)
                }
            case .year:
                let valid = row.withValue(index) { $0.count == 4 && $0.allSatisfy(DateNormalizer.isDigit) }
                if !valid { context.emit(.typeInvalid, &row, field: index, value: row.value(index), detail: type.rawValue) }
            default:
                // Digits without a leading zero are already a canonical integer or number.
                if (type == .integer || type == .number) && row.withValue(index, TypeCheck.isPlainInteger) { continue }
                let value = row.value(index)
                guard let canonical = TypeCheck.canonical(value, type) else {
                    context.emit(.typeInvalid, &row, field: index, value: value, detail: type.rawValue)
                    continue
                }
                if canonical != value {
                    row.setValue(index, canonical)
                    context.noteChange(type == .datetime ? .date : .number)
                }
            }
        }
        if let field = recordDateField, !row.failed[field], !row.isEmpty(field) {
            row.recordDate = row.withValue(field) { CivilDate(isoBytes: $0) }
        }
    }

    private static func isPlainInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(DateNormalizer.isDigit) && (bytes.count == 1 || bytes[0] != 0x30)
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
