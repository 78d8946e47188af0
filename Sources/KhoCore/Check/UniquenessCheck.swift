/// Once only (Article 9.3) within a unit: a primary key, or a field declared unique, seen again.
///
/// By default the first row in file order owns a key whatever its other findings, and every later
/// row with the key is a duplicate that names the first; a dataset with `keyOwner`
/// `first-accepted-row` lets only rows without an error take a key.
public final class UniquenessCheck: RowCheck {
    public static let id = "uniqueness"
    public static let codes: [FindingCode] = [.duplicateKey]

    private let keys: OnceOnlyKeys
    private let rejectedRowsTakeKeys: Bool

    public init(schema: DatasetSchema) {
        keys = OnceOnlyKeys(schema: schema)
        rejectedRowsTakeKeys = schema.keyOwner == .firstRow
    }

    /// Whether the rows a flow running this check accepts carry each complete primary key once:
    /// every such row took its key, and a row repeating a taken key is rejected. Integration then
    /// need not index the unit's keys a second time (`DatasetIntegration.beginUnit`).
    public static func acceptsEachPrimaryKeyOnce(_ schema: DatasetSchema) -> Bool {
        !schema.primaryKey.compactMap(schema.fieldIndex).isEmpty && schema.severity(of: .duplicateKey) == .error
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        guard !keys.isEmpty, rejectedRowsTakeKeys || !row.isRejected,
              let repeated = keys.take(row, file: row.file, line: row.line) else { return }
        let field = repeated.keySet.fields.count == 1 ? repeated.keySet.fields[0] : nil
        context.emit(.duplicateKey, &row, field: field, value: OnceOnlyKeys.shown(repeated.keySet, of: row), detail: "first at \(repeated.first)")
    }
}
