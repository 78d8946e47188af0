/// One row's values as UTF-8 bytes in a single buffer, with where each value ends: the hot path
/// reads, checks and writes values as bytes, and makes a `String` only when a value needs one
/// (a finding, a rare slow path). Appending reuses the buffers, so a row costs no allocation.
public struct FieldRow: Sendable, Equatable {
    public private(set) var storage: [UInt8] = []
    public private(set) var ends: [Int] = []

    public init() {}

    /// A row of `count` values whose bytes `value(index)` gives, `byteCount` in all, built with one
    /// allocation for the bytes and one for the bounds. Both arrays are made from `repeatElement`,
    /// whose initializer allocates with code specialized for the element type: built with
    /// `Array(unsafeUninitializedCapacity:)` or `Array(repeating:count:)`, they would be allocated
    /// by the standard library's unspecialized code, which looks the array type up at run time
    /// (some 700 instructions an array), and appending value by value costs more still.
    init(count: Int, byteCount: Int, value: (Int) -> UnsafeBufferPointer<UInt8>) {
        var storage = [UInt8](repeatElement(0, count: byteCount))
        var ends = [Int](repeatElement(0, count: count))
        storage.withUnsafeMutableBufferPointer { buffer in
            ends.withUnsafeMutableBufferPointer { ends in
                var at = 0
                for index in 0..<count {
                    let bytes = value(index)
                    if let base = bytes.baseAddress, let target = buffer.baseAddress, !bytes.isEmpty {
                        precondition(at + bytes.count <= byteCount, "values longer than announced")
                        (target + at).update(from: base, count: bytes.count)
                        at += bytes.count
                    }
                    ends[index] = at
                }
                precondition(at == byteCount, "values shorter than announced")
            }
        }
        self.storage = storage
        self.ends = ends
    }

    /// A row of the given values (tests, XML records, configuration).
    public init(_ values: [String]) {
        for value in values { append(value) }
    }

    public var count: Int { ends.count }

    /// A row of the given columns of this one, in order, empty where a column is nil.
    public func selecting(_ columns: [Int?]) -> FieldRow {
        var byteCount = 0
        for column in columns { if let column { byteCount += self.byteCount(column) } }
        return storage.withUnsafeBufferPointer { bytes in
            FieldRow(count: columns.count, byteCount: byteCount) { index in
                guard let column = columns[index] else { return UnsafeBufferPointer(start: nil, count: 0) }
                return UnsafeBufferPointer(rebasing: bytes[start(column)..<ends[column]])
            }
        }
    }

    @inline(__always) func start(_ index: Int) -> Int { index == 0 ? 0 : ends[index - 1] }

    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        storage.append(contentsOf: bytes)
        ends.append(storage.count)
    }

    public mutating func append(_ value: String) {
        storage.append(contentsOf: value.utf8)
        ends.append(storage.count)
    }

    /// Appends an empty value.
    public mutating func appendEmpty() { ends.append(storage.count) }

    // MARK: - Building a value in pieces (the CSV reader)

    /// Adds bytes to the value being built, which `closeField()` ends.
    mutating func extend(_ bytes: UnsafeBufferPointer<UInt8>) { storage.append(contentsOf: bytes) }

    mutating func extend(_ byte: UInt8) { storage.append(byte) }

    mutating func closeField() { ends.append(storage.count) }

    /// The bytes of the value being built.
    var openField: ArraySlice<UInt8> { storage[(ends.last ?? 0)...] }

    /// Drops the value being built.
    mutating func discardOpenField() { storage.removeSubrange((ends.last ?? 0)...) }

    public func isEmpty(_ index: Int) -> Bool { ends[index] == start(index) }

    public func byteCount(_ index: Int) -> Int { ends[index] - start(index) }

    @inline(__always)
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let range = start(index)..<ends[index]
        return try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    public func string(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Every value as a string (reports, tests).
    public var strings: [String] { (0..<count).map(string) }
}

/// Byte values a CSV row can be written from.
public protocol ByteFields {
    var count: Int { get }
    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
}

extension FieldRow: ByteFields {}
