/// One row's values as UTF-8 bytes in a single buffer, with where each value ends: the hot path
/// reads, checks and writes values as bytes, and makes a `String` only when a value needs one
/// (a finding, a rare slow path). Appending reuses the buffer, so a reused row costs no allocation.
///
/// The buffer holds the ends first, `fieldCapacity` 32-bit offsets counted from the first value
/// byte, then the values' bytes: a row handed to another thread (two for every record read) is
/// one allocation, and copying it retains one object.
public struct FieldRow: Sendable {
    private var storage: [UInt8] = []
    public private(set) var count = 0
    private var fieldCapacity = 0

    public init() {}

    /// A row of `count` values whose bytes `value(index)` gives, `byteCount` in all, built with one
    /// allocation. The array is made from `repeatElement`, whose initializer allocates with code
    /// specialized for the element type: built with `Array(unsafeUninitializedCapacity:)` or
    /// `Array(repeating:count:)`, it would be allocated by the standard library's unspecialized
    /// code, which looks the array type up at run time (some 700 instructions an array), and
    /// appending value by value costs more still.
    init(count: Int, byteCount: Int, value: (Int) -> UnsafeBufferPointer<UInt8>) {
        precondition(byteCount <= Int(UInt32.max), "a row longer than 4 GiB")
        let header = count &* 4
        var storage = [UInt8](repeatElement(0, count: header + byteCount))
        storage.withUnsafeMutableBytes { buffer in
            var at = 0
            for index in 0..<count {
                let bytes = value(index)
                if let source = bytes.baseAddress, !bytes.isEmpty {
                    precondition(at + bytes.count <= byteCount, "values longer than announced")
                    (buffer.baseAddress! + header + at).copyMemory(from: source, byteCount: bytes.count)
                    at += bytes.count
                }
                buffer.storeBytes(of: UInt32(truncatingIfNeeded: at), toByteOffset: index &* 4, as: UInt32.self)
            }
            precondition(at == byteCount, "values shorter than announced")
        }
        self.storage = storage
        self.count = count
        fieldCapacity = count
    }

    /// A row of the given values (tests, XML records, configuration).
    public init(_ values: [String]) {
        for value in values { append(value) }
    }

    /// A row of the given columns of this one, in order, empty where a column is nil.
    public func selecting(_ columns: [Int?]) -> FieldRow {
        var byteCount = 0
        for column in columns { if let column { byteCount += self.byteCount(column) } }
        return withValueBytes { bytes in
            FieldRow(count: columns.count, byteCount: byteCount) { index in
                guard let column = columns[index] else { return UnsafeBufferPointer(start: nil, count: 0) }
                return UnsafeBufferPointer(rebasing: bytes[start(column)..<end(column)])
            }
        }
    }

    /// Where the ends stop and the bytes begin.
    @inline(__always) private var header: Int { fieldCapacity &* 4 }

    /// Where value `index` ends, counted from the first value byte.
    @inline(__always) func end(_ index: Int) -> Int {
        precondition(index >= 0 && index < count, "no such value")
        return storage.withUnsafeBytes { Int($0.load(fromByteOffset: index &* 4, as: UInt32.self)) }
    }

    @inline(__always) func start(_ index: Int) -> Int { index == 0 ? 0 : end(index - 1) }

    /// Every value's bytes, one after the other (`start(i)..<end(i)` is value i).
    @inline(__always)
    func withValueBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let header = self.header
        return try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[header...])) }
    }

    public mutating func removeAll() {
        storage.removeSubrange(header...)
        count = 0
    }

    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        storage.append(contentsOf: bytes)
        closeField()
    }

    public mutating func append(_ value: String) {
        storage.append(contentsOf: value.utf8)
        closeField()
    }

    /// Appends an empty value.
    public mutating func appendEmpty() { closeField() }

    // MARK: - Building a value in pieces (the CSV reader)

    /// Adds bytes to the value being built, which `closeField()` ends.
    mutating func extend(_ bytes: UnsafeBufferPointer<UInt8>) { storage.append(contentsOf: bytes) }

    mutating func extend(_ byte: UInt8) { storage.append(byte) }

    mutating func closeField() {
        if count == fieldCapacity { makeRoomForEnds() }
        let end = storage.count - header
        precondition(end <= Int(UInt32.max), "a row longer than 4 GiB")
        storage.withUnsafeMutableBytes { $0.storeBytes(of: UInt32(truncatingIfNeeded: end), toByteOffset: count &* 4, as: UInt32.self) }
        count += 1
    }

    /// Doubles the room for ends, moving the bytes after it.
    private mutating func makeRoomForEnds() {
        let grown = max(8, fieldCapacity * 2)
        storage.insert(contentsOf: repeatElement(0, count: (grown - fieldCapacity) * 4), at: header)
        fieldCapacity = grown
    }

    /// Where the value being built starts in `storage`.
    private var openFieldStart: Int { header + (count == 0 ? 0 : end(count - 1)) }

    /// The bytes of the value being built.
    var openField: ArraySlice<UInt8> { storage[openFieldStart...] }

    /// Drops the value being built.
    mutating func discardOpenField() { storage.removeSubrange(openFieldStart...) }

    public func isEmpty(_ index: Int) -> Bool { end(index) == start(index) }

    public func byteCount(_ index: Int) -> Int { end(index) - start(index) }

    @inline(__always)
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let range = start(index)..<end(index)
        return try withValueBytes { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    public func string(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Every value as a string (reports, tests).
    public var strings: [String] { (0..<count).map(string) }
}

extension FieldRow: Equatable {
    /// The same values: room kept for more values, or bytes of a value being built, do not count.
    public static func == (lhs: FieldRow, rhs: FieldRow) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for index in 0..<lhs.count where lhs.end(index) != rhs.end(index) { return false }
        let length = lhs.count == 0 ? 0 : lhs.end(lhs.count - 1)
        return lhs.withValueBytes { left in rhs.withValueBytes { right in
            left.prefix(length).elementsEqual(right.prefix(length))
        } }
    }
}

/// Byte values a CSV row can be written from.
public protocol ByteFields {
    var count: Int { get }
    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
}

extension FieldRow: ByteFields {}
