/// The encoding an XML declaration names, and how libxml2 must be told it.
///
/// libxml2 decodes UTF-8, UTF-16 and Latin-1 itself and hands every other name to iconv. iconv
/// accepts loose spellings (`UTF8-`, `utf_8`), and libxml2 then fails on a multi-byte character
/// split between two reads — so the same file would read or fail depending on how it arrives.
/// Spellings of the encodings libxml2 knows are therefore passed under their proper names,
/// single-byte code pages go to iconv as declared (a byte never splits), and any other encoding
/// is refused with its name rather than decoded by chance.
enum XMLDeclaredEncoding {
    enum Decision: Equatable {
        /// No declaration, or one libxml2 reads as written.
        case asDeclared
        /// The canonical name to override the declaration with.
        case override(String)
        /// An encoding the project does not read, as the document spells it.
        case unsupported(String)
    }

    /// Bytes enough for any XML declaration the project reads.
    static let prologLimit = 512

    /// The decision for a document's first bytes. libxml2's own spellings are left alone: an
    /// override next to a byte-order mark costs libxml2 2.9 a byte.
    static func decide(prolog: [UInt8]) -> Decision {
        guard let name = declaredName(prolog) else { return .asDeclared }
        let upper = name.uppercased()
        let key = String(upper.filter { $0.isLetter || $0.isNumber })
        let canonical: [String: String] = ["UTF8": "UTF-8", "UTF16": "UTF-16", "UTF16LE": "UTF-16LE", "UTF16BE": "UTF-16BE"]
        if let proper = canonical[key] {
            let native = [proper, proper.replacingOccurrences(of: "-", with: "")]
            return native.contains(upper) ? .asDeclared : .override(proper)
        }
        return isSingleByte(key) ? .asDeclared : .unsupported(name)
    }

    /// Code pages of one byte per character: ISO 8859 parts, Windows 125x, VISCII.
    private static func isSingleByte(_ key: String) -> Bool {
        let parts: [(prefix: String, numbers: ClosedRange<Int>)] = [("ISO8859", 1...16), ("WINDOWS", 1250...1258), ("CP", 1250...1258), ("LATIN", 1...10)]
        for part in parts where key.hasPrefix(part.prefix) {
            if let number = Int(key.dropFirst(part.prefix.count)), part.numbers.contains(number) { return true }
        }
        return ["VISCII", "ASCII", "USASCII"].contains(key)
    }

    /// The `encoding` pseudo-attribute of an ASCII-compatible XML declaration, if there is one.
    static func declaredName(_ prolog: [UInt8]) -> String? {
        var bytes = prolog[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard bytes.starts(with: Array("<?xml".utf8)), let end = find(Array("?>".utf8), in: bytes) else { return nil }
        let declaration = bytes[bytes.startIndex..<end]
        guard let key = find(Array("encoding".utf8), in: declaration) else { return nil }
        var rest = declaration[(key + 8)...].drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard rest.first == UInt8(ascii: "=") else { return nil }
        rest = rest.dropFirst().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        guard value.count < rest.count - 1, !value.isEmpty, value.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return String(decoding: value, as: UTF8.self)
    }

    private static func find(_ pattern: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for start in bytes.startIndex...(bytes.endIndex - pattern.count) where bytes[start..<(start + pattern.count)].elementsEqual(pattern) {
            return start
        }
        return nil
    }
}
