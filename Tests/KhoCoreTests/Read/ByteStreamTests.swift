import Testing
@testable import KhoCore

@Suite struct ByteStreamTests {
    /// A stream that hands out at most `step` bytes a read, as a pipe or an inflater may.
    private final class Trickle: ByteStream {
        private let bytes: [UInt8]
        private let step: Int
        private var offset = 0

        init(_ bytes: [UInt8], step: Int) {
            self.bytes = bytes
            self.step = step
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let count = min(step, buffer.count, bytes.count - offset)
            for index in 0..<count { buffer[index] = bytes[offset + index] }
            offset += count
            return count
        }
    }

    /// The limit bounds what is read and is not a size: a short input comes back whole, a long one
    /// cut at the limit, across reads of any length and past the first buffer's size.
    @Test(arguments: [1, 7, 4096, 100_000])
    func readPrefixReadsUpToTheLimit(step: Int) throws {
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
        #expect(try Trickle(bytes, step: step).readPrefix(16 << 20) == bytes)
        #expect(try Trickle(bytes, step: step).readPrefix(bytes.count) == bytes)
        #expect(try Trickle(bytes, step: step).readPrefix(200_001) == Array(bytes[..<200_001]))
        #expect(try Trickle(bytes, step: step).readPrefix(3) == Array(bytes[..<3]))
        #expect(try Trickle([], step: step).readPrefix(1 << 20) == [])
    }
}
