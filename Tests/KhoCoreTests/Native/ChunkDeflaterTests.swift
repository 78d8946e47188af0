import Foundation
import KhoNative
import Testing
@testable import KhoCore

/// Our deflate encoder against zlib: every stream must inflate (by zlib) to its input, at every
/// level, and come out no more than 1 % larger than zlib's at the same level.
@Suite struct ChunkDeflaterTests {
    /// Compresses with our encoder, inflates with zlib, and returns (ours, zlib) sizes.
    @discardableResult
    static func roundTrip(_ input: [UInt8], level: Int32, _ name: String = "",
                          sourceLocation: SourceLocation = #_sourceLocation) throws -> (ours: Int, zlib: Int) {
        let compressed = try ChunkDeflater.compress(input, level: level)
        let back = try Inflater.inflateRaw(compressed)
        #expect(back == input, "\(name) level \(level): inflates to other bytes", sourceLocation: sourceLocation)
        return (compressed.count, try Deflater.compress(input, level: level).count)
    }

    /// Sizes within 1 % of zlib's, with a few bytes of slack for tiny inputs where one block header dominates.
    static func expectNear(_ sizes: (ours: Int, zlib: Int), _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sizes.ours <= sizes.zlib + max(8, sizes.zlib / 100), "\(name): \(sizes.ours) bytes against zlib's \(sizes.zlib)",
                sourceLocation: sourceLocation)
    }

    static func random(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    /// A table shaped like the bundles' CSV: repeated codes and place names, dates, IDs and counters.
    static func bundleLikeCSV(rows: Int) -> [UInt8] {
        let places = ["Phường Quang Trung", "Xã Đắk Cấm", "Thị trấn Đắk Hà", "Xã Ngọc Linh", "Xã Ya Xiêr"]
        let names = ["Nguyễn Văn Hùng", "Trần Thị Lan", "A Blong", "Y Hoa", "Rơ Châm Thút", "Siu Nhơ"]
        var random = random(rows * 4, seed: 7).makeIterator()
        var text = "ma_ho,ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh,ma_xa,ten_xa,dia_chi,ngay_du_lieu\r\n"
        for row in 0..<rows {
            let place = places[row / 4 % places.count]
            let year = 1940 + Int(random.next()!) % 80
            let month = 1 + Int(random.next()!) % 12
            text += "KT-\(100_000 + row / 4),\(names[Int(random.next()!) % names.count]),\(year)-\(month < 10 ? "0" : "")\(month)-1\(row % 9),"
            text += "\(1 + Int(random.next()!) % 2),0620\(year % 100)\(200_000 + row),2\(3_000 + row / 4 % 5),\(place),\"Thôn \(row % 7), \(place)\",2026-11-29\r\n"
        }
        return Array(text.utf8)
    }

    @Test(arguments: 1...9)
    func edgeInputsRoundTripAtEveryLevel(_ level: Int32) throws {
        try Self.roundTrip([], level: level, "empty")
        try Self.roundTrip([0x41], level: level, "one byte")
        try Self.roundTrip([0x41, 0x42, 0x43], level: level, "three bytes")
        try Self.roundTrip([UInt8](repeating: 0x2C, count: 1 << 20), level: level, "1 MiB of commas")
        try Self.roundTrip(Self.random(200_000, seed: UInt64(level)), level: level, "random")
        try Self.roundTrip(Array(repeating: Array("23500,Xã Đắk Hà\r\n".utf8), count: 20_000).flatMap { $0 }, level: level, "one line again and again")
    }

    /// Byte i occurring fib(i) times, shuffled: an unlimited Huffman code would need 20-bit codes,
    /// so the 15-bit limit (and the 7-bit one of the code-length code) must reshape it into a code
    /// zlib accepts.
    @Test(arguments: [1, 6, 9] as [Int32])
    func skewedFrequenciesNeedLengthLimitedCodes(_ level: Int32) throws {
        var counts = [1, 1]
        while counts.count < 24 { counts.append(counts[counts.count - 1] + counts[counts.count - 2]) }
        var input: [UInt8] = []
        for (byte, count) in counts.enumerated() { input += [UInt8](repeating: UInt8(byte * 11), count: count) }
        var state: UInt64 = 42
        for index in stride(from: input.count - 1, to: 0, by: -1) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            input.swapAt(index, Int(state >> 33) % (index + 1))
        }
        let (ours, zlib) = try Self.roundTrip(input, level: level, "fibonacci")
        Self.expectNear((ours, zlib), "fibonacci level \(level)")
    }

    @Test func emptyInputIsOneFinalStaticBlock() throws {
        #expect(try ChunkDeflater.compress([], level: 6) == [0x03, 0x00])
    }

    @Test func incompressibleInputCostsNoMoreThanStoredBlocks() throws {
        for count in [1, 100, 65_535, 65_536, 200_000] {
            let input = Self.random(count, seed: UInt64(count))
            let (ours, _) = try Self.roundTrip(input, level: 6, "random \(count)")
            // Stored blocks: 5 bytes per 65535 and per block of items, plus the final byte.
            #expect(ours <= count + 5 * (count / 16_000 + 2), "random \(count): \(ours) bytes")
        }
    }

    /// Matches reaching exactly the window's edge, runs across 258-byte match limits, and lengths
    /// around the stored block limit and the 32 KiB window.
    @Test func windowAndLengthBoundaries() throws {
        let unit = Self.random(1_000, seed: 3)
        for gap in [32_766, 32_767, 32_768, 32_769] {
            var input = unit
            input += Self.random(gap - unit.count, seed: UInt64(gap))
            input += unit
            try Self.roundTrip(input, level: 6, "repeat after \(gap)")
        }
        for count in [257, 258, 259, 516, 517, 32_767, 32_768, 32_769, 65_535, 65_536, 65_537] {
            try Self.roundTrip([UInt8](repeating: 7, count: count), level: 1, "run of \(count)")
            try Self.roundTrip([UInt8](repeating: 7, count: count), level: 9, "run of \(count)")
            let mixed = (0..<count).map { UInt8(truncatingIfNeeded: $0 % 251 ^ $0 / 300) }
            try Self.roundTrip(mixed, level: 6, "mixed \(count)")
        }
    }

    @Test func csvSpectrumAndSampleFilesRoundTripNearZlib() throws {
        var files: [URL] = []
        let spectrum = TestSupport.fixture("conformance/csv-spectrum/csvs")
        files += try FileManager.default.contentsOfDirectory(at: spectrum, includingPropertiesForKeys: nil)
        let inbox = TestSupport.repositoryRoot.appendingPathComponent("samples/inbox")
        let enumerator = FileManager.default.enumerator(at: inbox, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if ["csv", "txt", "xml"].contains(url.pathExtension) { files.append(url) }
        }
        #expect(files.count >= 15)
        for url in files.sorted(by: { $0.path < $1.path }) {
            let bytes = try [UInt8](Data(contentsOf: url))
            for level: Int32 in [1, 6, 9] {
                Self.expectNear(try Self.roundTrip(bytes, level: level, url.lastPathComponent), "\(url.lastPathComponent) level \(level)")
            }
        }
    }

    @Test(arguments: [1, 6, 9] as [Int32])
    func bundleLikeTableIsWithinOnePercentOfZlib(_ level: Int32) throws {
        let table = Self.bundleLikeCSV(rows: 20_000)
        let sizes = try Self.roundTrip(table, level: level, "table")
        #expect(Double(sizes.ours) <= Double(sizes.zlib) * 1.01, "level \(level): \(sizes.ours) bytes against zlib's \(sizes.zlib)")
    }

    @Test func chunksWithHistoryConcatenateIntoOneStream() throws {
        let table = Self.bundleLikeCSV(rows: 3_000)
        let deflater = try ChunkDeflater(level: 6)
        var stream: [UInt8] = []
        var start = 0
        // Uneven chunks, including an empty one, each with up to 32 KiB of what came before.
        for end in [0, 1, 40_000, 40_000, 100_001, table.count] {
            let history = max(0, start - 32_768)
            try table[history..<end].withUnsafeBytes {
                try deflater.compress($0, start: start - history, isFinal: end == table.count, into: &stream)
            }
            start = end
        }
        #expect(try Inflater.inflateRaw(stream) == table)
    }

    @Test func levelsOutsideOneToNineAreRefused() {
        #expect(throws: DeflateError.unsupportedLevel(0)) { try ChunkDeflater(level: 0) }
        #expect(throws: DeflateError.unsupportedLevel(10)) { try ChunkDeflater(level: 10) }
    }
}
