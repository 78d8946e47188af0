/// Tax codes to 10 digits, or 13 for a branch (`0123456789-001` → `0123456789001`).
public final class TaxCodeRule: NormalizationStep {
    public static let id = "tax-code"

    private let fields: [Int]

    public init?(schema: DatasetSchema) {
        fields = schema.indices(of: .taxCode)
        if fields.isEmpty { return nil }
    }

    public func apply(_ row: inout RowState, _ context: DatasetContext) {
        for field in fields where !row.isEmpty(field) {
            let value = row.value(field)
            guard let canonical = IdentifierNormalizer.taxCode(value) else {
                row.unparsed[field] = true
                continue
            }
            if canonical != value {
                row.setValue(field, canonical)
                row.noteChange(field, .identifier)
            }
        }
    }
}
