import Foundation
import Testing
@testable import KhoCore

@Suite struct EncodingTests {
    private func decode(_ bytes: [UInt8], _ encoding: TextEncoding) throws -> (String, DecodingByteStream) {
        let stream = DecodingByteStream(source: MemoryByteStream(bytes), encoding: encoding)
        let out = try stream.readPrefix(1 << 20)
        return (String(decoding: out, as: UTF8.self), stream)
    }

    @Test(arguments: [
        ("utf16le-tab.txt", TextEncoding.utf16LE, "byte-order mark"),
        ("utf16be-comma.csv", .utf16BE, "byte-order mark"),
        ("windows-1258-titles.csv", .windows1258, nil),
        ("tcvn3-titles.csv", .tcvn3, nil),
        ("vni-titles.csv", .vni, nil),
        ("invalid-utf8.csv", .windows1258, nil),
        ("nul-byte.csv", .utf8, "ASCII only"),
    ] as [(String, TextEncoding, String?)])
    func detectsFixtures(_ name: String, _ encoding: TextEncoding, _ evidence: String?) throws {
        let detection = EncodingDetector.detect(Array(try Data(contentsOf: TestSupport.fixture(name))))
        #expect(detection.encoding == encoding)
        if let evidence { #expect(detection.evidence == evidence) }
    }

    /// The legacy code pages are told apart by counting the words each reads as Vietnamese: the
    /// counts themselves, so that a faster count that counts differently is caught.
    @Test(arguments: [
        ("windows-1258-titles.csv",
         "not UTF-8; 30 of 30 words with non-ASCII letters read as Vietnamese in windows-1258 (tcvn3 7/30, vni 7/37, windows-1252 6/30)"),
        ("tcvn3-titles.csv",
         "not UTF-8; 175 of 177 words with non-ASCII letters read as Vietnamese in tcvn3 (windows-1258 27/103, vni 13/109, windows-1252 27/103)"),
        ("vni-titles.csv",
         "not UTF-8; 175 of 177 words with non-ASCII letters read as Vietnamese in vni (windows-1258 16/177, tcvn3 27/177, windows-1252 31/177)"),
    ])
    func legacyEvidenceCountsTheWords(_ name: String, _ evidence: String) throws {
        let detection = EncodingDetector.detect(Array(try Data(contentsOf: TestSupport.fixture(name))))
        #expect(detection.evidence == evidence)
    }

    @Test func utf8WithAndWithoutBOM() throws {
        let text = "Họ và tên,Ngày sinh\n"
        #expect(EncodingDetector.detect(Array(text.utf8)) == .init(encoding: .utf8, confidence: 0.99, evidence: "valid UTF-8"))
        #expect(EncodingDetector.detect([0xEF, 0xBB, 0xBF] + Array(text.utf8)).evidence == "byte-order mark")
        let (decoded, _) = try decode([0xEF, 0xBB, 0xBF] + Array(text.utf8), .utf8)
        #expect(decoded == text)
    }

    @Test func utf16WithoutBOMIsRecognized() {
        let bytes = Array("MA_HO,HO_TEN\r\nA1,Y Lan\r\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(EncodingDetector.detect(bytes).encoding == .utf16LE)
    }

    @Test func windows1258DecodesToNFC() throws {
        let (decoded, stream) = try decode(Array(try Data(contentsOf: TestSupport.fixture("windows-1258-titles.csv"))), .windows1258)
        let firstLine = decoded.split(separator: "\r\n").first.map(String.init) ?? ""
        #expect(Array(firstLine.utf8) == Array("UBND HUYỆN ĐẮK HÀ;;;;;;".precomposedStringWithCanonicalMapping.utf8))
        #expect(stream.problemCount == 0)
    }

    @Test func utf16DecodesSurrogatesAndReportsLoneOnes() throws {
        let good: [UInt8] = [0xFF, 0xFE, 0x3D, 0xD8, 0x00, 0xDE]   // U+1F600
        #expect(try decode(good, .utf16LE).0 == "\u{1F600}")
        let (text, stream) = try decode([0xFF, 0xFE, 0x41, 0x00, 0x00, 0xDC, 0x42, 0x00], .utf16LE)
        #expect(text == "A\u{FFFD}B")
        #expect(stream.problems == [.init(byteOffset: 4)])
    }

    @Test func invalidUTF8IsReplacedAndItsOffsetReported() throws {
        let bytes = Array(try Data(contentsOf: TestSupport.fixture("invalid-utf8.csv")))
        let (text, stream) = try decode(bytes, .utf8)
        #expect(text.contains("Y \u{FFFD} Hoa"))
        #expect(stream.problemCount == 1)
        #expect(stream.problems.first?.byteOffset == Int64(bytes.firstIndex(of: 0xFF) ?? -1))
    }

    /// Vietnamese text with bad bytes spliced in — stray continuation bytes, overlong and
    /// surrogate forms, cut sequences, bytes past U+10FFFF — decodes as Swift's own UTF-8 decoder
    /// does (one U+FFFD per maximal bad subpart), read through buffers of any size.
    @Test(arguments: [8, 13, 64, 1 << 16])
    func utf8WithBadBytesDecodesAsTheStandardLibraryDoes(bufferSize: Int) throws {
        let good = Array("Thôn Kon Hring, xã Đắk Hà; Nguyễn Thị Hồng Nhung 😀 ".utf8)
        let bad: [[UInt8]] = [[0x80], [0xBF, 0x80], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xE0, 0x9F], [0xED, 0xA0, 0x80],
                              [0xED, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80], [0xFF], [0xE1, 0xBB],
                              [0xF0, 0x9F, 0x98], [0xC3], [0xE1, 0x41], [0xF0, 0x9F, 0x41]]
        var random = SplitMix(state: 47)
        var bytes: [UInt8] = []
        for _ in 0..<3_000 {
            let start = Int(random.next() % UInt64(good.count))
            bytes += good[start..<min(good.count, start + Int(random.next() % 24))]
            if random.next() % 3 == 0 { bytes += bad[Int(random.next() % UInt64(bad.count))] }
        }
        let stream = DecodingByteStream(source: MemoryByteStream(bytes), encoding: .utf8)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        while case let count = try buffer.withUnsafeMutableBytes({ try stream.read(into: $0) }), count > 0 { out += buffer[..<count] }
        let expected = Array(String(decoding: bytes, as: UTF8.self).utf8)
        // The first difference, not two arrays of 100 KB, in a failure.
        let differs = zip(out, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? (out.count == expected.count ? nil : min(out.count, expected.count))
        #expect(differs == nil)
        #expect(stream.problemCount == String(decoding: bytes, as: UTF8.self).unicodeScalars.filter { $0 == "\u{FFFD}" }.count)
    }

    @Test func truncatedSequenceAtTheEndIsReported() throws {
        let (text, stream) = try decode(Array("ab".utf8) + [0xE1, 0xBB], .utf8)
        #expect(text == "ab\u{FFFD}")
        #expect(stream.problemCount == 1)
    }

    @Test func undefinedWindows1258ByteIsReported() throws {
        let (text, stream) = try decode([0x41, 0x81, 0x42], .windows1258)
        #expect(text == "A\u{FFFD}B")
        #expect(stream.problems == [.init(byteOffset: 1)])
    }

    @Test(arguments: ["UTF8", "utf-8", "cp1258", "Windows-1258", "UTF-16", "utf16be", "latin1", "TCVN3", "abc", "VNI-Windows"])
    func encodingNamesAreAccepted(_ name: String) {
        #expect(TextEncoding(name: name) != nil)
    }
}
