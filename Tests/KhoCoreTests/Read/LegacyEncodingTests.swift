import Foundation
import Testing
@testable import KhoCore

/// Windows-1258, TCVN3 and VNI: decoding to NFC, detection, and the tables themselves.
@Suite struct LegacyEncodingTests {
    /// The table make-fixtures.py writes as tcvn3-titles.csv and vni-titles.csv, in NFC.
    static let table = [
        "ỦY BAN NHÂN DÂN HUYỆN ĐẮK HÀ;;;;;;;;;;",
        "DANH SÁCH HỘ NGHÈO NĂM 2024 - ĐỢT BỔ SUNG ƯU TIÊN THEO CƠ SỞ DỮ LIỆU DÂN CƯ;;;;;;;;;;",
        "KÈM THEO QUYẾT ĐỊNH SỐ 12/QĐ-UBND - ĐỊA BÀN THÔN KON ỨC VÀ LÀNG ĐĂK Ý;;;;;;;;;;",
        ";;;;;;;;;;",
        "STT;Mã hộ;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Dân tộc;Mã xã;Tên xã;Địa chỉ;Ghi chú",
        "1;DH-21;Nguyễn Thị Hoà;05/03/1987;Nữ;062187001235;Kinh;23500;Thị trấn Đắk Hà;Tổ dân phố 4;Mẹ đơn thân, ở nhà cũ, vẫn nuôi con nhỏ",
        "2;DH-21;Trương Văn Lực;12/11/1985;Nam;062085004322;Kinh;23500;Thị trấn Đắk Hà;Tổ dân phố 4;Thiếu đất sản xuất, cần việc làm",
        "3;DH-22;Y Thương;20/07/1992;Nữ;062192007781;Xơ Đăng;23521;Xã Ngọc Wang;Thôn Kon Rôn, ngõ 3;Chữa bệnh dài ngày",
        "4;DH-23;A Khuyên;01/01/1960;Nam;062060009877;Ba Na;23521;Xã Ngọc Wang;Làng Đăk Mứt;Người cao tuổi, khuyết tật, sống một mình",
        "5;DH-24;Đinh Thị Mỹ Dung;15/09/2001;Nữ;062301002468;Giẻ Triêng;23530;Xã Đăk Pxi;Thôn Kon Stiêu;Nhà dột nát, được hỗ trợ tiền điện",
        "6;DH-25;Vũ Văn Ửng;30/04/1975;Nam;062075001357;Kinh;23530;Xã Đăk Pxi;Thôn Ngã Ba;Mới tách hộ, thuê đất ruộng vùng thấp",
        "7;DH-26;Lê Thị Ánh Thùy;09/02/1999;Nữ;062199008642;Mường;23530;Xã Đăk Pxi;Thôn Ngọc Hồi;Chồng đi làm ăn xa, nuôi hai cháu nhỏ, mẹ chồng đã già yếu",
        "Tổng cộng;7;;;;;;;;;",
        ";;;;;;;;;;",
        "Người lập biểu;;;;;;;;Trưởng thôn;;",
        "",
    ].joined(separator: "\r\n")

    /// What make-fixtures.py writes as windows-1258-titles.csv, in NFC.
    static let windows1258Table = [
        "UBND HUYỆN ĐẮK HÀ;;;;;;", "DANH SÁCH HỘ NGHÈO NĂM 2024;;;;;;", ";;;;;;",
        "STT;Mã hộ;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Mã xã",
        "1;DH-01;Y Hoa;05/03/1987;Nữ;062187001234;23500",
        "2;DH-01;A Thút;12/11/2010;Nam;062210004321;23500",
        "3;DH-02;Nguyễn Văn Đức;01/01/1960;Nam;062060009876;23521",
        "Tổng cộng;3;;;;;", ";;;;;;", "Người lập biểu;;;;Trưởng phòng;;", "",
    ].joined(separator: "\r\n")

    static let fixtures: [(String, TextEncoding, String)] = [
        ("tcvn3-titles.csv", .tcvn3, table),
        ("vni-titles.csv", .vni, table),
        ("windows-1258-titles.csv", .windows1258, windows1258Table),
    ]

