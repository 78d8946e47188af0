import Foundation
import KhoNative
import Testing
@testable import KhoCore

@Suite struct ParallelDeflaterTests {
    private func deflate(_ input: [UInt8], workers: Int, pieces: Int = 3) throws -> (bytes: [UInt8], crc: UInt32, size: Int64, sha256: String) {
        var bytes: [UInt8] = []
        let deflater = ParallelDeflater(level: 6, workers: workers) { bytes += $0 }
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
        let input = ChunkDeflaterTests.bundleLikeCSV(rows: 6_000) // several 128 KiB blocks
        #expect(input.count > 4 * ParallelDeflater.blockSize)
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

    /// A descriptor and a caller checking the table may both ask: finalizing twice would hash the padding.
    @Test func theDigestIsTheSameOnEveryCall() throws {
        let input = ChunkDeflaterTests.bundleLikeCSV(rows: 500)
        let deflater = ParallelDeflater(level: 6, workers: 2) { _ in }
        try input.withUnsafeBytes { try deflater.write($0) }
        _ = try deflater.finish()
        #expect(deflater.sha256() == SHA256.hex(of: input))
        #expect(deflater.sha256() == SHA256.hex(of: input))
    }

    @Test(arguments: [0, 1, ParallelDeflater.blockSize - 1, ParallelDeflater.blockSize, ParallelDeflater.blockSize + 1,
                      2 * ParallelDeflater.blockSize])
    func blockBoundariesInflate(_ count: Int) throws {
        let input = ChunkDeflaterTests.bundleLikeCSV(rows: 4_000).prefix(count)
        #expect(input.count == count)
        let result = try deflate(Array(input), workers: 2)
        #expect(try Inflater.inflateRaw(result.bytes) == Array(input))
    }

    /// The pipeline's level on the bundles' kind of data: no more than 1 % over zlib's stream
    /// compressed the same way (128 KiB blocks, 32 KiB of history, a full flush after each).
    @Test func withinOnePercentOfZlibBlockByBlock() throws {
        let input = ChunkDeflaterTests.bundleLikeCSV(rows: 12_000)
        let ours = try deflate(input, workers: 2).bytes.count
        var zlib = 0
        var start = 0
        while start < input.count {
            let end = min(input.count, start + ParallelDeflater.blockSize)
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
