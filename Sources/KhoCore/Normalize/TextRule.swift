/// Every value: trimmed, inner runs of white space collapsed to one space, Unicode NFC.
public final class TextRule: NormalizationStep {
    public static let id = "text"

    public init?(schema: DatasetSchema) {}

    public func apply(_ row: inout RowState, _ context: DatasetContext) {
        for index in 0..<row.count where !row.isEmpty(index) {
            // Most values are clean already: only the others are turned into strings and fixed.
            if row.withValue(index, TextNormalizer.isCanonical) { continue }
            let result = TextNormalizer.normalize(row.value(index))
            if result.trimmed { row.noteChange(index, .textSpace) }
            if result.composed { row.noteChange(index, .textNFC) }
            if result.trimmed || result.composed { row.setValue(index, result.value) }
        }
    }
}