    /// All 12 vowels in both cases with each of the six tones, and đ Đ: 146 letters, 134 beyond ASCII.
    static let letters: [String] = {
        let tones = ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"]
        let vowels = "aăâeêioôơuưy".flatMap { [String($0), String($0).uppercased()] }
        return vowels.flatMap { vowel in tones.map { (vowel + $0).precomposedStringWithCanonicalMapping } } + ["đ", "Đ"]
    }()

    private static func decode(_ bytes: [UInt8], _ encoding: TextEncoding, sourceChunk: Int = .max,
                               readChunk: Int = 1 << 16) throws -> ([UInt8], DecodingByteStream) {
        let stream = DecodingByteStream(source: ChunkedStream(bytes, chunk: sourceChunk), encoding: encoding)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: readChunk)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            if count == 0 { break }
            out += buffer[..<count]
        }
        return (out, stream)
    }

    private static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: TestSupport.fixture(name)))
    }

    // MARK: - Decoding

    @Test(arguments: fixtures)
    func fixtureDecodesToExactlyTheNFCText(_ name: String, _ encoding: TextEncoding, _ expected: String) throws {
        let (decoded, stream) = try Self.decode(try Self.fixture(name), encoding)
        #expect(decoded == Array(expected.precomposedStringWithCanonicalMapping.utf8))
        #expect(stream.problemCount == 0)
    }

    @Test(arguments: fixtures)
    func tinyBuffersGiveTheSameNFCText(_ name: String, _ encoding: TextEncoding, _ expected: String) throws {
        let bytes = try Self.fixture(name)
        let whole = Array(expected.precomposedStringWithCanonicalMapping.utf8)
        // Every split of a letter from its mark byte, in the source reads and in the caller's buffer.
        for sourceChunk in 1...5 {
            for readChunk in [1, 2, 3, 7, 8, 9] {
                #expect(try Self.decode(bytes, encoding, sourceChunk: sourceChunk, readChunk: readChunk).0 == whole,
                        "source reads of \(sourceChunk), buffers of \(readChunk)")
            }
        }
    }

    @Test(arguments: [TextEncoding.windows1258, .windows1252, .tcvn3, .vni])
    func anyBytesDecodeTheSameWhateverTheReadSizes(_ encoding: TextEncoding) throws {
        // Letters, mark bytes and undefined bytes in every order: a fixed pseudo-random sequence.
        var state: UInt32 = 2024
        let bytes = (0..<4000).map { _ -> UInt8 in
            state = state &* 1_103_515_245 &+ 12345
            let pick = Int(state >> 16) % 4
            return pick == 0 ? UInt8(ascii: "a") + UInt8(state >> 8 & 7) : UInt8(truncatingIfNeeded: state >> 20) | 0x80
        }
        let (whole, wholeStream) = try Self.decode(bytes, encoding)
        #expect(String(validating: whole, as: UTF8.self) != nil)
        for (sourceChunk, readChunk) in [(1, 8), (2, 1), (3, 5), (7, 64)] {
            let (chunked, stream) = try Self.decode(bytes, encoding, sourceChunk: sourceChunk, readChunk: readChunk)
            #expect(chunked == whole, "source reads of \(sourceChunk), buffers of \(readChunk)")
            #expect(stream.problems == wholeStream.problems)
        }
    }

    @Test func windows1258ToneAfterAPrecomposedVowelBecomesOneLetter() throws {
        // "Hộ" as Windows writes it: H, ô (0xF4), then the dot below (0xF2) in the next read.
        let (decoded, _) = try Self.decode([0x48, 0xF4, 0xF2], .windows1258, sourceChunk: 2, readChunk: 8)
        #expect(decoded == Array("Hộ".utf8))
    }

    @Test func aMarkWithNothingToComposeWithIsPassedThroughNotReported() throws {
        // Any letter NFC composes with the mark takes it, Vietnamese or not ("b" and a dot below: "ḅ").
        #expect(try Self.decode([0x62, 0xF2], .windows1258).0 == Array("\u{1E05}".utf8))
        let (decoded, stream) = try Self.decode([0xEC, 0x31, 0xEC, 0x2D, 0xF2], .windows1258)
        #expect(decoded == Array("\u{301}1\u{301}-\u{323}".utf8))
        #expect(stream.problemCount == 0)
        let (vni, _) = try Self.decode([0x62, 0xE1, 0x20, 0xF9], .vni)
        #expect(vni == Array("b\u{302}\u{301} \u{301}".utf8))
    }

    @Test func vniMarkBytesFollowTheCaseOfTheLetter() throws {
        // Uppercase letter with a lowercase mark byte and the other way round: the letter decides.
        let (decoded, _) = try Self.decode(Array("Hoa".utf8) + [0xF8, 0x20, 0x41, 0xE9, 0x61, 0xC1], .vni)
        #expect(decoded == Array("Hoà Ắấ".utf8))
    }

    @Test func tcvn3KeepsTabCarriageReturnAndLineFeed() throws {
        let (decoded, _) = try Self.decode([0x09, 0x0D, 0x0A, 0x01, 0x16], .tcvn3)
        #expect(decoded == Array("\t\r\nÚÝ".utf8))
    }

    @Test func undefinedBytesBecomeReplacementCharactersAtTheirOffsets() throws {
        let (vni, vniStream) = try Self.decode([0x61, 0xC7, 0x62, 0x81, 0x63, 0xFF], .vni)
        #expect(vni == Array("a\u{FFFD}b\u{FFFD}c\u{FFFD}".utf8))
        #expect(vniStream.problems == [.init(byteOffset: 1), .init(byteOffset: 3), .init(byteOffset: 5)])
        let (cp1258, cp1258Stream) = try Self.decode([0x61, 0x8D, 0xF2, 0x90], .windows1258)
        #expect(cp1258 == Array("a\u{FFFD}\u{323}\u{FFFD}".utf8))
        #expect(cp1258Stream.problems == [.init(byteOffset: 1), .init(byteOffset: 3)])
        // TCVN3 (read as VN1) assigns every byte.
        #expect(!CodePage.tcvn3.entries.contains(CodePage.undefined))
    }

    // MARK: - Tables

    @Test(arguments: [TextEncoding.windows1258, .tcvn3, .vni])
    func everyVietnameseLetterRoundTrips(_ encoding: TextEncoding) throws {
        let encoder = try LegacyEncoder(encoding)
        #expect(Self.letters.count == 146 && Self.letters.filter { $0.unicodeScalars.first!.value > 0x7F }.count == 134)
        for letter in Self.letters {
            let code = try #require(encoder.codes[letter], "\(letter) cannot be written in \(encoding)")
            #expect(try Self.decode(code, encoding).0 == Array(letter.utf8), "\(letter) in \(encoding)")
        }
        // And the other way: every byte that stands for a letter is how that letter is written.
        for (letter, code) in encoder.singleBytes where letter.first?.isLetter == true {
            #expect(encoder.codes[letter] == code, "\(letter) in \(encoding)")
        }
        if encoding == .tcvn3 {
            #expect(Self.letters.allSatisfy { (encoder.codes[$0]?.count ?? 0) == 1 })
        }
    }

    @Test func compositionTableAgreesWithFoundation() {
        let pairs = CanonicalComposition.pairs
        for index in stride(from: 0, to: pairs.count, by: 2) {
            let base = pairs[index] >> 16, mark = pairs[index] & 0xFFFF
            let text = String(String.UnicodeScalarView([Unicode.Scalar(base)!, Unicode.Scalar(mark)!]))
            #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value) == [pairs[index + 1]])
            if index > 0 { #expect(pairs[index - 2] < pairs[index]) }
        }
        #expect(CanonicalComposition.compose(0xE2, 0x323) == 0x1EAD)   // â + dot below = ậ
        #expect(CanonicalComposition.compose(0x62, 0x301) == nil)
    }

    // MARK: - Detection

    @Test(arguments: fixtures)
    func detectionPicksTheFixturesEncoding(_ name: String, _ encoding: TextEncoding, _ expected: String) throws {
        let detection = EncodingDetector.detect(try Self.fixture(name))
        #expect(detection.encoding == encoding, "\(detection.evidence)")
        #expect(detection.confidence >= 0.6, "\(detection.evidence)")
    }

    static let shortSamples = [
        "DANH SÁCH HỘ NGHÈO NĂM 2024\r\nHọ và tên;Ngày sinh;Dân tộc\r\nNguyễn Thị Hoà;Xơ Đăng;Đắk Hà;Ngọc Hồi\r\n",
        "UBND HUYỆN ĐẮK HÀ\r\nDANH SÁCH HỘ NGHÈO NĂM 2024\r\nHọ và tên;Ngày sinh;Dân tộc;Xã\r\n"
            + "Nguyễn Thị Hoà;12/03/1985;Xơ Đăng;Đắk Hà\r\nA Thút;05/06/1990;Ba Na;Ngọc Wang\r\n"
            + "Y Lan;20/11/2001;Giẻ Triêng;Đắk Pxi\r\nTrần Văn Đức;01/01/1960;Kinh;Ngọc Hồi\r\n",
    ]

    @Test(arguments: [TextEncoding.windows1258, .tcvn3, .vni], [0, 1])
    func detectionPicksTheEncodingOfAShortExport(_ encoding: TextEncoding, _ sample: Int) throws {
        let bytes = try #require(try LegacyEncoder(encoding).encode(Self.shortSamples[sample]))
        let detection = EncodingDetector.detect(bytes)
        #expect(detection.encoding == encoding, "\(detection.evidence)")
        #expect(detection.confidence >= 0.6, "\(detection.evidence)")
    }

    @Test func aSingleOddByteIsTooLittleToTell() {
        let detection = EncodingDetector.detect(Array("MA_HO,HO_TEN\r\nA2,Y ".utf8) + [0xFF] + Array(" Hoa\r\n".utf8))
        #expect(detection.encoding == .windows1258)
        #expect(detection.confidence < 0.6)
    }

    @Test(arguments: [("tcvn3", TextEncoding.tcvn3), ("ABC", .tcvn3), ("tcvn-3", .tcvn3), ("TCVN5712", .tcvn3),
                      ("vni", .vni), ("VNI-Windows", .vni)])
    func legacyNamesAreAccepted(_ name: String, _ encoding: TextEncoding) {
        #expect(TextEncoding(name: name) == encoding)
    }
}

