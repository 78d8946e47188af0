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
        quickPrefix(bytes) == bytes.count
    }

    /// `isQuick` for any bytes; a copy only when they are not contiguous already.
    public static func isQuick<Bytes: Sequence>(_ utf8: Bytes) -> Bool where Bytes.Element == UInt8 {
        utf8.withContiguousStorageIfAvailable { isQuick($0) } ?? Array(utf8).withUnsafeBufferPointer { isQuick($0) }
    }

    /// How many bytes at the start are certainly NFC (see `isQuick`): all of them, or up to the
    /// start of the first piece that may not be. A piece is one character and the non-ASCII text
    /// after it (the marks of a decomposed letter follow their base), so it starts at an ASCII
    /// character, a starter that nothing before it composes with or reorders across: the text
    /// before a piece and the piece can be normalized apart and give what the whole would.
    public static func quickPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let count = bytes.count
        var index = 0
        var pieceStart = 0
        while index < count {
            // ASCII eight bytes at a time: most of every export. In a word with a non-ASCII byte,
            // the ASCII bytes before it are skipped at once (read little-endian, the first byte is lowest).
            if index + 8 <= count {
                let high = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) & 0x8080_8080_8080_8080
                let ascii = high == 0 ? 8 : high.trailingZeroBitCount / 8
                if ascii > 0 {
                    index += ascii
                    pieceStart = index - 1
                    continue
                }
            }
            let byte = base[index]
            switch byte {
            case 0x00..<0x80:
                pieceStart = index
                index += 1
            case 0xC2...0xCB:   // U+0080–U+02FF: no combining marks, all NFC-stable
                index += 2
            case 0xE1 where index + 1 < count && (0xB8...0xBB).contains(base[index + 1]):
                index += 3
            case 0xE2 where index + 1 < count && (base[index + 1] == 0x80 || base[index + 1] == 0x81):   // quotes, dashes
                index += 3
            default:
                return pieceStart
            }
        }
        return count
    }

    /// The end of the piece that starts at `start`: its first character and the non-ASCII bytes after it.
    public static func pieceEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start + 1
        while end < bytes.count && bytes[end] >= 0x80 { end += 1 }
        return min(end, bytes.count)
    }

    /// A piece (see `quickPrefix`) in NFC, appended to `out`.
    public static func appendPiece(_ piece: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(contentsOf: String(decoding: piece, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
    }

    /// Pieces already normalized, by their bytes. Decomposed text (NFD exports, the tone marks
    /// Windows-1258 and VNI decode to) repeats a few dozen pieces, a vowel and its marks, hundreds of
    /// thousands of times, and Foundation's normalizer takes half a microsecond for each. Only
    /// pieces up to 16 bytes, and at most `limit` of them: hostile text cannot grow it without bound.
    struct PieceMemo {
        private struct Key: Hashable {
            var low: UInt64, high: UInt64, count: Int
        }
        static let limit = 4096
        private var known: [Key: [UInt8]] = [:]
        var count: Int { known.count }

        /// The piece in NFC, appended to `out`: what `appendPiece` appends.
        mutating func append(_ piece: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
            guard piece.count <= 16, let base = piece.baseAddress else {
                UnicodeNFC.appendPiece(piece, to: &out)
                return
            }
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { $0.baseAddress?.copyMemory(from: base, byteCount: piece.count) }
            let key = Key(low: words.0, high: words.1, count: piece.count)
            if let normalized = known[key] {
                out.append(contentsOf: normalized)
                return
            }
            let start = out.count
            UnicodeNFC.appendPiece(piece, to: &out)
            if known.count < PieceMemo.limit { known[key] = Array(out[start...]) }
        }
    }

    /// A string in NFC (the fast path returns it as it is).
    public static func normalized(_ text: String) -> String {
        isQuick(text.utf8) ? text : text.precomposedStringWithCanonicalMapping
    }
}
