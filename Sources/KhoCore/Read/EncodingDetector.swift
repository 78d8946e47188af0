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

    /// The legacy candidates, most likely first: a tie goes to the earlier one.
    private static let legacyCandidates: [TextEncoding] = [.windows1258, .tcvn3, .vni, .windows1252]

    /// How one candidate reads the prefix: words with a non-ASCII letter, and how many are Vietnamese.
    private struct Reading {
        var words = 0
        var syllables = 0
        var share: Double { words == 0 ? 0 : Double(syllables) / Double(words) }
    }

    /// Decodes the prefix with each legacy code page and keeps the one under which the largest share
    /// of words with non-ASCII letters are Vietnamese syllables. The wrong code page betrays itself:
    /// TCVN3 read as Windows-1258 turns letters into symbols ("Hä" for "Họ"), Windows-1258 read as
    /// VNI puts marks on the wrong letters, VNI read as anything else leaves its mark bytes as stray
    /// letters after the vowels ("Hoaø"). Too few such words, and it cannot tell.
    private static func legacy(_ prefix: [UInt8]) -> Detection {
        let sample = Array(prefix.prefix(legacySampleBytes))
        // A sample repeats its words (names, places) and each syllable test normalizes the word
        // three times over: each distinct word is judged once, for every candidate reading.
        var syllables: [String: Bool] = [:]
        let readings = legacyCandidates.map { (encoding: $0, reading: read(sample, as: $0, syllables: &syllables)) }
        var best = readings[0]
        for candidate in readings.dropFirst() where candidate.reading.share > best.reading.share {
            best = candidate
        }
        let others = readings.filter { $0.encoding != best.encoding }
        let summary = others.map { "\($0.encoding.rawValue) \($0.reading.syllables)/\($0.reading.words)" }.joined(separator: ", ")
        guard best.reading.syllables >= 2 else {
            return Detection(encoding: .windows1258, confidence: 0.3,
                             evidence: "not UTF-8; too little non-ASCII text to tell the legacy code pages apart")
        }
        let runnerUp = others.map(\.reading.share).max() ?? 0
        var confidence = max(0.3, min(0.95, 0.5 + (best.reading.share - runnerUp)))
        if best.reading.syllables < 5 { confidence = min(confidence, 0.55) }
        return Detection(encoding: best.encoding, confidence: (confidence * 100).rounded() / 100,
                         evidence: "not UTF-8; \(best.reading.syllables) of \(best.reading.words) words with non-ASCII letters read as Vietnamese in \(best.encoding.rawValue) (\(summary))")
    }

    /// Enough for titles, a header and a few dozen rows; bounds the work on large files.
    private static let legacySampleBytes = 1 << 14

    /// Counts the words with a non-ASCII letter, and the Vietnamese syllables among them.
    private static func read(_ bytes: [UInt8], as encoding: TextEncoding, syllables: inout [String: Bool]) -> Reading {
        let decoder = DecodingByteStream(source: MemoryByteStream(bytes), encoding: encoding)
        guard let decoded = try? decoder.readPrefix(bytes.count * 4 + 16) else { return Reading() }
        var reading = Reading()
        // Scalars in an array, the word made once at its end: appending to a String.UnicodeScalarView
        // went through generic code that looked up type metadata for every scalar.
        var word: [Unicode.Scalar] = []
        var nonASCII = false
        func endWord() {
            if nonASCII {
                reading.words += 1
                var text = ""
                text.unicodeScalars.append(contentsOf: word)
                let isSyllable: Bool
                if let known = syllables[text] {
                    isSyllable = known
                } else {
                    isSyllable = VietnameseSyllable.isSyllable(text)
                    syllables[text] = isSyllable
                }
                if isSyllable { reading.syllables += 1 }
            }
            word.removeAll(keepingCapacity: true)
            nonASCII = false
        }
        for scalar in String(decoding: decoded, as: UTF8.self).unicodeScalars {
            let isLetter = scalar.isASCII
                ? (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
                : scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
            if isLetter {
                word.append(scalar)
                if scalar.value >= 0x80 { nonASCII = true }
                continue
            }
            endWord()
            // A replacement character or a C1 control is a word this code page cannot read.
            if scalar.value == 0xFFFD || (0x80...0x9F).contains(scalar.value) { reading.words += 1 }
        }
        endWord()
        return reading
    }
}
