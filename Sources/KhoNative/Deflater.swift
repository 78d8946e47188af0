import CZlib

/// Raw deflate (RFC 1951, no zlib or gzip wrapper), as ZIP entries store it.
///
/// Wraps `deflateInit2_`, `deflate` and `deflateEnd`. The output of several deflaters that each end
/// their part with `finishBlock()` (a full flush) can be concatenated, with one final `finish()`:
/// that is how independent chunks are compressed on separate cores, as pigz does.
public final class Deflater {
    private var stream = z_stream()
    private var scratch = [UInt8](repeating: 0, count: 1 << 16)

    /// - Parameter level: zlib compression level, 0...9.
    public init(level: Int32) throws {
        let status = deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw ZlibError(code: status, message: "deflateInit2") }
    }

    deinit { deflateEnd(&stream) }

    /// Primes the window with the previous chunk's tail so a chunk compresses as well as the stream would.
    /// Wraps `deflateSetDictionary`.
    public func setDictionary(_ dictionary: [UInt8]) throws {
        guard !dictionary.isEmpty else { return }
        let status = dictionary.withUnsafeBufferPointer {
            deflateSetDictionary(&stream, $0.baseAddress, uInt($0.count))
        }
        guard status == Z_OK else { throw ZlibError(code: status, message: "deflateSetDictionary") }
    }

    /// Compresses `input`, appending whatever output zlib produces now to `output`.
    public func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
        try run(input, flush: Z_NO_FLUSH, into: &output)
    }

    public func compress(_ input: [UInt8], into output: inout [UInt8]) throws {
        try input.withUnsafeBytes { try compress($0, into: &output) }
    }

    /// Ends the current part on a byte boundary without marking the stream final (`Z_FULL_FLUSH`).
    public func finishBlock(into output: inout [UInt8]) throws {
        try run(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FULL_FLUSH, into: &output)
    }

    /// Writes the final block (`Z_FINISH`); the deflater cannot be used afterwards.
    public func finish(into output: inout [UInt8]) throws {
        try run(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH, into: &output)
    }

    private func run(_ input: UnsafeRawBufferPointer, flush: Int32, into output: inout [UInt8]) throws {
        let base = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
        stream.next_in = base
        stream.avail_in = uInt(input.count)
        let capacity = scratch.count
        while true {
            let (status, produced) = scratch.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(capacity)
                let status = deflate(&stream, flush)
                return (status, capacity - Int(stream.avail_out))
            }
            if status == Z_STREAM_ERROR { throw ZlibError(code: status, message: "deflate") }
            output.append(contentsOf: scratch[0..<produced])
            if flush == Z_FINISH {
                if status == Z_STREAM_END { break }
            } else if stream.avail_out != 0 && stream.avail_in == 0 {
                break
            }
        }
        stream.next_in = nil
    }
}

extension Deflater {
    /// `input` as one raw deflate stream by zlib, the yardstick our own encoder is measured against.
    public static func compress(_ input: [UInt8], level: Int32) throws -> [UInt8] {
        let deflater = try Deflater(level: level)
        var output: [UInt8] = []
        try deflater.compress(input, into: &output)
        try deflater.finish(into: &output)
        return output
    }
}
