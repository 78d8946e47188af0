/// Coded fields to the code of their shared list (`CodeNormalizer`): a code as it is, a code
/// whose leading zeros a spreadsheet dropped, a code of the unit's own numbering through its
/// crosswalk, or a name of exactly one code. The code's validity is looked up on the record's date
/// and kept on the row for the check; a code valid then is carried to the code in force on the
/// as-of date (the 2025 reorganization). A retired, unknown or ambiguous value is left as it is.
public final class CodeRule: NormalizationStep {
    public static let id = "code"

    private let coded: [Int]
    /// Per field, how values that are not codes themselves resolve (a name, a padded number…),
    /// keyed by value and record date: exports repeat the same names on every row.
    private var resolutions: [ByteTable<CodeNormalizer.Resolution>]

    public init?(schema: DatasetSchema) {
        coded = schema.fields.indices.filter { schema.fields[$0].codeList != nil }
        resolutions = schema.fields.map { _ in ByteTable() }
        if coded.isEmpty { return nil }
    }

    public func apply(_ row: inout RowState, _ context: DatasetContext) {
        let date = row.recordDate ?? context.asOf
        for index in coded where !row.isEmpty(index) {
            guard let list = context.fieldCodeLists[index] else { continue }
            // The common case: the value is a code of the field's own list.
            if context.sourceCodeSystems[index] == nil {
                let lookup = row.withValue(index) { list.lookup(bytes: $0, on: date) }
                if lookup != .unknown {
                    settle(lookup, list: list, field: index, &row, context)
                    continue
                }
            }
            let resolution = resolve(field: index, list: list, date: date, row: row, context)
            row.codeResolutions[index] = resolution
            let code: String
            switch resolution {
            case .code(let found):
                code = found
            case .padded(let found):
                code = found
                row.noteChange(index, .codePadded)
            case .crosswalk(let found):
                code = found
                row.noteChange(index, .codeCrosswalk)
            case .fromName(let found):
                code = found
                row.noteChange(index, .codeFromName)
            case .ambiguous, .unresolved:
                continue
            }
            settle(list.lookup(code, on: date), list: list, field: index, &row, context)
        }
    }

    /// Keeps the lookup for the check; a code valid on the record's date is written as the code
    /// in force on the as-of date.
    private func settle(_ lookup: CodeList.Lookup, list: CodeList, field index: Int, _ row: inout RowState, _ context: DatasetContext) {
        row.codeLookups[index] = lookup
        guard case .valid(let entry) = lookup else { return }
        row.recordEntries[index] = entry
        // Most codes are still in force on the as-of date: no successor chain to follow.
        if !entry.isValid(on: context.asOf), case let current = list.current(entry, to: context.asOf), current != entry.code {
            row.noteChange(index, .codeSuccessor)
            row.setValue(index, current)
        } else if !row.valueEquals(index, entry.codeBytes) {
            row.setValue(index, entry.codeBytes)
        }
    }

    private func resolve(field index: Int, list: CodeList, date: CivilDate, row: RowState, _ context: DatasetContext) -> CodeNormalizer.Resolution {
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
