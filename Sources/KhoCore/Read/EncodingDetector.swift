/// Guesses a file's encoding from its first bytes, with a confidence that reports record.
///
/// Order of evidence: a byte-order mark; the zero-byte pattern of UTF-16; valid UTF-8 (a strong
/// signal: legacy Vietnamese text is almost never valid UTF-8 by accident); else the legacy code
/// page whose decoding looks most like Vietnamese.
public enum EncodingDetector {
    public struct Detection: Sendable, Equatable {
        public let encoding: TextEncoding
        /// 0...1: how sure the detector is.
        public let confidence: Double
        /// Why, in a few words, for `extract.json`.
        public let evidence: String
    }

    public static func detect(_ prefix: [UInt8]) -> Detection {
        for encoding in [TextEncoding.utf8, .utf16LE, .utf16BE] where !encoding.byteOrderMark.isEmpty {
            if prefix.starts(with: encoding.byteOrderMark) {
                return Detection(encoding: encoding, confidence: 1, evidence: "byte-order mark")
            }
        }
        if let utf16 = utf16WithoutMark(prefix) { return utf16 }
        switch utf8Validity(prefix) {
        case .ascii:
            return Detection(encoding: .utf8, confidence: 1, evidence: "ASCII only")
        case .valid(let multibyte):
            return Detection(encoding: .utf8, confidence: multibyte >= 3 ? 0.99 : 0.9, evidence: "valid UTF-8")
        case .invalid:
            return legacy(prefix)
        }
    }

    // MARK: - UTF-16 without BOM

    private static func utf16WithoutMark(_ prefix: [UInt8]) -> Detection? {
        let pairs = prefix.count / 2
        guard pairs >= 4 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for index in 0..<pairs {
            if prefix[2 * index] == 0 { evenZeros += 1 }
            if prefix[2 * index + 1] == 0 { oddZeros += 1 }
        }
        // Text in Latin script under UTF-16 has a zero in one byte of most code units.
        if oddZeros * 10 >= pairs * 6 && evenZeros * 10 < pairs {
            return Detection(encoding: .utf16LE, confidence: 0.9, evidence: "zero bytes at odd offsets")
        }
        if evenZeros * 10 >= pairs * 6 && oddZeros * 10 < pairs {
            return Detection(encoding: .utf16BE, confidence: 0.9, evidence: "zero bytes at even offsets")
        }
        return nil
    }

    // MARK: - UTF-8

    enum UTF8Validity { case ascii, valid(multibyte: Int), invalid }

    /// Validates UTF-8, forgiving a sequence cut off at the end of the prefix.
    static func utf8Validity(_ bytes: [UInt8]) -> UTF8Validity {
        var index = 0, multibyte = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return .invalid
            }
            if index + length > count { break }
            for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return .invalid }
            if lead == 0xE0 && bytes[index + 1] < 0xA0 { return .invalid }
            if lead == 0xED && bytes[index + 1] > 0x9F { return .invalid }
            if lead == 0xF0 && bytes[index + 1] < 0x90 { return .invalid }
            if lead == 0xF4 && bytes[index + 1] > 0x8F { return .invalid }
            multibyte += 1
            index += length
        }
        return multibyte == 0 ? .ascii : .valid(multibyte: multibyte)
    }

    // MARK: - Legacy code pages

    /// Scores each legacy candidate by how much of its decoded high-byte text is Vietnamese.
    private static func legacy(_ prefix: [UInt8]) -> Detection {
        var best: (encoding: TextEncoding, score: Double) = (.windows1258, -1)
        var scores: [(TextEncoding, Double)] = []
        for encoding in [TextEncoding.windows1258, .windows1252] {
            let score = vietnameseShare(prefix, table: encoding.singleByteTable ?? [])
            scores.append((encoding, score))
            if score > best.score { best = (encoding, score) }
        }
        let runnerUp = scores.filter { $0.0 != best.encoding }.map(\.1).max() ?? 0
        let confidence = max(0.3, min(0.95, 0.5 + (best.score - runnerUp)))
        return Detection(encoding: best.encoding, confidence: (confidence * 100).rounded() / 100,
                         evidence: "not UTF-8; \(Int((best.score * 100).rounded()))% of non-ASCII bytes decode to Vietnamese letters or tone marks")
    }

    private static func vietnameseShare(_ bytes: [UInt8], table: [UInt16]) -> Double {
        var high = 0, vietnamese = 0
        for byte in bytes where byte >= 0x80 {
            high += 1
            let scalar = table[Int(byte) - 0x80]
            if VietnameseLetters.isVietnameseOrToneMark(scalar) { vietnamese += 1 }
        }
        return high == 0 ? 0 : Double(vietnamese) / Double(high)
    }
}

/// Which code points occur in Vietnamese text beyond ASCII.
enum VietnameseLetters {
    /// Base letters with a breve, circumflex, horn or stroke, precomposed letters, and the five tone marks.
    static func isVietnameseOrToneMark(_ scalar: UInt16) -> Bool {
        switch scalar {
        case 0x0300, 0x0301, 0x0303, 0x0309, 0x0323: return true
        case 0x00C0...0x00C3, 0x00C8...0x00CA, 0x00CC, 0x00CD, 0x00D2...0x00D5, 0x00D9, 0x00DA, 0x00DD: return true
        case 0x00E0...0x00E3, 0x00E8...0x00EA, 0x00EC, 0x00ED, 0x00F2...0x00F5, 0x00F9, 0x00FA, 0x00FD: return true
        case 0x0102, 0x0103, 0x0110, 0x0111, 0x0128, 0x0129, 0x0168, 0x0169, 0x01A0, 0x01A1, 0x01AF, 0x01B0: return true
        case 0x1EA0...0x1EF9: return true
        default: return false
        }
    }
}
