import Foundation
import Testing
@testable import KhoCore

/// Every reader hands text on in NFC, whatever the encoding and the form it came in.
@Suite struct NFCByteStreamTests {
    private static let nfc = "Nguyễn Thị Hoà,Đắk Hà,Xã Ngọk Wang\n"
    private static let nfd = nfc.decomposedStringWithCanonicalMapping

    private func drain(_ stream: ByteStream, chunk: Int = 1 << 16) throws -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            if count == 0 { return out }
            out += buffer[0..<count]
        }
    }

    @Test func decomposedTextComesOutComposed() throws {
        #expect(Array(Self.nfd.utf8) != Array(Self.nfc.utf8))
        let out = try drain(NFCByteStream(source: MemoryByteStream(Array(Self.nfd.utf8))))
        #expect(out == Array(Self.nfc.utf8))
    }

    /// A letter and its marks split across reads of one byte each are still composed.
    @Test func marksSplitAcrossReadsAreComposed() throws {
        let out = try drain(NFCByteStream(source: ChunkedStream(Array((Self.nfd + Self.nfd).utf8), chunk: 1)), chunk: 3)
        #expect(out == Array((Self.nfc + Self.nfc).utf8))
    }

    /// A run with no ASCII byte longer than the buffer is not cut in the middle.
    @Test func longRunsWithoutASCIIAreWhole() throws {
        let run = String(repeating: "ê\u{0301}", count: 50_000)
        let out = try drain(NFCByteStream(source: MemoryByteStream(Array(run.utf8))))
        #expect(out == Array(String(repeating: "ế", count: 50_000).utf8))
    }

    /// Composed text handed out in place and decomposed text normalized aside, alternating over
    /// many reads of odd sizes, come out in order and whole.
    @Test(arguments: [1, 7, 4096, 1 << 16])
    func mixedTextOverManyReadsComesOutInOrder(chunk: Int) throws {
        var text = ""
        for line in 0..<6_000 { text += line % 97 == 0 ? Self.nfd : Self.nfc }
        let out = try drain(NFCByteStream(source: MemoryByteStream(Array(text.utf8))), chunk: chunk)
        #expect(out == Array(text.precomposedStringWithCanonicalMapping.utf8))
    }

    /// The same export in NFC UTF-8, NFD UTF-8 and Windows-1258 extracts to the same bytes.
    @Test func theSameTextInAnyEncodingExtractsAlike() throws {
        let folder = try TestSupport.temporaryFolder()
        let text = "ma_ho,ho_ten,dia_chi\nH1,Nguyễn Thị Hoà,Làng Đăk Mứt\nH2,Y Ngọc,Thôn Kon Rờ Bàng\n"
        let variants: [(String, [UInt8])] = [
            ("nfc.csv", Array(text.utf8)),
            ("nfd.csv", Array(text.decomposedStringWithCanonicalMapping.utf8)),
            ("cp1258.csv", try #require(try LegacyEncoder(.windows1258).encode(text))),
        ]
        var extracted: [[String]] = []
        for (name, bytes) in variants {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            let schema = TestSupport.dataset("ho-ngheo")
            let source = UnitSource(dataset: "ho-ngheo", files: "*")
            let reader = try CSVSourceReader(input: InputFile(url: url, unit: "u"), unit: "u", source: source, schema: schema,
                                             mapper: ColumnMapper(schema: schema, explicitColumns: []), limits: ReadLimits())
            var values: [String] = []
            while let item = try reader.next() {
                if case .record(let record) = item { values += record.values.strings }
            }
            extracted.append(values)
        }
        #expect(extracted[0].map { Array($0.utf8) } == extracted[1].map { Array($0.utf8) })
        #expect(extracted[0].map { Array($0.utf8) } == extracted[2].map { Array($0.utf8) })
        #expect(extracted[0].contains("Nguyễn Thị Hoà"))
    }
}
