/// Writes RFC 4180 CSV: CRLF line ends, a field quoted only when it holds a comma, a quote or a
/// line break, quotes doubled. UTF-8, no byte-order mark.
public final class CSVWriter {
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    private var line: [UInt8] = []
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

    /// Writes `fields` followed by `extra` as one row (lineage and flags after the data).
    public func write(_ fields: [String], extra: [String]) throws {
        line.removeAll(keepingCapacity: true)
        var first = true
        for field in fields { append(field, first: first); first = false }
        for field in extra { append(field, first: first); first = false }
        line.append(0x0D)
        line.append(0x0A)
        try line.withUnsafeBytes { try sink($0) }
        rows += 1
    }

    private func append(_ field: String, first: Bool) {
        if !first { line.append(UInt8(ascii: ",")) }
        var text = field
        text.withUTF8 { bytes in
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
    }
}
