import CZlib

/// Streaming inflate, for `.gz` inputs (gzip wrapper, concatenated members allowed) and
/// ZIP entries (raw deflate). Wraps `inflateInit2_`, `inflate`, `inflateReset` and `inflateEnd`.
public final class Inflater {
    public enum Format: Sendable { case gzip, raw }

    private var stream = z_stream()
    private let format: Format
    /// True once the last member's end was reached.
    public private(set) var isFinished = false

    public init(format: Format) throws {
        self.format = format
        let windowBits: Int32 = format == .gzip ? 15 + 16 : -15
        let status = inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw ZlibError(code: status, message: "inflateInit2") }
    }

    deinit { inflateEnd(&stream) }

    /// Inflates from `input` into `output`, returning (bytes of input consumed, bytes written).
    /// Call again with the unconsumed input; an empty output with consumed input means more input is needed.
    public func inflate(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) throws -> (consumed: Int, produced: Int) {
        if isFinished {
            // A gzip file may hold several members one after another (`cat a.gz b.gz`).
            guard format == .gzip, input.count > 0 else { return (0, 0) }
            inflateReset(&stream)
            isFinished = false
        }
        stream.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
        stream.avail_in = uInt(input.count)
        stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(output.count)
        let status = CZlib.inflate(&stream, Z_NO_FLUSH)
        let consumed = input.count - Int(stream.avail_in)
        let produced = output.count - Int(stream.avail_out)
        switch status {
        case Z_OK, Z_BUF_ERROR:
            break
        case Z_STREAM_END:
            isFinished = true
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "inflate"
            throw ZlibError(code: status, message: message)
        }
        return (consumed, produced)
    }
}

extension Inflater {
    /// A whole raw deflate stream inflated at once, for checks and benchmarks: throws if the stream
    /// is broken, ends early, is followed by other bytes, or inflates to more than `limit` bytes.
    public static func inflateRaw(_ compressed: [UInt8], limit: Int = 1 << 30) throws -> [UInt8] {
        let inflater = try Inflater(format: .raw)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        while !inflater.isFinished {
            let (consumed, produced) = try compressed.withUnsafeBytes { input in
                try buffer.withUnsafeMutableBytes { out in
                    try inflater.inflate(input: UnsafeRawBufferPointer(rebasing: input[offset...]), output: out)
                }
            }
            offset += consumed
            output.append(contentsOf: buffer[0..<produced])
            guard output.count <= limit else { throw ZlibError(code: -5, message: "inflated past \(limit) bytes") }
            if consumed == 0 && produced == 0 && !inflater.isFinished { throw ZlibError(code: -5, message: "stream ends early") }
        }
        guard offset == compressed.count else { throw ZlibError(code: -3, message: "\(compressed.count - offset) bytes after the end of the stream") }
        return output
    }
}
