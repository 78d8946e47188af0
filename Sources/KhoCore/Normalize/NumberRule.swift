/// Integer and number fields to plain digits with a `.` decimal point (`1.234,5` → `1234.5`).
public final class NumberRule: NormalizationStep {
    public static let id = "number"

    private let fields: [(index: Int, integer: Bool)]

    public init?(schema: DatasetSchema) {
        fields = schema.fields.indices.compactMap { index in
            switch schema.fields[index].type {
            case .integer: (index, true)
            case .number: (index, false)
            default: nil
            }
        }
        if fields.isEmpty { return nil }
    }

    public func apply(_ row: inout RowState, _ context: DatasetContext) {
        for (index, integer) in fields where !row.isEmpty(index) {
            // Digits without a leading zero are already a canonical integer or number.
            if row.withValue(index, NumberRule.isPlainInteger) { continue }
            // Read, compared and stored as bytes.
            let length = row.withValue(index) { $0.count }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { out in
                guard let count = row.withValue(index, { NumberNormalizer.canonical($0, integer: integer, into: out) }) else {
                    row.unparsed[index] = true
                    return
                }
                row.replaceValue(index, with: UnsafeBufferPointer(rebasing: out[..<count]), noting: .number)
            }
        }
    }

    private static func isPlainInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(DateNormalizer.isDigit) && (bytes.count == 1 || bytes[0] != 0x30)
    }
}
