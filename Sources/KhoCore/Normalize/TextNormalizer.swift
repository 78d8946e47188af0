import Foundation

/// Canonical text: trimmed, inner runs of white space collapsed to one space, Unicode NFC.
///
/// Most values are ASCII or already-precomposed Vietnamese; those skip Foundation's normalizer.
public enum TextNormalizer {
    public static let id = "text"

    public struct Result {
        public var value: String
        public var trimmed = false
        public var composed = false
    }

    public static func normalize(_ text: String) -> Result {
        let utf8 = text.utf8
        if utf8.isEmpty { return Result(value: text) }
        if isPlainASCII(text) { return Result(value: text) }
        var copy = text
        let needsSpaceFix = copy.withUTF8(hasSpaceToFix)
        let needsNFC = !isQuickNFC(utf8)
        if !needsSpaceFix && !needsNFC { return Result(value: text) }
        var result = Result(value: text)
        if needsNFC {
            result.value = text.precomposedStringWithCanonicalMapping
            // String equality ignores NFC versus NFD; the bytes tell whether anything changed.
            result.composed = !result.value.utf8.elementsEqual(text.utf8)
        }
        if needsSpaceFix {
            let collapsed = collapseSpaces(result.value)
            result.trimmed = !collapsed.utf8.elementsEqual(result.value.utf8)
            result.value = collapsed
        }
        return result
    }

    /// Printable ASCII with single inner spaces and none at either end: most values, checked in one pass.
    static func isPlainASCII(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8(isPlainASCII)
    }

    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
        var previous: UInt8 = 0
        for byte in bytes {
            guard byte >= 0x20 && byte < 0x7F, !(byte == 0x20 && previous == 0x20) else { return false }
            previous = byte
        }
        return true
    }

    /// True when the bytes certainly need no change: printable ASCII and certainly-NFC letters
    /// (Latin-1 to Latin Extended-B without U+0080–U+00BF, the precomposed Vietnamese block), with
    /// single inner spaces and none at either end. One pass, for every value of every row; false
    /// means "perhaps": `normalize` decides.
    public static func isCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first == 0x20 || last == 0x20 { return false }
        let count = bytes.count
        var previous: UInt8 = 0
        var index = 0
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x20:
                if previous == 0x20 { return false }
                index += 1
            case 0x21...0x7E:
                index += 1
            case 0xC3...0xCB:
                index += 2
            case 0xE1:
                guard index + 1 < count, (0xB8...0xBB).contains(bytes[index + 1]) else { return false }
                index += 3
            default:
                // Control characters and other white space, U+0080–U+00BF (NEL, no-break space),
                // punctuation and anything that may combine.
                return false
            }
            previous = byte
        }
        return true
    }

    static func isQuickNFC<Bytes: Sequence>(_ utf8: Bytes) -> Bool where Bytes.Element == UInt8 { UnicodeNFC.isQuick(utf8) }

    /// Leading or trailing white space, a doubled space, or any white space other than a plain
    /// space (`whiteSpaceWidth` says which bytes are white space).
    static func hasSpaceToFix(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousWasSpace = true   // a leading space counts as doubled
        var index = 0
        while index < bytes.count {
            switch whiteSpaceWidth(bytes, at: index) {
            case 0:
                previousWasSpace = false
            case 1 where bytes[index] == 0x20 && !previousWasSpace:
                previousWasSpace = true
            default:
                return true
            }
            index += 1
        }
        return previousWasSpace && !bytes.isEmpty
    }

    /// Trimmed, with each run of white space (Unicode's White_Space, which includes the no-break
    /// space) made one plain space. Byte by byte: asking each scalar's Unicode properties cost a
    /// third of a night whose names all ended in a space.
    static func collapseSpaces(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let width = whiteSpaceWidth(bytes, at: index)
                if width > 0 {
                    pendingSpace = true
                    index += width
                    continue
                }
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                // Continuation bytes (0x80–0xBF) never start white space, so a byte at a time is safe.
                out.append(bytes[index])
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The length of the White_Space character starting at `index`, or 0: U+0009–U+000D, U+0020,
    /// U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
    static func whiteSpaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        func next(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] : 0 }
        switch byte {
        case 0x09...0x0D, 0x20:
            return 1
        case 0xC2:
            return next(1) == 0x85 || next(1) == 0xA0 ? 2 : 0
        case 0xE1:
            return next(1) == 0x9A && next(2) == 0x80 ? 3 : 0
        case 0xE2:
            switch (next(1), next(2)) {
            case (0x80, 0x80...0x8A), (0x80, 0xA8), (0x80, 0xA9), (0x80, 0xAF), (0x81, 0x9F): return 3
            default: return 0
            }
        case 0xE3:
            return next(1) == 0x80 && next(2) == 0x80 ? 3 : 0
        default:
            return 0
        }
    }
}
