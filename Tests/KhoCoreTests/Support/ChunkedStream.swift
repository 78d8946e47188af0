@testable import KhoCore

/// Bytes in memory, handed out at most `chunk` at a time, as a pipe or a slow decoder may
/// (`chunk: 1` gives one byte per read).
final class ChunkedStream: ByteStream {
    private let bytes: [UInt8]
    private let chunk: Int
    private var offset = 0

    init(_ bytes: [UInt8], chunk: Int) {
        self.bytes = bytes
        self.chunk = max(1, chunk)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, chunk, bytes.count - offset)
        guard count > 0 else { return 0 }
        for index in 0..<count { buffer[index] = bytes[offset + index] }
        offset += count
        return count
    }
}

