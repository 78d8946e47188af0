/// Article 9.2: a name written beside a code must be that code's name in the shared list (commune
/// name against commune code). The canonical name is the list's name for the canonical code.
public final class NameCodeCheck: RowCheck {
    public static let id = "name-code"
    public static let codes: [FindingCode] = [.nameCodeMismatch]

    private let pairs: [(name: Int, code: Int)]
    /// Whether a name agrees with an entry, per entry and name: few pairs repeat on many rows.
    private var agreement: [ObjectIdentifier: ByteTable<Bool>] = [:]

    public init(schema: DatasetSchema) {
        pairs = schema.fields.enumerated().compactMap { index, field in
            field.nameOf.flatMap(schema.fieldIndex).map { (index, $0) }
        }
    }

    public func check(_ row: inout RowState, _ context: ValidationContext) {
        for (nameField, codeField) in pairs where !row.failed[nameField] {
            guard let list = context.fieldCodeLists[codeField], let entry = row.recordEntries[codeField] else { continue }
            if !row.isEmpty(nameField) && !agrees(list, entry, row, nameField, context) {
                context.emit(.nameCodeMismatch, &row, field: nameField, value: row.value(nameField), detail: "\(entry.code) = \(entry.name)")
                continue
            }
            let current: CodeList.Entry?
            if row.valueEquals(codeField, entry.codeBytes) && entry.isValid(on: context.asOf) {
                current = entry
            } else if case .valid(let found) = row.withValue(codeField, { list.lookup(bytes: $0, on: context.asOf) }) {
                current = found
            } else {
                current = nil
            }
            if let current, !row.valueEquals(nameField, current.nameBytes) {
                row.setValue(nameField, current.nameBytes)
                context.noteChange(.nameFromCode)
            }
        }
    }

    private func agrees(_ list: CodeList, _ entry: CodeList.Entry, _ row: RowState, _ field: Int, _ context: ValidationContext) -> Bool {
        if row.valueEquals(field, entry.nameBytes) { return true }
        let id = ObjectIdentifier(entry)
        if let known = row.withValue(field, { agreement[id]?.value(for: $0) }) { return known }
        let result = list.nameMatches(entry, nameKey: context.nameKey(row.value(field)))
        if agreement[id, default: ByteTable()].count < 10_000 {
            row.withValue(field) { agreement[id, default: ByteTable()].set(result, for: $0) }
        }
        return result
    }
}
