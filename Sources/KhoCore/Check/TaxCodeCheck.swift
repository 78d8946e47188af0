/// Tax codes (mã số thuế): 10 digits, or 13 for a branch written `0123456789-001`. The check digit
/// rule comes from public code, not an official text, so a mismatch is only a warning.
public final class TaxCodeCheck: RowCheck {
    public static let id = "tax-code"
    public static let codes: [FindingCode] = [.taxCodeInvalid, .taxCodeChecksum]

    private let fields: [Int]

    public init(schema: DatasetSchema) {
        fields = schema.indices(of: .taxCode)
    }

    public func check(_ row: inout RowState, _ context: ValidationContext) {
        for field in fields where !row.isEmpty(field) && !row.failed[field] {
            let value = row.value(field)
            guard let canonical = IdentifierNormalizer.taxCode(value) else {
                context.emit(.taxCodeInvalid, &row, field: field, value: value)
                continue
            }
            if canonical != value {
                row.setValue(field, canonical)
                context.noteChange(.identifier)
            }
            let digits = Array(canonical.utf8.prefix(10))
            if IdentifierNormalizer.taxCheckDigit(digits[0..<9]) != digits[9] {
                context.emit(.taxCodeChecksum, &row, field: field, value: value)
            }
        }
    }
}
