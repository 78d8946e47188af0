/// Phone numbers: ten-digit mobiles, eleven-digit landlines. An old eleven-digit mobile, which
/// the phone rule rewrote with its new prefix, is a warning.
public final class PhoneCheck: RowCheck {
    public static let id = "phone"
    public static let codes: [FindingCode] = [.phoneInvalid, .phoneLegacy]

    private let fields: [Int]

    public init(schema: DatasetSchema) {
        fields = schema.indices(of: .phone)
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        for field in fields where !row.isEmpty(field) && !row.failed[field] {
            if row.unparsed[field] {
                context.emit(.phoneInvalid, &row, field: field, value: row.value(field))
            } else if row.changed(field, by: .phoneLegacyPrefix) {
                context.emit(.phoneLegacy, &row, field: field, value: row.rawValue(field), detail: Masking.mask(row.value(field)))
            }
        }
    }
}
