/// A name written beside a code (commune name beside commune code) becomes the shared list's name
/// of the code in force on the as-of date, when it agrees with the code (ignoring case, Unicode
/// form and tone placement). One that disagrees is left as it is and marked for the check.
public final class NameFromCodeRule: NormalizationStep {
    public static let id = "name-from-code"

    private let pairs: [(name: Int, code: Int, required: Bool)]
    /// Whether a name agrees with an entry, per entry and name: few pairs repeat on many rows.
    private var agreement: [ObjectIdentifier: ByteTable<Bool>] = [:]

    public init?(schema: DatasetSchema) {
        pairs = schema.fields.enumerated().compactMap { index, field in
            field.nameOf.flatMap(schema.fieldIndex).map { (index, $0, field.required || schema.primaryKey.contains(field.name)) }
        }
        if pairs.isEmpty { return nil }
    }

    public func apply(_ row: inout RowState, _ context: DatasetContext) {
        for (nameField, codeField, required) in pairs {
            guard let list = context.fieldCodeLists[codeField], let entry = row.recordEntries[codeField] else { continue }
            if row.isEmpty(nameField) {
                // A required name must come from the export: filling it in would hide that it is missing.
                if required { continue }
            } else if !agrees(list, entry, row, nameField, context) {
                row.nameMismatches[nameField] = true
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
            if let current { row.replaceValue(nameField, with: current.nameBytes, noting: .nameFromCode) }
        }
    }

    private func agrees(_ list: CodeList, _ entry: CodeList.Entry, _ row: RowState, _ field: Int, _ context: DatasetContext) -> Bool {
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
