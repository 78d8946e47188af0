/// Some values of a row, in a given order, read in place: writing a subset of a row's values needs
/// no row of their own.
struct SelectedFields: ByteFields {
    private let row: FieldRow
    private let columns: [Int]

    init(_ row: FieldRow, _ columns: [Int]) {
        self.row = row
        self.columns = columns
    }

    var count: Int { columns.count }

    @inline(__always)
    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try row.withField(columns[index], body)
    }
}
