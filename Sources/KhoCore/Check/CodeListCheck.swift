/// Article 9.2: coded fields carry a code of the right shared list, valid on the record's date.
///
/// The 2025 reorganization makes the date matter: a commune code retired on 2025-07-01 is an error
/// for a record dated after it (its successor is suggested), while for an older record it is valid
/// and is carried forward to the code in force on the as-of date.
public final class CodeListCheck: RowCheck {
    public static let id = "code-list"
    public static let codes: [FindingCode] = [.codeUnknown, .codeRetired, .codeNotYetValid, .codeFromName]

    private let coded: [Int]
    /// Per field, how values that are not codes themselves resolve (a name, a padded number…),
    /// keyed by value and record date: exports repeat the same names on every row.
    private var resolutions: [ByteTable<CodeNormalizer.Resolution>]

    public init(schema: DatasetSchema) {
        coded = schema.fields.indices.filter { schema.fields[$0].codeList != nil }
        resolutions = schema.fields.map { _ in ByteTable() }
    }

    public func check(_ row: inout RowState, _ context: ValidationContext) {
        let date = row.recordDate ?? context.asOf
        for index in coded where !row.isEmpty(index) && !row.failed[index] {
            guard let list = context.fieldCodeLists[index] else { continue }
            // The common case: the value is a code of the field's own list.
            if context.sourceCodeSystems[index] == nil {
                let lookup = row.withValue(index) { list.lookup(bytes: $0, on: date) }
                if lookup != .unknown {
                    judge(lookup, list: list, field: index, value: nil, &row, context)
                    continue
                }
            }
            let resolution = resolve(field: index, list: list, date: date, row: row, context)
            let code: String
            switch resolution {
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
                context.emit(.codeFromName, &row, field: index, value: row.value(index), detail: found)
                context.noteChange(.codeFromName)
            case .ambiguous(let candidates):
                context.emit(.codeUnknown, &row, field: index, value: row.value(index), detail: "ambiguous: " + candidates.joined(separator: "|"))
                continue
            case .unresolved:
                context.emit(.codeUnknown, &row, field: index, value: row.value(index))
                continue
            }
            judge(list.lookup(code, on: date), list: list, field: index, value: row.value(index), &row, context)
        }
    }

    /// Validity on the record's date; a valid code becomes the code in force on the as-of date.
    private func judge(_ lookup: CodeList.Lookup, list: CodeList, field index: Int, value: String?, _ row: inout RowState,
                       _ context: ValidationContext) {
        switch lookup {
        case .valid(let entry):
            row.recordEntries[index] = entry
            // Most codes are still in force on the as-of date: no successor chain to follow.
            if !entry.isValid(on: context.asOf), case let current = list.current(entry, to: context.asOf), current != entry.code {
                context.noteChange(.codeSuccessor)
                row.setValue(index, current)
            } else if !row.valueEquals(index, entry.codeBytes) {
                row.setValue(index, entry.codeBytes)
            }
        case .retired(let entry):
            context.emit(.codeRetired, &row, field: index, value: value ?? row.value(index),
                         detail: entry.successor.map { "successor \($0)" } ?? "valid until \(entry.validTo.map(\.description) ?? "?")")
        case .notYetValid(let entry):
            context.emit(.codeNotYetValid, &row, field: index, value: value ?? row.value(index),
                         detail: "valid from \(entry.validFrom.map(\.description) ?? "?")")
        case .unknown:
            context.emit(.codeUnknown, &row, field: index, value: value ?? row.value(index))
        }
    }

    private func resolve(field index: Int, list: CodeList, date: CivilDate, row: RowState, _ context: ValidationContext) -> CodeNormalizer.Resolution {
        // The cache key carries the date: which names are valid depends on it.
        var key = row.withValue(index) { Array($0) }
        date.withISOBytes { key.append(contentsOf: $0) }
        if let known = resolutions[index].value(for: key) { return known }
        let system = context.sourceCodeSystems[index]
        let resolution = CodeNormalizer.resolve(row.value(index), in: list, sourceSystem: system?.list, crosswalkColumn: system?.column,
                                                on: date, nameKey: context.nameKey)
        if resolutions[index].count < 50_000 { resolutions[index].set(resolution, for: key) }
        return resolution
    }
}
