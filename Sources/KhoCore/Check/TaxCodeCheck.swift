/// Tax codes (mã số thuế): 10 digits, or 13 for a branch, as the tax-code rule left them. The
/// check digit rule comes from public code, not an official text, so a mismatch is only a warning.
///
/// Twelve digits are left only in a field whose subject may use a personal ID as tax code
/// (`TaxCodeForm`): valid when a form is in force on the record's date (Circular 86/2024/TT-BTC:
/// from 2025-07-01) and the digits can be a personal ID; before that, an error as any other length.
/// Such a value is a person's ID, so findings show it masked whatever the field's classification.
public final class TaxCodeCheck: RowCheck {
    public static let id = "tax-code"
    public static let codes: [FindingCode] = [.taxCodeInvalid, .taxCodeChecksum]

    private let fields: [Int]
    /// Per field (by schema index), its personal-ID forms; empty for fields without a subject.
    private let personalIDForms: [[TaxCodeForm]]

    public init(schema: DatasetSchema) {
        fields = schema.indices(of: .taxCode)
        personalIDForms = schema.fields.map { field in field.taxCodeForms.filter { $0.kind == .personalID } }
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        for field in fields where !row.isEmpty(field) && !row.failed[field] {
            if row.unparsed[field] {
                context.emit(.taxCodeInvalid, &row, field: field, value: row.value(field))
                continue
            }
            if row.byteCount(field) == 12 {
                checkPersonalID(field, &row, context)
                continue
            }
            if row.withValue(field, { IdentifierNormalizer.taxCheckDigit($0[0..<9]) != $0[9] }) {
                context.emit(.taxCodeChecksum, &row, field: field, value: row.rawValue(field))
            }
        }
    }

    /// A personal ID as tax code: in force on the record's date, and digits a personal ID can have.
    private func checkPersonalID(_ field: Int, _ row: inout RowState, _ context: DatasetContext) {
        let date = row.recordDate ?? context.asOf
        let forms = personalIDForms[field]
        guard forms.contains(where: { $0.isValid(on: date) }) else {
            let from = forms.compactMap(\.validFrom).filter { $0 > date }.min()
            let detail = from.map { "a personal ID is a tax code only from \($0)" } ?? "a personal ID is not a tax code on the record's date"
            context.emit(.taxCodeInvalid, &row, field: field, value: Masking.mask(row.rawValue(field)), detail: detail)
            return
        }
        let problem = row.withValue(field) { bytes in
            PersonalIDDigits(bytes, provinces: context.personalIDProvinces).map { $0.problem(on: date) } ?? "not twelve digits"
        }
        if let problem {
            context.emit(.taxCodeInvalid, &row, field: field, value: Masking.mask(row.rawValue(field)), detail: "not a personal ID: " + problem)
        }
    }
}
