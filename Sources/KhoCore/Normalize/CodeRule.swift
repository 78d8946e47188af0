/// Coded fields to the code of their shared list (`CodeNormalizer`): a code as it is, a code
/// whose leading zeros a spreadsheet dropped, a code of the unit's own numbering through its
/// crosswalk, or a name of exactly one code on the record's date under the record's parent code
/// (its district). The code's validity is looked up on the record's date and kept on the row for
/// the check; a code valid then is carried to the code in force on the as-of date (the 2025
/// reorganization). A retired, unknown or ambiguous value is left as it is.
public final class CodeRule: NormalizationStep {
    public static let id = "code"

    /// Per field, how values that are not codes themselves resolve (a name, a padded number…),
    /// keyed by value, record date and parent code: exports repeat the same names on every row.
    private var resolutions: [ByteTable<CodeNormalizer.Resolution>]
    /// Retired entries and the code in force for them on a date (`inForce`).
    private var successions: [ObjectIdentifier: (entry: CodeList.Entry, date: CivilDate, code: [UInt8])] = [:]

    public init?(schema: DatasetSchema) {
        resolutions = schema.fields.map { _ in ByteTable() }
        if !schema.fields.contains(where: { $0.codeList != nil }) { return nil }
    }

    public func apply(_ row: inout RowState, _ context: DatasetContext) {
        let date = row.recordDate ?? context.asOf
        // Parents first, so a district field is settled before the commune names it tells apart.
        for index in context.codedFields where !row.isEmpty(index) {
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
            row.noteResolution(index, resolution)
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
            let lookup = list.lookup(code, on: date)
            // Not valid on the date (a name read as a list that has ended had it): the value is still
            // the code it names, for the check to judge and, if only warned, for the bundle to carry.
            if case .retired = lookup { row.setValue(index, code) }
            settle(lookup, list: list, field: index, &row, context)
        }
    }

    /// Keeps the lookup for the check; a code valid on the record's date is written as the code
    /// in force on the as-of date.
    private func settle(_ lookup: CodeList.Lookup, list: CodeList, field index: Int, _ row: inout RowState, _ context: DatasetContext) {
        row.noteLookup(index, lookup)
        guard case .valid(let entry) = lookup else { return }
        // Most codes are still in force on the as-of date: no successor chain to follow.
        if !entry.isValid(on: context.asOf), case let current = inForce(entry, list: list, on: context.asOf), current != entry.codeBytes {
            row.noteChange(index, .codeSuccessor)
            row.setValue(index, current)
        } else if !row.valueEquals(index, entry.codeBytes) {
            row.setValue(index, entry.codeBytes)
        }
    }

    /// The code in force on `date` for a retired entry, remembered per entry: after a
    /// reorganization every row of a commune carries the same old code, and following its
    /// successors looks each code up by string.
    private func inForce(_ entry: CodeList.Entry, list: CodeList, on date: CivilDate) -> [UInt8] {
        let key = ObjectIdentifier(entry)
        if let known = successions[key], known.date == date { return known.code }
        let code = Array(list.current(entry, to: date).utf8)
        // The entry is kept so that its identity cannot pass to another object.
        successions[key] = (entry, date, code)
        return code
    }

    private func resolve(field index: Int, list: CodeList, date: CivilDate, row: RowState, _ context: DatasetContext) -> CodeNormalizer.Resolution {
        let parent = parentCode(of: index, row, context)
        // The cache key carries the date (which names are valid depends on it) and the parent code
        // (which of a repeated name is meant), ending with the parent's length so no two keys meet.
        var key = row.withValue(index) { Array($0) }
        date.withISOBytes { key.append(contentsOf: $0) }
        if let parent { key.append(contentsOf: parent.utf8.prefix(255)) }
        key.append(UInt8(parent.map { min($0.utf8.count, 255) } ?? 0))
        if let known = resolutions[index].value(for: key) { return known }
        let system = context.sourceCodeSystems[index]
        let resolution = CodeNormalizer.resolve(row.value(index), in: list, sourceSystem: system?.list, crosswalkColumn: system?.column,
                                                on: date, parent: parent, nameKey: context.nameKey)
        if resolutions[index].count < 50_000 { resolutions[index].set(resolution, for: key) }
        return resolution
    }

    /// The record's code of the field's parent list: its own field's code on the record's date,
    /// else the unit's own code.
    private func parentCode(of index: Int, _ row: RowState, _ context: DatasetContext) -> String? {
        guard let parent = context.codeParents[index] else { return nil }
        if let field = parent.field, case .valid(let entry)? = row.codeLookups[field] { return entry.code }
        return parent.unitCode
    }
}
