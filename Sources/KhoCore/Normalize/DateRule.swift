/// Date and date-time fields to ISO 8601 (`dd/MM/yyyy`, Excel serials and the other layouts
/// `DateNormalizer` knows); the record-date field also becomes the row's `recordDate`.
public final class DateRule: NormalizationStep {
    public static let id = "date"

    private let dates: [Int]
    private let dateTimes: [Int]
    private let recordDateField: Int?

    public init?(schema: DatasetSchema) {
        dates = schema.fields.indices.filter { schema.fields[$0].type == .date }
        dateTimes = schema.fields.indices.filter { schema.fields[$0].type == .datetime }
        recordDateField = schema.index(of: .recordDate)
        if dates.isEmpty && dateTimes.isEmpty { return nil }
    }

    public func apply(_ row: inout RowState, _ context: DatasetContext) {
        for index in dates where !row.isEmpty(index) {
            // Parsed straight from the bytes, written back as ISO bytes: the hot case.
            guard let date = row.withValue(index, DateNormalizer.parse) else {
                row.unparsed[index] = true
                continue
            }
            let unchanged = date.withISOBytes { iso in row.withValue(index) { $0.elementsEqual(iso) } }
            if !unchanged {
                date.withISOBytes { row.setValue(index, $0) }
                row.noteChange(index, .date)
            }
        }
        for index in dateTimes where !row.isEmpty(index) {
            let value = row.value(index)
            guard let canonical = DateTimeNormalizer.normalize(value) else {
                row.unparsed[index] = true
                continue
            }
            if canonical != value {
                row.setValue(index, canonical)
                row.noteChange(index, .date)
            }
        }
        if let field = recordDateField, !row.unparsed[field], !row.isEmpty(field) {
            row.recordDate = row.withValue(field) { CivilDate(isoBytes: $0) }
        }
    }
}
