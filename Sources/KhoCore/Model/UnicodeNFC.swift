import Foundation

/// Unicode normalization form C for text as bytes: the readers hand every value on in NFC, whatever
/// the encoding or the form it came in, so the same text is the same bytes in every work file.
///
/// Most text is ASCII or precomposed Vietnamese: a byte scan says so (`isQuick`) and nothing is
/// copied. The rest, a segment at a time, goes through Foundation's normalizer.
public enum UnicodeNFC {
    /// True when the bytes are certainly NFC: ASCII, Latin-1 to Latin Extended-B, the precomposed
    /// Vietnamese block U+1E00–U+1EFF and general punctuation, with no combining mark anywhere.
    /// False means "perhaps not": the slow path decides.
    public static func isQuick<Bytes: Sequence>(_ utf8: Bytes) -> Bool where Bytes.Element == UInt8 {
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte < 0x80 { continue }
            switch byte {
            case 0xC2...0xCB:   // U+0080–U+02FF: no combining marks, all NFC-stable
                _ = iterator.next()
            case 0xE1:
                guard let second = iterator.next(), second == 0xB8 || second == 0xB9 || second == 0xBA || second == 0xBB else { return false }
                _ = iterator.next()
            case 0xE2:   // general punctuation U+2000–U+206F: quotes, dashes
                guard let second = iterator.next(), second == 0x80 || second == 0x81 else { return false }
                _ = iterator.next()
            default:
                return false
            }
        }
        return true
    }

    /// The bytes in NFC, appended to `out`. The text is cut before each ASCII character and each
    /// piece normalized on its own: an ASCII character is a starter that nothing before it composes
    /// with or reorders across, so the pieces give what the whole would. A piece is one character
    /// and the non-ASCII text after it (the marks of a decomposed letter follow its base).
    public static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        while start < bytes.count {
            var end = start + 1
            while end < bytes.count && bytes[end] >= 0x80 { end += 1 }
            let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if end - start == 1 || isQuick(piece) {
                out.append(contentsOf: piece)
            } else {
                out.append(contentsOf: String(decoding: piece, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
            }
            start = end
        }
    }

    /// A string in NFC (the fast path returns it as it is).
    public static func normalized(_ text: String) -> String {
        isQuick(text.utf8) ? text : text.precomposedStringWithCanonicalMapping
    }
}
