/// Article 9.2: coded fields carry a code of the right shared list, valid on the record's date.
///
/// The 2025 reorganization makes the date matter: a commune code retired on 2025-07-01 is an error
/// for a record dated after it (its successor is suggested), while for an older record it is valid
/// and is carried forward to the code in force on the as-of date.
public final class CodeListCheck: RowCheck {
    public static let id = "code-list"
    public static let codes = ["code-unknown", "code-retired", "code-not-yet-valid", "code-from-name"]

    private let coded: [Int]

    public init(schema: DatasetSchema) {
        coded = schema.fields.indices.filter { schema.fields[$0].codeList != nil }
    }

    public func check(_ row: inout RowState, _ context: ValidationContext) {
        let date = row.recordDate ?? context.asOf
        for index in coded where !row.values[index].isEmpty && !row.failed[index] {
            guard let list = context.fieldCodeLists[index] else { continue }
            let value = row.values[index]
            let system = context.sourceCodeSystems[index]
            let code: String
            switch CodeNormalizer.resolve(value, in: list, sourceSystem: system?.list, crosswalkColumn: system?.column, on: date,
                                          nameKey: context.nameKey) {
            case .code(let found):
                code = found
            case .padded(let found):
                code = found
                context.noteChange(.codePadded)
            case .crosswalk(let found):
                code = found
                context.noteChange(.codeCrosswalk)
            case .fromName(let found):
                code = found
                context.emit("code-from-name", &row, field: index, value: value, detail: found)
                context.noteChange(.codeFromName)
            case .ambiguous(let candidates):
                context.emit("code-unknown", &row, field: index, value: value, detail: "ambiguous: " + candidates.joined(separator: "|"))
                continue
            case .unresolved:
                context.emit("code-unknown", &row, field: index, value: value)
                continue
            }
            switch list.lookup(code, on: date) {
            case .valid(let entry):
                row.codeAtRecordDate(index, code)
                let current = list.current(entry, to: context.asOf)
                if current != code { context.noteChange(.codeSuccessor) }
                row.values[index] = current
            case .retired(let entry):
                context.emit("code-retired", &row, field: index, value: value,
                             detail: entry.successor.map { "successor \($0)" } ?? "valid until \(entry.validTo.map(\.description) ?? "?")")
            case .notYetValid(let entry):
                context.emit("code-not-yet-valid", &row, field: index, value: value,
                             detail: "valid from \(entry.validFrom.map(\.description) ?? "?")")
            case .unknown:
                context.emit("code-unknown", &row, field: index, value: value)
            }
        }
    }
}

extension RowState {
    /// Remembers the code as it stood on the record's date, before successors were followed.
    mutating func codeAtRecordDate(_ field: Int, _ code: String) {
        if recordCodes.isEmpty { recordCodes = [String?](repeating: nil, count: values.count) }
        recordCodes[field] = code
    }
}
