/// Tax codes to 10 digits, or 13 for a branch (`0123456789-001` → `0123456789001`), or — for a
/// field whose subject may use one (`TaxCodeForm`) — the 12 digits of a personal ID. Whether that
/// form is valid on the record's date is the check's to judge.
public final class TaxCodeRule: NormalizationStep {
    public static let id = "tax-code"

    private let fields: [Int]
    /// Per entry of `fields`, whether twelve digits are a form the field may hold on some date.
    private let personalIDForm: [Bool]

    public init?(schema: DatasetSchema) {
        fields = schema.indices(of: .taxCode)
        personalIDForm = fields.map { index in schema.fields[index].taxCodeForms.contains { $0.kind == .personalID } }
        if fields.isEmpty { return nil }
    }

    public func apply(_ row: inout RowState, _ context: DatasetContext) {
        for (position, field) in fields.enumerated() where !row.isEmpty(field) {
            let twelve = personalIDForm[position]
            // Bare digits of an accepted length: the usual case, nothing to copy.
            if row.withValue(field, { TaxCodeRule.isCanonical($0, personalIDForm: twelve) }) { continue }
            let value = row.value(field)
            guard let canonical = IdentifierNormalizer.taxCode(value, personalIDForm: twelve) else {
                row.unparsed[field] = true
                continue
            }
            if canonical != value {
                row.setValue(field, canonical)
                row.noteChange(field, .identifier)
            }
        }
    }

    static func isCanonical(_ bytes: UnsafeBufferPointer<UInt8>, personalIDForm: Bool) -> Bool {
        (bytes.count == 10 || (personalIDForm && bytes.count == 12)) && bytes.allSatisfy(DateNormalizer.isDigit)
    }
}
