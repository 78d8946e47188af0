/// A way a unit writes one field on many rows that the pipeline repaired but the unit should fix at
/// the source: the report says it once per field ("Cột Giới tính ghi tên thay cho mã: 63 dòng")
/// instead of listing the rows, since every row is the same mistake. Which codes are habits, and
/// their wording, is the catalogue's (`FindingCatalog.habits`).
public struct Habit: Codable, Sendable, Equatable {
    public var code: FindingCode
    public var field: String
    /// The field's title in the dataset's schema (its name when it has none): what people call the column.
    public var title: String
    public var rows: Int

    public init(code: FindingCode, field: String, title: String, rows: Int) {
        self.code = code
        self.field = field
        self.title = title
        self.rows = rows
    }

    /// The habits in a tally, by code, then in the schema's field order. A habit code finds at most
    /// one thing per field and row, so its count on a field is a count of rows. A code the dataset
    /// made an error rejects its rows: that is no habit to mention in passing.
    public static func found(in tally: FindingTally, schema: DatasetSchema) -> [Habit] {
        tally.summaries.filter { FindingCatalog.habits[$0.code] != nil && $0.severity != .error }.sorted { $0.code < $1.code }.flatMap { summary in
            schema.fields.compactMap { field in
                summary.fields[field.name].map { Habit(code: summary.code, field: field.name, title: field.title ?? field.name, rows: $0) }
            }
        }
    }
}
