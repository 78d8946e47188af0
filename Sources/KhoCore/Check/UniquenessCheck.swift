/// Once only (Article 9.3) within a unit: a primary key, or a field declared unique, seen again.
///
/// Only rows that pass every other check take a key, so a rejected row never makes a later good
/// one look like a duplicate.
public final class UniquenessCheck: RowCheck {
    public static let id = "uniqueness"
    public static let codes: [FindingCode] = [.duplicateKey]

    private let keys: OnceOnlyKeys

    public init(schema: DatasetSchema) {
        keys = OnceOnlyKeys(schema: schema)
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        guard !row.isRejected, !keys.isEmpty, let repeated = keys.take(row, file: row.file, line: row.line) else { return }
        let field = repeated.keySet.fields.count == 1 ? repeated.keySet.fields[0] : nil
        context.emit(.duplicateKey, &row, field: field, value: OnceOnlyKeys.shown(repeated.keySet, of: row), detail: "first at \(repeated.first)")
    }
}
