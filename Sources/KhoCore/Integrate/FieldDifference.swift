/// Which fields two versions of a record differ in. Integration keeps no values, so a version is
/// remembered by one hash per field — only for keys in conflict — and compared by those.
enum FieldDifference {
    /// One hash per field of the row, in schema order.
    static func hashes(of row: FieldRow) -> [UInt64] {
        (0..<row.count).map { OnceOnlyKeys.hash([$0], of: row) }
    }

    /// The fields whose hashes differ (a dataset has at most 64 fields).
    static func fields(_ one: [UInt64], _ other: [UInt64]) -> FieldSet {
        var differing = FieldSet()
        for index in 0..<min(one.count, other.count) where one[index] != other[index] { differing[index] = true }
        return differing
    }

    /// The fields by name, in schema order, `;` between them (as `_flags` lists its fields).
    static func names(_ fields: FieldSet, in dataset: DatasetSchema) -> String {
        dataset.fields.indices.filter { fields[$0] }.map { dataset.fields[$0].name }.joined(separator: ";")
    }
}
