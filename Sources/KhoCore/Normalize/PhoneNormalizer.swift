/// Vietnamese phone numbers to ten or eleven digits starting with 0.
///
/// Separators go; `+84`, `84` and `0084` become `0`; a leading zero Excel dropped is restored;
/// an old 11-digit mobile number is rewritten with its 10-digit prefix (the prefix table is the
/// `dau-so-di-dong` catalog, not code). Valid: mobiles 0[35789] + 8 digits, landlines 02 + 9 digits.
public enum PhoneNormalizer {
    public static let id = "phone"
    /// The catalog whose `successor` column maps old mobile prefixes to new ones.
    public static let prefixCatalogID = "dau-so-di-dong"

    /// Ten digits, `0` then a mobile network digit: already canonical.
    public static func isCanonicalMobile(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 10, bytes[0] == 0x30 else { return false }
        let network = bytes[1]
        guard network == 0x33 || network == 0x35 || network == 0x37 || network == 0x38 || network == 0x39 else { return false }
        for index in 2..<10 where !DateNormalizer.isDigit(bytes[index]) { return false }
        return true
    }

    public enum Outcome: Equatable, Sendable {
        case valid(String)
        case legacy(String)
        case invalid
    }

    public static func normalize(_ text: String, legacyPrefixes: [String: String]) -> Outcome {
        var copy = text
        if copy.withUTF8(isCanonicalMobile) { return .valid(text) }   // the usual case, no copy
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var utf8 = text.utf8.makeIterator()
        var first = true
        while let byte = utf8.next() {
            if DateNormalizer.isDigit(byte) {
                digits.append(byte)
            } else if byte == UInt8(ascii: "+") && first {
                // kept implicit: "+84" is handled below by the country-code rule
            } else if !(byte == 0x20 || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")) {
                return .invalid
            }
            first = false
        }
        if digits.starts(with: [0x30, 0x30, 0x38, 0x34]) { digits.removeFirst(3); digits[0] = 0x30 }        // 0084…
        else if digits.starts(with: [0x38, 0x34]) && digits.count >= 11 { digits.removeFirst(1); digits[0] = 0x30 }   // 84…
        if digits.starts(with: [0x30, 0x30]) { digits.removeFirst() }                                        // +84 0905…
        if digits.first != 0x30 && (digits.count == 9 || digits.count == 10) { digits.insert(0x30, at: 0) }    // Excel ate the 0
        switch digits.count {
        case 10 where [0x33, 0x35, 0x37, 0x38, 0x39].contains(digits[1]):
            return .valid(String(decoding: digits, as: UTF8.self))
        case 11 where digits[1] == 0x32:
            return .valid(String(decoding: digits, as: UTF8.self))
        case 11:
            let prefix = String(decoding: digits[0..<4], as: UTF8.self)
            guard let replacement = legacyPrefixes[prefix] else { return .invalid }
            return .legacy(replacement + String(decoding: digits[4...], as: UTF8.self))
        default:
            return .invalid
        }
    }
}
