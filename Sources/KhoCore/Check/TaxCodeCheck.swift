/// Tax codes (mã số thuế): 10 digits, or 13 for a branch, as the tax-code rule left them. The
/// check digit rule comes from public code, not an official text, so a mismatch is only a warning.
public final class TaxCodeCheck: RowCheck {
    public static let id = "tax-code"
    public static let codes: [FindingCode] = [.taxCodeInvalid, .taxCodeChecksum]

    private let fields: [Int]

    public init(schema: DatasetSchema) {
        fields = schema.indices(of: .taxCode)
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        for field in fields where !row.isEmpty(field) && !row.failed[field] {
            if row.unparsed[field] {
                context.emit(.taxCodeInvalid, &row, field: field, value: row.value(field))
                continue
            }
            let digits = row.withValue(field) { Array($0.prefix(10)) }
            if IdentifierNormalizer.taxCheckDigit(digits[0..<9]) != digits[9] {
                context.emit(.taxCodeChecksum, &row, field: field, value: row.rawValue(field))
            }
        }
    }
}
