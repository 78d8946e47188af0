import CKhoDeflate

/// Raw deflate (RFC 1951) by our own encoder (`Sources/CKhoDeflate`), chunk by chunk: each chunk is
/// compressed alone, with the bytes before it as history, and ends on a byte boundary, so chunks
/// compressed on separate cores concatenate into one stream. Wraps `kho_deflater_new`,
/// `kho_deflate_chunk` and `kho_deflater_free`.
public final class ChunkDeflater {
    private let handle: OpaquePointer

    /// - Parameter level: 1...9, zlib's scale (6 is the pipeline's default).
    public init(level: Int32) throws {
        guard let handle = kho_deflater_new(level) else { throw DeflateError.unsupportedLevel(level) }
        self.handle = handle
    }

    deinit { kho_deflater_free(handle) }

    /// The most bytes `compress` appends for `count` bytes of input.
    public static func bound(_ count: Int) -> Int { Int(kho_deflate_bound(count)) }

    /// Compresses `window[start...]`, with `window[..<start]` as history matches may refer to (the
    /// last 32 KiB of it count), appending to `output`. A final chunk ends the stream.
    public func compress(_ window: UnsafeRawBufferPointer, start: Int, isFinal: Bool, into output: inout [UInt8]) throws {
        let chunk = try compress(window, start: start, isFinal: isFinal)
        if output.isEmpty { output = chunk } else { output += chunk }
    }

    /// `window[start...]` compressed, as `compress(_:start:isFinal:into:)`. The array is allocated
    /// at the bound and never zeroed: only the pages the encoder writes are touched, as many as the
    /// compressed bytes need, where zeroing the bound touched every page of every worker's buffer.
    public func compress(_ window: UnsafeRawBufferPointer, start: Int, isFinal: Bool) throws -> [UInt8] {
        precondition(start >= 0 && start <= window.count)
        let capacity = ChunkDeflater.bound(window.count - start)
        var written = 0
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            written = kho_deflate_chunk(handle, window.baseAddress?.assumingMemoryBound(to: UInt8.self), start, window.count,
                                        isFinal ? 1 : 0, buffer.baseAddress, capacity)
            count = max(0, written)
        }
        guard written >= 0 else { throw DeflateError.inputTooLarge(window.count) }
        return output
    }

    /// The whole of `input` as one complete raw deflate stream.
    public static func compress(_ input: [UInt8], level: Int32) throws -> [UInt8] {
        let deflater = try ChunkDeflater(level: level)
        var output: [UInt8] = []
        try input.withUnsafeBytes { try deflater.compress($0, start: 0, isFinal: true, into: &output) }
        return output
    }
}

/// Why our encoder refused a call.
public enum DeflateError: Error, Equatable, CustomStringConvertible, Sendable {
    case unsupportedLevel(Int32)
    /// A chunk with its history must stay under 1 GiB: positions are 32-bit inside the encoder.
    case inputTooLarge(Int)

    public var description: String {
        switch self {
        case .unsupportedLevel(let level): "deflate level \(level) is not in 1...9"
        case .inputTooLarge(let count): "deflate chunk of \(count) bytes is over 1 GiB"
        }
    }
}
