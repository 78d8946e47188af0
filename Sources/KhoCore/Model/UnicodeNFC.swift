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
    public static func isQuick(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        while index < count {
            // ASCII eight bytes at a time: most of every export.
            if index + 8 <= count, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let byte = base[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            switch byte {
            case 0xC2...0xCB:   // U+0080–U+02FF: no combining marks, all NFC-stable
                index += 2
            case 0xE1:
                guard index + 1 < count, (0xB8...0xBB).contains(base[index + 1]) else { return false }
                index += 3
            case 0xE2:   // general punctuation U+2000–U+206F: quotes, dashes
                guard index + 1 < count, base[index + 1] == 0x80 || base[index + 1] == 0x81 else { return false }
                index += 3
            default:
                return false
            }
        }
        return true
    }

    /// `isQuick` for any bytes; a copy only when they are not contiguous already.
    public static func isQuick<Bytes: Sequence>(_ utf8: Bytes) -> Bool where Bytes.Element == UInt8 {
        utf8.withContiguousStorageIfAvailable { isQuick($0) } ?? Array(utf8).withUnsafeBufferPointer { isQuick($0) }
    }

    /// The bytes in NFC, appended to `out`. The text is cut before each ASCII character and each
    /// piece normalized on its own: an ASCII character is a starter that nothing before it composes
    /// with or reorders across, so the pieces give what the whole would. A piece is one character
    /// and the non-ASCII text after it (the marks of a decomposed letter follow its base).
    public static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        // Stretches that need nothing are copied whole; only the pieces that may not be NFC are
        // turned into strings.
        var copied = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] >= 0x80 else {
                index += 1
                continue
            }
            let start = max(index - 1, copied)   // the character before the run is its base
            var end = index
            while end < bytes.count && bytes[end] >= 0x80 { end += 1 }
            let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if !isQuick(piece) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<start]))
                out.append(contentsOf: String(decoding: piece, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
                copied = end
            }
            index = end
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
    }

    /// A string in NFC (the fast path returns it as it is).
    public static func normalized(_ text: String) -> String {
        isQuick(text.utf8) ? text : text.precomposedStringWithCanonicalMapping
    }
}
