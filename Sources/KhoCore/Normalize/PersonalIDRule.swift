/// The personal ID to its bare digits: separators go, and the leading zero a spreadsheet dropped
/// (11 digits) comes back. A 9-digit legacy ID card number is kept as nine digits; anything else
/// is marked unparsed.
public final class PersonalIDRule: NormalizationStep {
    public static let id = "personal-id"

    private let field: Int

    public init?(schema: DatasetSchema) {
        guard let field = schema.index(of: .personalID) else { return nil }
        self.field = field
    }

    public func apply(_ row: inout RowState, _ context: DatasetContext) {
        guard !row.isEmpty(field), !row.withValue(field, PersonalIDRule.isCanonical) else { return }
        let value = row.value(field)
        guard let cleaned = IdentifierNormalizer.personalID(value), cleaned.utf8.count == 12 || cleaned.utf8.count == 9 else {
            row.unparsed[field] = true
            return
        }
        let restoredZero = value.utf8.filter(DateNormalizer.isDigit).count == 11
        row.noteChange(field, restoredZero ? .personalIDLeadingZero : .identifier)
        row.setValue(field, cleaned)
    }

    /// Twelve digits: the usual case, nothing to do.
    static func isCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 12 && bytes.allSatisfy(DateNormalizer.isDigit)
    }
}
