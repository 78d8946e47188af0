/// Article 9.2: coded fields carry a code of the right shared list, valid on the record's date.
///
/// The 2025 reorganization makes the date matter: a commune code retired on 2025-07-01 is an error
/// for a record dated after it (its successor is suggested), while for an older record it is valid
/// (and the code rule carries it to the code in force on the as-of date). A name written where a
/// code belongs was resolved by the code rule: a warning, so the unit learns to send codes; a name
/// of several codes, even under the record's district, is an error listing them.
///
/// A code retired with its whole list, when the list that replaced it is not loaded (VSIC 2018 after
/// 2025-11-14, `supersededBy` in `catalogs.json`), cannot be judged against the list in force: a
/// warning naming the missing list, not a rejection. A code retired while its list goes on (a
/// commune merged, a district abolished) stays `code-retired`.
public final class CodeListCheck: RowCheck {
    public static let id = "code-list"
    public static let codes: [FindingCode] = [.codeUnknown, .codeRetired, .codeNotYetValid, .codeFromName, .codeAmbiguous,
                                              .codeSupersededUnmapped]

    private let coded: [Int]

    public init(schema: DatasetSchema) {
        coded = schema.fields.indices.filter { schema.fields[$0].codeList != nil }
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        for index in coded where !row.isEmpty(index) && !row.failed[index] && context.fieldCodeLists[index] != nil {
            switch row.codeResolutions[index] {
            case .fromName(let found):
                context.emit(.codeFromName, &row, field: index, value: row.rawValue(index), detail: found)
            case .ambiguous(let candidates):
                context.emit(.codeAmbiguous, &row, field: index, value: row.value(index), detail: candidates.joined(separator: "|"))
                continue
            case .unresolved:
                context.emit(.codeUnknown, &row, field: index, value: row.value(index))
                continue
            default:
                break
            }
            switch row.codeLookups[index] {
            case .retired(let entry):
                let validUntil = "valid until \(entry.validTo.map(\.description) ?? "?")"
                if entry.successor == nil, let list = context.fieldCodeLists[index],
                   let successorList = list.unloadedSuccessor(on: row.recordDate ?? context.asOf) {
                    context.emit(.codeSupersededUnmapped, &row, field: index, value: row.value(index),
                                 detail: "\(validUntil); superseded by \(successorList), not loaded")
                } else {
                    context.emit(.codeRetired, &row, field: index, value: row.value(index), detail: entry.successor.map { "successor \($0)" } ?? validUntil)
                }
            case .notYetValid(let entry):
                context.emit(.codeNotYetValid, &row, field: index, value: row.value(index),
                             detail: "valid from \(entry.validFrom.map(\.description) ?? "?")")
            case .unknown:
                context.emit(.codeUnknown, &row, field: index, value: row.value(index))
            case .valid, nil:
                break
            }
        }
    }
}
