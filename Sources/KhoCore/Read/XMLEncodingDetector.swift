/// The encoding of an XML document from its first bytes, as XML 1.0 (appendix F) and libxml2 find
/// it before any declaration can be read: a byte-order mark, or the document's first `<` written in
/// UTF-16. Anything else is ASCII-compatible and its declaration (or UTF-8 by default) decides,
/// which a byte scan for tags needs no help with.
enum XMLEncodingDetector {
    struct Detection: Sendable, Equatable {
        let encoding: TextEncoding
        /// Why, in a few words, for the suggestion.
        let evidence: String
        /// libxml2 finds it by itself (a mark, or `<?xml` in UTF-16); otherwise the source must name it.
        let parserDetects: Bool
    }

    static func detect(_ prefix: [UInt8]) -> Detection? {
        for encoding in [TextEncoding.utf8, .utf16LE, .utf16BE] where prefix.starts(with: encoding.byteOrderMark) {
            return Detection(encoding: encoding, evidence: "\(encoding.rawValue), by its byte-order mark", parserDetects: true)
        }
        for encoding in [TextEncoding.utf16LE, .utf16BE] {
            let units = codeUnits(prefix, encoding, count: 64)
            // White space may come before the root element, not before a declaration.
            guard let start = units.firstIndex(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
                  units[start] == 0x3C, start + 1 < units.count, units[start + 1] != 0, units[start + 1] < 0x80 else { continue }
            if start == 0 && units[1] == UInt16(UInt8(ascii: "?")) {
                return Detection(encoding: encoding, evidence: "\(encoding.rawValue), by \"<?xml\" in its byte pattern (no byte-order mark)",
                                 parserDetects: true)
            }
            return Detection(encoding: encoding,
                             evidence: "\(encoding.rawValue), by \"<\" in its byte pattern (no byte-order mark, no declaration: the source must name it)",
                             parserDetects: false)
        }
        return nil
    }

    /// The first `count` UTF-16 code units of the bytes in the given byte order.
    private static func codeUnits(_ bytes: [UInt8], _ encoding: TextEncoding, count: Int) -> [UInt16] {
        let pairs = min(count, bytes.count / 2)
        return (0..<pairs).map { index in
            let first = UInt16(bytes[2 * index]), second = UInt16(bytes[2 * index + 1])
            return encoding == .utf16LE ? first | second << 8 : first << 8 | second
        }
    }
}
