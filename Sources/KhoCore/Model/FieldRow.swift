/// One row's values as UTF-8 bytes in a single buffer, with where each value ends: the hot path
/// reads, checks and writes values as bytes, and makes a `String` only when a value needs one
/// (a finding, a rare slow path). Appending reuses the buffer, so a reused row costs no allocation.
///
/// The buffer holds the ends first, `fieldCapacity` 32-bit offsets counted from the first value
/// byte, then the values' bytes: a row handed to another thread (two for every record read) is
/// one allocation, and copying it retains one object.
public struct FieldRow: @unchecked Sendable {
    /// The ends' room, then the values' bytes; nil until the first value. Copy on write: a buffer
    /// is written only while this row holds the one reference, so sharing it across threads is
    /// safe, which is why the row is `Sendable` though `ManagedBuffer` is not.
    private var buffer: FieldRowBuffer?
    /// Where `buffer`'s bytes start, kept beside it: reaching them through the buffer object
    /// retained and released it around every value read.
    private var base: UnsafeMutableRawPointer?
    /// Bytes in use in `buffer`: the ends' room and the values, with the one being built.
    private var used = 0
    public private(set) var count = 0
    private var fieldCapacity = 0

    public init() {}

    /// A row of `count` values whose bytes `value(index)` gives, `byteCount` in all, built with one
    /// allocation of exactly that size.
    init(count: Int, byteCount: Int, value: (Int) -> UnsafeBufferPointer<UInt8>) {
        precondition(byteCount <= Int(UInt32.max), "a row longer than 4 GiB")
        let header = count &* 4
        guard header + byteCount > 0 else { return }
        let buffer = FieldRowBuffer.make(capacity: header + byteCount)
        let raw = buffer.bytes
        var at = 0
        for index in 0..<count {
            let bytes = value(index)
            if let source = bytes.baseAddress, !bytes.isEmpty {
                precondition(at + bytes.count <= byteCount, "values longer than announced")
                ShortCopy.copy(bytes.count, from: source, to: raw + header + at)
                at += bytes.count
            }
            raw.storeBytes(of: UInt32(truncatingIfNeeded: at), toByteOffset: index &* 4, as: UInt32.self)
        }
        precondition(at == byteCount, "values shorter than announced")
        self.buffer = buffer
        base = raw
        used = header + byteCount
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
        return Int(base.unsafelyUnwrapped.load(fromByteOffset: index &* 4, as: UInt32.self))
    }

    @inline(__always) func start(_ index: Int) -> Int { index == 0 ? 0 : end(index - 1) }

    /// The bytes of the values closed so far, the one being built left out.
    var closedByteCount: Int { count == 0 ? 0 : end(count - 1) }

    /// Whether both rows are views of the same storage with the same values closed: true only when
    /// neither has changed it since one was copied from the other.
    func sharesStorage(with other: FieldRow) -> Bool {
        guard let buffer, buffer === other.buffer else { return false }
        return count == other.count && used == other.used
    }

    /// Every value's bytes, one after the other (`start(i)..<end(i)` is value i).
    @inline(__always)
    func withValueBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard let base else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: (base + header).assumingMemoryBound(to: UInt8.self), count: used - header))
    }

    /// Empties the row, keeping its room (a shared buffer is left to its other holders).
    public mutating func removeAll() {
        used = header
        count = 0
    }

    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        extend(bytes)
        closeField()
    }

    public mutating func append(_ value: String) {
        var value = value
        value.withUTF8 { extend($0) }
        closeField()
    }

    /// Appends an empty value.
    public mutating func appendEmpty() { closeField() }

    // MARK: - Building a value in pieces (the CSV reader)

    /// Adds bytes to the value being built, which `closeField()` ends.
    @inline(__always)
    mutating func extend(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        let at = reserve(bytes.count)
        ShortCopy.copy(bytes.count, from: source, to: base.unsafelyUnwrapped + at)
    }

    mutating func extend(_ byte: UInt8) {
        let at = reserve(1)
        base.unsafelyUnwrapped.storeBytes(of: byte, toByteOffset: at, as: UInt8.self)
    }

    mutating func closeField() {
        if count == fieldCapacity { makeRoomForEnds() }
        _ = reserve(0)
        let end = used - header
        precondition(end <= Int(UInt32.max), "a row longer than 4 GiB")
        base.unsafelyUnwrapped.storeBytes(of: UInt32(truncatingIfNeeded: end), toByteOffset: count &* 4, as: UInt32.self)
        count += 1
    }

    /// Room for `extra` more bytes in a buffer this row alone holds; returns where they go, and
    /// counts them as used. Appending is then a comparison and a copy, where
    /// `Array.append(contentsOf:)` cost about 100 instructions a call with its copy, more than most
    /// values need.
    @inline(__always)
    private mutating func reserve(_ extra: Int) -> Int {
        let at = used
        if _slowPath(!isKnownUniquelyReferenced(&buffer) || at + extra > buffer.unsafelyUnwrapped.header) {
            reallocate(atLeast: at + extra)
        }
        used = at + extra
        return at
    }

    /// A buffer of its own with room for `needed` bytes, at least twice the old room.
    private mutating func reallocate(atLeast needed: Int) {
        let capacity = max(needed, 2 * (buffer?.header ?? 0), 64)
        let grown = FieldRowBuffer.make(capacity: capacity)
        if let base, used > 0 { grown.bytes.copyMemory(from: base, byteCount: used) }
        buffer = grown
        base = grown.bytes
    }

    /// Doubles the room for ends, moving the bytes after it.
    private mutating func makeRoomForEnds() {
        let grown = max(8, fieldCapacity * 2)
        let shift = (grown - fieldCapacity) * 4
        let header = self.header, values = used - header
        _ = reserve(shift)
        let base = self.base.unsafelyUnwrapped
        (base + header + shift).copyMemory(from: base + header, byteCount: values)
        fieldCapacity = grown
    }

    /// Where the value being built starts in the buffer.
    private var openFieldStart: Int { header + closedByteCount }

    /// The bytes of the value being built.
    var openField: [UInt8] {
        guard let base else { return [] }
        let start = openFieldStart
        return Array(UnsafeRawBufferPointer(start: base + start, count: used - start))
    }

    /// Drops the value being built.
    mutating func discardOpenField() { used = openFieldStart }

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
        let length = lhs.closedByteCount
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

/// A row's memory: one allocation, the ends' room and the values' bytes after the object header;
/// the header is the room asked for (`ManagedBuffer.capacity` would ask the allocator each time).
final class FieldRowBuffer: ManagedBuffer<Int, UInt8> {
    static func make(capacity: Int) -> FieldRowBuffer {
        unsafeDowncast(FieldRowBuffer.create(minimumCapacity: capacity) { _ in capacity }, to: FieldRowBuffer.self)
    }

    /// The bytes' address, valid while the buffer lives.
    var bytes: UnsafeMutableRawPointer { withUnsafeMutablePointerToElements { UnsafeMutableRawPointer($0) } }
}
