/// Writes RFC 4180 CSV: CRLF line ends, a field quoted only when it holds a comma, a quote or a
/// line break, quotes doubled. UTF-8, no byte-order mark. Rows are built from bytes; the sink
/// receives one row at a time.
public final class CSVWriter {
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    private var line: [UInt8] = []
    /// Fields written into the current row so far (a separator goes before all but the first).
    private var fieldsInRow = 0
    public private(set) var rows = 0

    public init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
        line.reserveCapacity(4096)
    }

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
        if let lineage {
            separate()
            var file = lineage.file
            file.withUTF8 { appendEscaped($0) }
            line.append(UInt8(ascii: ":"))
            appendDigits(lineage.line)
        }
        for field in extra { append(field) }
        try endRow()
    }

    private func endRow() throws {
        line.append(0x0D)
        line.append(0x0A)
        try line.withUnsafeBytes { try sink($0) }
        rows += 1
    }

    private func beginRow() {
        line.removeAll(keepingCapacity: true)
        fieldsInRow = 0
    }

    private func separate() {
        if fieldsInRow > 0 { line.append(UInt8(ascii: ",")) }
        fieldsInRow += 1
    }

    private func append(_ field: String) {
        var text = field
        text.withUTF8 { append($0) }
    }

    @inline(__always)
    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        separate()
        appendEscaped(bytes)
    }

    private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var needsQuotes = false
        for byte in bytes where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            line.append(contentsOf: bytes)
            return
        }
        line.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { line.append(byte) }
            line.append(byte)
        }
        line.append(UInt8(ascii: "\""))
    }

    private func appendDigits(_ value: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)
            = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = max(0, value)
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(0x30 + rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            for index in stride(from: count - 1, through: 0, by: -1) { line.append(buffer[index]) }
        }
    }
}
