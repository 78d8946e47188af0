/// Phone numbers: ten-digit mobiles, eleven-digit landlines. An old eleven-digit mobile is a
/// warning and is rewritten to its ten-digit form.
public final class PhoneCheck: RowCheck {
    public static let id = "phone"
    public static let codes: [FindingCode] = [.phoneInvalid, .phoneLegacy]

    private let fields: [Int]

    public init(schema: DatasetSchema) {
        fields = schema.indices(of: .phone)
    }

    public func check(_ row: inout RowState, _ context: ValidationContext) {
        for field in fields where !row.isEmpty(field) && !row.failed[field] {
            if row.withValue(field, PhoneNormalizer.isCanonicalMobile) { continue }   // the usual case
            let value = row.value(field)
            switch PhoneNormalizer.normalize(value, legacyPrefixes: context.legacyPhonePrefixes) {
            case .valid(let canonical):
                if canonical != value {
                    row.setValue(field, canonical)
                    context.noteChange(.phone)
                }
            case .legacy(let canonical):
                context.emit(.phoneLegacy, &row, field: field, value: value, detail: Masking.mask(canonical))
                row.setValue(field, canonical)
                context.noteChange(.phoneLegacyPrefix)
            case .invalid:
                context.emit(.phoneInvalid, &row, field: field, value: value)
            }
        }
    }
}
