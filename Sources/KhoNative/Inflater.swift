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
