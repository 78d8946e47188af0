/// The 12-digit personal ID (số định danh cá nhân): its form, its province prefix, and what its
/// digits say about the person — digit 4 encodes century and sex, digits 5–6 the birth year —
/// against the recorded birth date and sex. A 9-digit number is a legacy ID card (CMND).
public final class PersonalIDCheck: RowCheck {
    public static let id = "personal-id"
    public static let codes = ["personal-id-invalid", "personal-id-legacy", "personal-id-province", "personal-id-mismatch"]
    /// The province catalog whose `cccd_prefix` column lists valid ID prefixes.
    public static let provinceCatalogID = "tinh"

    private let idField: Int?
    private let birthField: Int?
    private let sexField: Int?
    /// Sex code → 0 for male, 1 for female, nil when the code's name says neither.
    private var sexOffsets: [String: Int?] = [:]

    public init(schema: DatasetSchema) {
        idField = schema.index(of: .personalID)
        birthField = schema.index(of: .birthDate)
        sexField = schema.index(of: .sex)
    }

    public func check(_ row: inout RowState, _ context: ValidationContext) {
        guard let field = idField, !row.values[field].isEmpty, !row.failed[field] else { return }
        let value = row.values[field]
        guard let digits = IdentifierNormalizer.personalID(value), digits.utf8.count == 12 || digits.utf8.count == 9 else {
            context.emit("personal-id-invalid", &row, field: field, value: value)
            return
        }
        if digits != value {
            row.values[field] = digits
            let restoredZero = value.utf8.filter(DateNormalizer.isDigit).count == 11
            context.noteChange(restoredZero ? .personalIDLeadingZero : .identifier)
        }
        if digits.utf8.count == 9 {
            context.emit("personal-id-legacy", &row, field: field, value: value)
            return
        }
        let bytes = Array(digits.utf8)
        if !context.personalIDProvinces.isEmpty && !context.personalIDProvinces.contains(String(decoding: bytes[0..<3], as: UTF8.self)) {
            context.emit("personal-id-province", &row, field: field, value: value)
        }
        guard let expected = expectedDigits(row, context) else { return }
        let centuryDigit = Int(bytes[3] - 0x30)
        let yearDigits = Int(bytes[4] - 0x30) * 10 + Int(bytes[5] - 0x30)
        var problems: [String] = []
        if let century = expected.centuryDigit, century != centuryDigit { problems.append("digit 4 is \(centuryDigit), expected \(century)") }
        if yearDigits != expected.yearDigits { problems.append("digits 5-6 are \(yearDigits), birth year ends in \(expected.yearDigits)") }
        if !problems.isEmpty {
            context.emit("personal-id-mismatch", &row, field: field, value: value, detail: problems.joined(separator: "; "))
        }
    }

    /// The sex list says which code is which by name ("Nam", "Nữ"), not by a fixed number.
    private func sexOffset(_ code: String, _ context: ValidationContext) -> Int? {
        if let known = sexOffsets[code] { return known }
        var offset: Int? = nil
        if let sexField, let entry = context.fieldCodeLists[sexField]?.latest(code) {
            switch TextKey.fold(entry.name) {
            case "nam": offset = 0
            case "nu": offset = 1
            default: offset = nil
            }
        }
        sexOffsets[code] = offset
        return offset
    }

    /// Digit 4 and digits 5–6 as the birth date and sex predict them; nil without a usable birth date.
    private func expectedDigits(_ row: RowState, _ context: ValidationContext) -> (centuryDigit: Int?, yearDigits: Int)? {
        guard let birthField, !row.failed[birthField], let birth = CivilDate(iso: row.values[birthField]),
              (1900...2399).contains(birth.year) else { return nil }
        let centuryBase = (birth.year / 100 - 19) * 2
        var centuryDigit: Int? = nil
        if let sexField, !row.failed[sexField], let offset = sexOffset(row.values[sexField], context) {
            centuryDigit = centuryBase + offset
        }
        return (centuryDigit, birth.year % 100)
    }
}
