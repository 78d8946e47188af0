/// Article 9.2: a name written beside a code must be that code's name in the shared list (commune
/// name against commune code). The canonical name is the list's name for the canonical code.
public final class NameCodeCheck: RowCheck {
    public static let id = "name-code"
    public static let codes = ["name-code-mismatch"]

    private let pairs: [(name: Int, code: Int)]
    /// Whether a name agrees with an entry, per entry and name: few pairs repeat on many rows.
    private var agreement: [ObjectIdentifier: [String: Bool]] = [:]

    public init(schema: DatasetSchema) {
        pairs = schema.fields.enumerated().compactMap { index, field in
            field.nameOf.flatMap(schema.fieldIndex).map { (index, $0) }
        }
    }

    private func agrees(_ list: CodeList, _ entry: CodeList.Entry, _ name: String, _ context: ValidationContext) -> Bool {
        let id = ObjectIdentifier(entry)
        if let known = agreement[id]?[name] { return known }
        let result = list.nameMatches(entry, nameKey: context.nameKey(name))
        if agreement[id, default: [:]].count < 10_000 { agreement[id, default: [:]][name] = result }
        return result
    }

    public func check(_ row: inout RowState, _ context: ValidationContext) {
        let date = row.recordDate ?? context.asOf
        for (nameField, codeField) in pairs where !row.failed[nameField] {
            guard let list = context.fieldCodeLists[codeField], !row.recordCodes.isEmpty,
                  let code = row.recordCodes[codeField] else { continue }
            let name = row.values[nameField]
            if !name.isEmpty, case .valid(let entry) = list.lookup(code, on: date), !agrees(list, entry, name, context) {
                context.emit("name-code-mismatch", &row, field: nameField, value: name, detail: "\(code) = \(entry.name)")
                continue
            }
            if case .valid(let current) = list.lookup(row.values[codeField], on: context.asOf), current.name != name {
                row.values[nameField] = current.name
                context.noteChange(.nameFromCode)
            }
        }
    }
}