/// Writes text in a legacy code page by inverting its decoder: every byte, and every letter followed
/// by a byte, is decoded once; each character takes the shortest sequence that decodes to it alone.
struct LegacyEncoder {
    private(set) var codes: [String: [UInt8]] = [:]
    private(set) var singleBytes: [(String, [UInt8])] = []

    init(_ encoding: TextEncoding) throws {
        var sequences: [[UInt8]] = (0x01...0xFF).filter { $0 != 0x0A }.map { [UInt8($0)] }
        let leads = Array(UInt8(ascii: "A")...UInt8(ascii: "Z")) + Array(UInt8(ascii: "a")...UInt8(ascii: "z")) + Array(0x80...0xFF)
        for lead in leads { for mark in 0x80...0xFF { sequences.append([lead, UInt8(mark)]) } }
        let stream = DecodingByteStream(source: MemoryByteStream(Array(sequences.joined(separator: [0x0A]))), encoding: encoding)
        let decoded = try stream.readPrefix(1 << 22).split(separator: 0x0A, omittingEmptySubsequences: false)
        for (sequence, output) in zip(sequences, decoded) {
            let text = String(decoding: output, as: UTF8.self)
            guard text.unicodeScalars.count == 1, text != "\u{FFFD}" else { continue }
            if codes[text] == nil { codes[text] = sequence }
            if sequence.count == 1 { singleBytes.append((text, sequence)) }
        }
    }

    func encode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for character in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if character.isASCII { bytes.append(UInt8(character.value)); continue }
            guard let code = codes[String(character)] else { return nil }
            bytes += code
        }
        return bytes
    }
}
