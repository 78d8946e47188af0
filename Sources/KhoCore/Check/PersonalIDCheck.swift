/// The 12-digit personal ID (số định danh cá nhân), as the personal-ID rule left it: its form, its
/// province prefix, and what its digits say about the person — digit 4 encodes century and sex, digits 5–6 the birth year —
/// against the recorded birth date and sex. A 9-digit number is a legacy ID card (CMND).
public final class PersonalIDCheck: RowCheck {
    public static let id = "personal-id"
    public static let codes: [FindingCode] = [.personalIdInvalid, .personalIdLegacy, .personalIdProvince, .personalIdMismatch]

    private let idField: Int?
    private let birthField: Int?
    private let sexField: Int?
    /// Sex code → 0 for male, 1 for female, nil when the code's name says neither.
    private var sexOffsets = ByteTable<Int?>()

    public init(schema: DatasetSchema) {
        idField = schema.index(of: .personalID)
        birthField = schema.index(of: .birthDate)
        sexField = schema.index(of: .sex)
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        guard let field = idField, !row.isEmpty(field), !row.failed[field] else { return }
        if row.unparsed[field] {
            context.emit(.personalIdInvalid, &row, field: field, value: row.value(field))
            return
        }
        if row.byteCount(field) == 9 {
            context.emit(.personalIdLegacy, &row, field: field, value: row.rawValue(field))
            return
        }
        // The rule left twelve digits.
        guard let digits = row.withValue(field, { PersonalIDDigits($0, provinces: context.personalIDProvinces) }) else { return }
        let (centuryDigit, yearDigits) = (digits.centuryDigit, digits.yearDigits)
        if !digits.provinceKnown { context.emit(.personalIdProvince, &row, field: field, value: row.value(field)) }
        guard let expected = expectedDigits(row, context) else { return }
        let centuryWrong = expected.centuryDigit.map { $0 != centuryDigit } ?? false
        guard centuryWrong || yearDigits != expected.yearDigits else { return }
        var problems: [String] = []
        if centuryWrong, let century = expected.centuryDigit { problems.append("digit 4 is \(centuryDigit), expected \(century)") }
        if yearDigits != expected.yearDigits { problems.append("digits 5-6 are \(yearDigits), birth year ends in \(expected.yearDigits)") }
        context.emit(.personalIdMismatch, &row, field: field, value: row.value(field), detail: problems.joined(separator: "; "))
    }

    /// The sex list says which code is which by name ("Nam", "Nữ"), not by a fixed number.
    private func sexOffset(_ row: RowState, _ field: Int, _ context: DatasetContext) -> Int? {
        if let known = row.withValue(field, { sexOffsets.value(for: $0) }) { return known }
        var offset: Int? = nil
        if let entry = context.fieldCodeLists[field]?.latest(row.value(field)) {
            switch TextKey.fold(entry.name) {
            case "nam": offset = 0
            case "nu": offset = 1
            default: offset = nil
            }
        }
        row.withValue(field) { sexOffsets.set(offset, for: $0) }
        return offset
    }

    /// Digit 4 and digits 5–6 as the birth date and sex predict them; nil without a usable birth date.
    private func expectedDigits(_ row: RowState, _ context: DatasetContext) -> (centuryDigit: Int?, yearDigits: Int)? {
        guard let birthField, !row.failed[birthField], let birth = row.withValue(birthField, { CivilDate(isoBytes: $0) }),
              (1900...2399).contains(birth.year) else { return nil }
        let centuryBase = (birth.year / 100 - 19) * 2
        var centuryDigit: Int? = nil
        if let sexField, !row.failed[sexField], !row.isEmpty(sexField), let offset = sexOffset(row, sexField, context) {
            centuryDigit = centuryBase + offset
        }
        return (centuryDigit, birth.year % 100)
    }
}
