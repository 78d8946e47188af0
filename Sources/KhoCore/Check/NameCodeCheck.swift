/// Article 9.2: a name written beside a code must be that code's name in the shared list (commune
/// name against commune code); the name rule marked those that are not.
public final class NameCodeCheck: RowCheck {
    public static let id = "name-code"
    public static let codes: [FindingCode] = [.nameCodeMismatch]

    private let pairs: [(name: Int, code: Int)]

    public init(schema: DatasetSchema) {
        pairs = schema.fields.enumerated().compactMap { index, field in
            field.nameOf.flatMap(schema.fieldIndex).map { (index, $0) }
        }
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        for (nameField, codeField) in pairs where row.nameMismatches[nameField] && !row.failed[nameField] {
            guard let entry = row.recordEntries[codeField] else { continue }
            context.emit(.nameCodeMismatch, &row, field: nameField, value: row.value(nameField), detail: "\(entry.code) = \(entry.name)")
        }
    }
}
