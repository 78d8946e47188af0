/// Personal IDs and tax codes to their canonical digits.
public enum IdentifierNormalizer {
    public static let id = "identifier"

    /// Digits only. An 11-digit value is a 12-digit ID whose leading zero a spreadsheet dropped
    /// (every province prefix starts with 0), so the zero is restored. Nil if anything but digits,
    /// spaces, dots or dashes is present.
    public static func personalID(_ text: String) -> String? {
        if text.utf8.count == 12 && text.utf8.allSatisfy(DateNormalizer.isDigit) { return text }   // the usual case, no copy
        guard var digits = digitsOnly(text) else { return nil }
        if digits.count == 11 { digits.insert(0x30, at: 0) }
        return String(decoding: digits, as: UTF8.self)
    }

    /// `0123456789` or `0123456789-001` (a branch); 13 bare digits get the dash; with
    /// `personalIDForm`, twelve digits are a personal ID used as tax code. Nil for any other number
    /// of digits.
    public static func taxCode(_ text: String, personalIDForm: Bool = false) -> String? {
        guard let digits = digitsOnly(text) else { return nil }
        switch digits.count {
        case 10: return String(decoding: digits, as: UTF8.self)
        case 12 where personalIDForm: return String(decoding: digits, as: UTF8.self)
        case 13: return String(decoding: digits[0..<10], as: UTF8.self) + "-" + String(decoding: digits[10...], as: UTF8.self)
        default: return nil
        }
    }

    /// The tax code's check digit (10th) by the commonly used weights; nil when the rule yields 10,
    /// which no issued code has.
    public static func taxCheckDigit(_ firstNine: some Collection<UInt8>) -> UInt8? {
        let weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]
        var sum = 0
        for (digit, weight) in zip(firstNine, weights) { sum += Int(digit - 0x30) * weight }
        let check = 10 - sum % 11
        return check == 10 ? nil : UInt8(check) + 0x30
    }

    private static func digitsOnly(_ text: String) -> [UInt8]? {
        var digits: [UInt8] = []
        for byte in text.utf8 {
            if DateNormalizer.isDigit(byte) { digits.append(byte) }
            else if byte != 0x20 && byte != UInt8(ascii: ".") && byte != UInt8(ascii: "-") { return nil }
        }
        return digits.isEmpty ? nil : digits
    }
}
