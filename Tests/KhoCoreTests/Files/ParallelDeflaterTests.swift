import Foundation
import KhoNative
import Testing
@testable import KhoCore

@Suite struct ParallelDeflaterTests {
    /// Small enough that a few hundred KiB of test input make many blocks; larger than the history.
    static let blockSize = 64 << 10

    private func deflate(_ input: [UInt8], workers: Int, pieces: Int = 3, blockSize: Int = Self.blockSize)
        throws -> (bytes: [UInt8], crc: UInt32, size: Int64, sha256: String) {
        var bytes: [UInt8] = []
        let deflater = ParallelDeflater(level: 6, workers: workers, blockSize: blockSize) { bytes += $0 }
        // Written in uneven pieces, so block cuts never line up with the writes.
        let step = max(1, input.count / pieces + 17)
        var offset = 0
        while offset < input.count {
            let end = min(input.count, offset + step)
            try input[offset..<end].withUnsafeBytes { try deflater.write($0) }
            offset = end
        }
        let (crc, size, compressedSize) = try deflater.finish()
        #expect(compressedSize == Int64(bytes.count))
        return (bytes, crc, size, deflater.sha256())
    }

    @Test func outputIsTheSameWhateverTheNumberOfWorkers() throws {
        let input = ChunkDeflaterTests.bundleLikeCSV(rows: 6_000)
        #expect(input.count > 8 * Self.blockSize)
        let one = try deflate(input, workers: 1)
        for workers in [2, 3, 8] {
            let many = try deflate(input, workers: workers, pieces: workers * 5)
            #expect(many.bytes == one.bytes, "\(workers) workers")
            #expect(many.crc == one.crc && many.sha256 == one.sha256)
        }
        #expect(try Inflater.inflateRaw(one.bytes) == input)
        #expect(one.crc == CRC32.update(0, input))
        #expect(one.size == Int64(input.count))
        #expect(one.sha256 == SHA256.hex(of: input))
    }

    /// `close()` hands the last block over at once (compressed on the caller's thread with one worker,
    /// so the stream is whole before `finish()`); `finish()` after it gives the stream `finish()` alone gives.
    @Test func closeSendsTheLastBlockAndFinishThenWaitsForIt() throws {
        let input = ChunkDeflaterTests.bundleLikeCSV(rows: 3_000)
        #expect(input.count > 2 * Self.blockSize)
        var bytes: [UInt8] = []
        let deflater = ParallelDeflater(level: 6, workers: 1, blockSize: Self.blockSize) { bytes += $0 }
        try input.withUnsafeBytes { try deflater.write($0) }
        try deflater.close()
        #expect(try Inflater.inflateRaw(bytes) == input)
        try deflater.close()
        let (crc, size, compressedSize) = try deflater.finish()
        let alone = try deflate(input, workers: 2)
        #expect(bytes == alone.bytes && crc == alone.crc && size == alone.size && compressedSize == Int64(bytes.count))
    }

    /// Each block compressed is filled again with a later block's input, and the stream still inflates.
    @Test func compressedBlocksAreFilledAgain() throws {
        let input = ChunkDeflaterTests.bundleLikeCSV(rows: 12_000)
        var bytes: [UInt8] = []
        let deflater = ParallelDeflater(level: 6, workers: 2, blockSize: 16 << 10) { bytes += $0 }
        try input.withUnsafeBytes { try deflater.write($0) }
        _ = try deflater.finish()
        let blocks = (input.count + (16 << 10) - 1) / (16 << 10)
        #expect(blocks > 20)
        // At most the four blocks in flight, the one being filled and the one being written are new.
        #expect(deflater.blocksReused >= blocks - 6)
        #expect(try Inflater.inflateRaw(bytes) == input)
    }

    /// A descriptor and a caller checking the table may both ask: finalizing twice would hash the padding.
    @Test func theDigestIsTheSameOnEveryCall() throws {
        let input = ChunkDeflaterTests.bundleLikeCSV(rows: 500)
        let deflater = ParallelDeflater(level: 6, workers: 2) { _ in }
        try input.withUnsafeBytes { try deflater.write($0) }
        _ = try deflater.finish()
        #expect(deflater.sha256() == SHA256.hex(of: input))
        #expect(deflater.sha256() == SHA256.hex(of: input))
    }

    @Test(arguments: [0, 1, blockSize - 1, blockSize, blockSize + 1, 2 * blockSize])
    func blockBoundariesInflate(_ count: Int) throws {
        let input = ChunkDeflaterTests.bundleLikeCSV(rows: 4_000).prefix(count)
        #expect(input.count == count)
        let result = try deflate(Array(input), workers: 2)
        #expect(try Inflater.inflateRaw(result.bytes) == Array(input))
    }

    /// The stream is fixed by its definition: each block compressed alone by our encoder, with the
    /// previous block's own input (its last 32 KiB at most) as history; blocks smaller than the
    /// history reach back one block only.
    @Test(arguments: [16 << 10, blockSize])
    func eachBlockHasThePreviousBlocksInputAsHistory(_ blockSize: Int) throws {
        let input = ChunkDeflaterTests.bundleLikeCSV(rows: 3_000)
        var expected: [UInt8] = []
        var start = 0
        while start < input.count {
            let end = min(input.count, start + blockSize)
            let history = min(start, blockSize, ParallelDeflater.dictionarySize)
            let chunk = try Array(input[(start - history)..<end]).withUnsafeBytes { window in
                try ChunkDeflater(level: 6).compress(window, start: history, isFinal: end == input.count)
            }
            expected += chunk
            start = end
        }
        #expect(try deflate(input, workers: 2, blockSize: blockSize).bytes == expected)
    }

    /// The block size is part of what the archive's bytes depend on; the content is not.
    @Test func theBlockSizeChangesTheStreamButNotWhatItInflatesTo() throws {
        let input = ChunkDeflaterTests.bundleLikeCSV(rows: 2_000)
        let small = try deflate(input, workers: 2, blockSize: 16 << 10)
        let large = try deflate(input, workers: 2, blockSize: ParallelDeflater.defaultBlockSize)
        let sameStream = small.bytes == large.bytes
        #expect(!sameStream, "both streams are \(small.bytes.count) bytes")
        #expect(try Inflater.inflateRaw(small.bytes) == input)
        #expect(try Inflater.inflateRaw(large.bytes) == input)
        #expect(small.crc == large.crc && small.sha256 == large.sha256)
    }

    /// The pipeline's level on the bundles' kind of data: no more than 1 % over zlib's stream
    /// compressed the same way (the same blocks, 32 KiB of history, a full flush after each), at
    /// the test's block size and at the bundles'.
    @Test(arguments: [blockSize, ParallelDeflater.defaultBlockSize])
    func withinOnePercentOfZlibBlockByBlock(_ blockSize: Int) throws {
        let input = ChunkDeflaterTests.bundleLikeCSV(rows: 12_000)
        let ours = try deflate(input, workers: 2, blockSize: blockSize).bytes.count
        var zlib = 0
        var start = 0
        while start < input.count {
            let end = min(input.count, start + blockSize)
            let deflater = try Deflater(level: 6)
            try deflater.setDictionary(Array(input[max(0, start - 32_768)..<start]))
            var out: [UInt8] = []
            try deflater.compress(Array(input[start..<end]), into: &out)
            if end == input.count { try deflater.finish(into: &out) } else { try deflater.finishBlock(into: &out) }
            zlib += out.count
            start = end
        }
        #expect(Double(ours) <= Double(zlib) * 1.01, "\(ours) bytes against zlib's \(zlib)")
    }
}
