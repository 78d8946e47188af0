/// Accuracy (Article 16): dates after the processing date or before 1900, and ages outside the
/// dataset's plausible range on the record's date.
public final class PlausibilityCheck: RowCheck {
    public static let id = "plausibility"
    public static let codes: [FindingCode] = [.dateInFuture, .dateTooOld, .ageOutOfRange]

    private let dateFields: [Int]
    private let birthField: Int?
    private let ageRange: ClosedRange<Int>?
    private static let earliest = CivilDate(firstDayOf: 1900)

    public init(schema: DatasetSchema) {
        dateFields = schema.fields.indices.filter { schema.fields[$0].type == .date || schema.fields[$0].type == .datetime }
        birthField = schema.index(of: .birthDate)
        ageRange = schema.ageRange
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        for field in dateFields where !row.isEmpty(field) && !row.failed[field] {
            guard let date = row.withValue(field, { CivilDate(isoBytes: $0) }) else { continue }
            if date > context.asOf {
                context.emit(.dateInFuture, &row, field: field, value: row.value(field), detail: "as-of \(context.asOf)")
            } else if date < PlausibilityCheck.earliest {
                context.emit(.dateTooOld, &row, field: field, value: row.value(field))
            }
        }
        if let birthField, let ageRange, !row.failed[birthField], let birth = row.withValue(birthField, { CivilDate(isoBytes: $0) }) {
            let age = birth.years(until: row.recordDate ?? context.asOf)
            if !ageRange.contains(age) {
                context.emit(.ageOutOfRange, &row, field: birthField, value: row.value(birthField),
                             detail: "age \(age), expected \(ageRange.lowerBound)-\(ageRange.upperBound)")
            }
        }
    }
}
