/// The escaped values of the last row one CSV writer wrote, for writers handed that same row next:
/// the canonical row goes to `normalized.csv` and then, unchanged, to the bundles' tables, which
/// copy its bytes instead of escaping every value again.
///
/// The memo holds the row it remembers, so the row's storage can be neither freed and reused nor
/// changed in place (a row with another holder copies before it changes): a row with the very same
/// storage has the very same values. It is not `Sendable`: the writers sharing one take their rows
/// on one thread (the flow's late sinks do; `extracted.csv` is written on the reading thread).
public final class EscapedRowMemo {
    private var row = FieldRow()
    private var bytes: [UInt8] = []

    public init() {}

    /// The bytes remembered for `row`, if it is the row last remembered.
    func bytes(for row: FieldRow) -> [UInt8]? {
        row.sharesStorage(with: self.row) ? bytes : nil
    }

    func remember(_ row: FieldRow, _ escaped: UnsafeRawBufferPointer) {
        self.row = row
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: escaped)
    }
}
