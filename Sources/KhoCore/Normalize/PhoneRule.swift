/// Phone numbers to ten-digit mobiles and eleven-digit landlines (`PhoneNormalizer`); an old
/// eleven-digit mobile gets its new ten-digit prefix.
public final class PhoneRule: NormalizationStep {
    public static let id = "phone"

    private let fields: [Int]

    public init?(schema: DatasetSchema) {
        fields = schema.indices(of: .phone)
        if fields.isEmpty { return nil }
    }

    public func apply(_ row: inout RowState, _ context: DatasetContext) {
        for field in fields where !row.isEmpty(field) {
            if row.withValue(field, PhoneNormalizer.isCanonicalMobile) { continue }   // the usual case
            let value = row.value(field)
            switch PhoneNormalizer.normalize(value, legacyPrefixes: context.legacyPhonePrefixes) {
            case .valid(let canonical):
                if canonical != value {
                    row.setValue(field, canonical)
                    row.noteChange(field, .phone)
                }
            case .legacy(let canonical):
                row.setValue(field, canonical)
                row.noteChange(field, .phoneLegacyPrefix)
            case .invalid:
                row.unparsed[field] = true
            }
        }
    }
}
