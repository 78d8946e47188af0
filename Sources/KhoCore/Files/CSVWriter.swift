/// Writes RFC 4180 CSV: CRLF line ends, a field quoted only when it holds a comma, a quote or a
/// line break, quotes doubled. UTF-8, no byte-order mark. Rows are built from bytes; the sink
/// receives one row at a time.
public final class CSVWriter {
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    /// The row being built, in memory this writer owns: appending is a bounds check and a memcpy.
    private var line = RowBytes()
    /// Fields written into the current row so far (a separator goes before all but the first).
    private var fieldsInRow = 0
    public private(set) var rows = 0
    /// Where this writer leaves the escaped values of each `FieldRow` it writes first in a row.
    public var remembering: EscapedRowMemo?
    /// Where this writer finds them, for a `FieldRow` another writer has just written.
    public var reusing: EscapedRowMemo?

    public init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
    }

    deinit { line.free() }

    public convenience init(file: AtomicFile) {
        self.init { try file.write($0) }
    }

    public func write(_ fields: [String]) throws {
        try write(fields, extra: [])
    }

    /// Writes `fields` followed by `extra` as one row.
    public func write(_ fields: [String], extra: [String]) throws {
        beginRow()
        for field in fields { append(field) }
        for field in extra { append(field) }
        try endRow()
    }

    /// Writes byte fields, then lineage (`file:line`) if given, then `extra`, as one row.
    public func write<Fields: ByteFields>(_ fields: Fields, lineage: (file: String, line: Int)? = nil, extra: [String] = []) throws {
        beginRow()
        for index in 0..<fields.count { fields.withField(index) { append($0) } }
        try endRow(lineage: lineage, extra: extra)
    }

    /// The same from a `FieldRow`, whose escaped values may be remembered or reused.
    public func write(_ fields: FieldRow, lineage: (file: String, line: Int)? = nil, extra: [String] = []) throws {
        beginRow()
        appendFirst(fields)
        try endRow(lineage: lineage, extra: extra)
    }

    /// Writes a row's values, then lineage, then one more field given as bytes, as one row.
    public func write(_ fields: FieldRow, lineage: (file: String, line: Int), lastField: UnsafeBufferPointer<UInt8>) throws {
        beginRow()
        appendFirst(fields)
        separate()
        appendLineage(lineage.file, lineage.line)
        append(lastField)
        try endRow()
    }

    /// A row's values as its first fields: copied when another writer has just escaped the same
    /// row, and left for the next one when this writer remembers.
    private func appendFirst(_ fields: FieldRow) {
        if fields.count > 0, let escaped = reusing?.bytes(for: fields) {
            escaped.withUnsafeBufferPointer { line.append($0) }
            fieldsInRow = fields.count
            return
        }
        for index in 0..<fields.count { fields.withField(index) { append($0) } }
        remembering?.remember(fields, line.bytes)
    }

    /// Writes a row number, lineage, `extra`, then `hash` in 16 hex digits, as one row: a line of an
    /// index over another file's rows, which names them without copying their values.
    public func write(number: Int, lineage: (file: String, line: Int), extra: [String], hash: UInt64) throws {
        beginRow()
        separate()
        appendDigits(number)
        separate()
        appendLineage(lineage.file, lineage.line)
        for field in extra { append(field) }
        separate()
        appendHex(hash)
        try endRow()
    }

    /// 16 lower-case hex digits, built in a local buffer and appended at once.
    private func appendHex(_ value: UInt64) {
        var digits: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            for index in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * index)) & 0xF
                buffer[index] = nibble < 10 ? 0x30 &+ nibble : 0x57 &+ nibble
            }
            line.append(UnsafeBufferPointer(start: buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), count: 16))
        }
    }

    /// The file of the last lineage written, with its quotes doubled and whether the value
    /// needs quoting: rows come file by file, so a name is examined once per file, not per row.
    private var lineageFile: (name: String, escaped: [UInt8], quoted: Bool) = ("", [], false)

    /// `file:line` as one value, quoted as a whole when the file name needs it.
    private func appendLineage(_ file: String, _ number: Int) {
        if lineageFile.name != file || lineageFile.escaped.isEmpty {
            var name = file
            lineageFile = name.withUTF8 { bytes in
                (file, bytes.flatMap { $0 == UInt8(ascii: "\"") ? [$0, $0] : [$0] }, CSVWriter.needsQuotes(bytes))
            }
        }
        let quoted = lineageFile.quoted
        if quoted { line.append(UInt8(ascii: "\"")) }
        lineageFile.escaped.withUnsafeBufferPointer { line.append($0) }
        line.append(UInt8(ascii: ":"))
        appendDigits(number)
        if quoted { line.append(UInt8(ascii: "\"")) }
    }

    /// Lineage if given, then `extra`, and the row's end.
    @inline(__always)
    private func endRow(lineage: (file: String, line: Int)?, extra: [String]) throws {
        if let lineage {
            separate()
            appendLineage(lineage.file, lineage.line)
        }
        for field in extra { append(field) }
        try endRow()
    }

    private func endRow() throws {
        line.append(0x0D)
        line.append(0x0A)
        try sink(line.bytes)
        rows += 1
    }

    private func beginRow() {
        line.removeAll()
        fieldsInRow = 0
    }

    private func separate() {
        if fieldsInRow > 0 { line.append(UInt8(ascii: ",")) }
        fieldsInRow += 1
    }

    /// A native string's bytes are read in place; a copy to make them contiguous costs a retain.
    private func append(_ field: String) {
        if field.utf8.withContiguousStorageIfAvailable({ append($0) }) != nil { return }
        var text = field
        text.withUTF8 { append($0) }
    }

    @inline(__always)
    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        separate()
        appendEscaped(bytes)
    }

    private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard CSVWriter.needsQuotes(bytes) else {
            line.append(bytes)
            return
        }
        // Quoted values are mostly addresses with commas and no quotes: copy the runs between
        // quotes whole, each quote doubled.
        line.append(UInt8(ascii: "\""))
        var start = 0
        while let quote = CSVWriter.firstQuote(in: bytes, from: start) {
            line.append(UnsafeBufferPointer(rebasing: bytes[start...quote]))
            line.append(UInt8(ascii: "\""))
            start = quote + 1
        }
        line.append(UnsafeBufferPointer(rebasing: bytes[start...]))
        line.append(UInt8(ascii: "\""))
    }

    /// The index of the first quote at or after `start`, eight bytes at a time: a byte-at-a-time
    /// search cost more than the rest of writing a quoted address.
    @inline(__always)
    static func firstQuote(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var index = start
        while index + 8 <= bytes.count {
            // Exact: a byte of x is zero iff the high bit of its (x & 0x7F…) + 0x7F… and of x are
            // both clear, with no carry between bytes — so the lowest set bit marks the first quote.
            let x = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x2222_2222_2222_2222
            let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            let zeros = ~(((x & low) &+ low) | x | low)
            if zeros != 0 { return index + zeros.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < bytes.count {
            if base[index] == UInt8(ascii: "\"") { return index }
            index += 1
        }
        return nil
    }

    /// A comma, quote, CR or LF anywhere in the bytes. Every value of every row written passes
    /// here, most of them short (codes, dates), so no byte loop and no table: eight bytes at a
    /// time, the last word overlapping the one before, and a value under eight bytes read as two
    /// overlapping halves (or its first, middle and last byte) — a byte read twice changes no answer.
    @inline(__always)
    static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        let raw = UnsafeRawPointer(base)
        if count >= 8 {
            var index = 0
            while index + 8 < count {
                if hasQuoteTrigger(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { return true }
                index += 8
            }
            return hasQuoteTrigger(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        }
        if count >= 4 {
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return hasQuoteTrigger(low | high << 32)
        }
        if count == 0 { return false }
        // Zero bytes fill the rest of the word: a zero never needs quotes.
        return hasQuoteTrigger(UInt64(base[0]) | UInt64(base[count / 2]) << 8 | UInt64(base[count - 1]) << 16)
    }

    /// Whether a byte of the word is a comma, quote, CR or LF: a byte equals c exactly where
    /// (w ^ c·0x0101…) has a zero byte, and the lowest zero byte of x sets the high bit of
    /// (x − 0x0101…) & ~x; the four tests share one final mask.
    @inline(__always)
    static func hasQuoteTrigger(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let comma = word ^ 0x2C2C_2C2C_2C2C_2C2C, quote = word ^ 0x2222_2222_2222_2222
        let lineFeed = word ^ 0x0A0A_0A0A_0A0A_0A0A, carriageReturn = word ^ 0x0D0D_0D0D_0D0D_0D0D
        let zeros = ((comma &- ones) & ~comma) | ((quote &- ones) & ~quote)
            | ((lineFeed &- ones) & ~lineFeed) | ((carriageReturn &- ones) & ~carriageReturn)
        return zeros & highs != 0
    }

    /// A line or row number: never negative, written as 0 if it were.
    private func appendDigits(_ value: Int) {
        line.appendDecimal(UInt64(max(0, value)))
    }
}

/// A growable byte buffer for one CSV row.
private struct RowBytes {
    private var storage = UnsafeMutablePointer<UInt8>.allocate(capacity: 1024)
    private var capacity = 1024
    private(set) var count = 0

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: count) }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        ShortCopy.copy(bytes.count, from: base, to: storage + count)
        count += bytes.count
    }

    /// `value` in decimal: one capacity check, then the digits written in place from the last.
    mutating func appendDecimal(_ value: UInt64) {
        var digits = 1
        var power: UInt64 = 10
        while digits < 20 && value >= power {
            digits += 1
            power = power &* 10
        }
        if count + digits > capacity { grow(to: count + digits) }
        var rest = value
        var at = count + digits
        repeat {
            at -= 1
            storage[at] = 0x30 &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        count += digits
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: storage, count: count)
        storage.deallocate()
        storage = grown
        capacity = newCapacity
    }

    /// Frees the memory; the writer calls it once, in its deinit.
    func free() { storage.deallocate() }
}
