/// Date and date-time fields to ISO 8601 (`dd/MM/yyyy`, Excel serials and the other layouts
/// `DateNormalizer` knows); the record-date field also becomes the row's `recordDate`.
///
/// A field that declares its layouts (`format`) is read in those first; a value only another
/// layout reads is still brought to ISO but marked, so that the type check reports it.
public final class DateRule: NormalizationStep {
    public static let id = "date"

    private let dates: [Int]
    private let dateTimes: [Int]
    private let recordDateField: Int?
    /// Per entry of `dates`, then of `dateTimes`: the declared layouts, nil for any.
    private let dateLayouts: [[DateLayout]?]
    private let dateTimeLayouts: [[DateLayout]?]

    public init?(schema: DatasetSchema) {
        dates = schema.fields.indices.filter { schema.fields[$0].type == .date }
        dateTimes = schema.fields.indices.filter { schema.fields[$0].type == .datetime }
        recordDateField = schema.index(of: .recordDate)
        dateLayouts = dates.map { schema.fields[$0].sourceLayouts }
        dateTimeLayouts = dateTimes.map { schema.fields[$0].sourceLayouts }
        if dates.isEmpty && dateTimes.isEmpty { return nil }
    }

    public func apply(_ row: inout RowState, _ context: DatasetContext) {
        for (position, index) in dates.enumerated() where !row.isEmpty(index) {
            // Parsed straight from the bytes, written back as ISO bytes: the hot case.
            var parsed: CivilDate?
            if let layouts = dateLayouts[position] {
                parsed = row.withValue(index) { bytes in
                    for layout in layouts { if let (date, seconds) = layout.parse(bytes), seconds == 0 { return date } }
                    return nil
                }
                if parsed == nil {
                    parsed = row.withValue(index, DateNormalizer.parse)
                    if parsed != nil { row.unexpectedLayouts[index] = true }
                }
            } else {
                parsed = row.withValue(index, DateNormalizer.parse)
            }
            guard let date = parsed else {
                row.unparsed[index] = true
                continue
            }
            // The ISO bytes made once, compared and if need be stored in the same call.
            date.withISOBytes { row.replaceValue(index, with: $0, noting: .date) }
        }
        for (position, index) in dateTimes.enumerated() where !row.isEmpty(index) {
            // The usual form without a declared layout: read, compared and stored as bytes.
            if dateTimeLayouts[position] == nil, let fast = row.withValue(index, DateTimeNormalizer.fastParse) {
                guard let (date, seconds) = fast else {
                    row.unparsed[index] = true
                    continue
                }
                DateTimeNormalizer.withISOBytes(date, seconds: seconds) { row.replaceValue(index, with: $0, noting: .date) }
                continue
            }
            let value = row.value(index)
            var declared: String?
            if let layouts = dateTimeLayouts[position] {
                declared = row.withValue(index) { bytes in
                    for layout in layouts { if let (date, seconds) = layout.parse(bytes) { return DateTimeNormalizer.iso(date, seconds: seconds) } }
                    return nil
                }
            }
            let general = declared == nil ? DateTimeNormalizer.normalize(value) : nil
            if declared == nil && general != nil && dateTimeLayouts[position] != nil { row.unexpectedLayouts[index] = true }
            guard let canonical = declared ?? general else {
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
