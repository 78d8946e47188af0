import Foundation

/// The open bundle's last line of defence. Free-text fields are scanned for what looks like
/// personal data — a 12- or 9-digit ID number, a phone number, an e-mail address — and each
/// match is masked; a text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
/// TAB, CR first) is neutralized with a leading apostrophe.
public enum PrivacyCheck {
    public static let id = "privacy"
    public static let codes = ["personal-data-in-open-text", "formula-neutralized"]
    /// What replaces a masked match.
    public static let mask = "[đã ẩn]"

    private static let patterns: [NSRegularExpression] = [
        // e-mail
        try! NSRegularExpression(pattern: #"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#),
        // phone: +84 or 0, then 9-10 digits, separators allowed
        try! NSRegularExpression(pattern: #"(?<![0-9])(?:\+84|0084|0)(?:[ .-]?[0-9]){9,10}(?![0-9])"#),
        // personal ID: 12 or 9 digits standing alone
        try! NSRegularExpression(pattern: #"(?<![0-9])(?:[0-9]{12}|[0-9]{9})(?![0-9])"#),
    ]

    /// The value with personal-looking data masked, and whether anything was.
    public static func maskPersonalData(_ value: String) -> (value: String, masked: Bool) {
        var digits = 0
        var hasAt = false
        for byte in value.utf8 {
            if DateNormalizer.isDigit(byte) { digits += 1 } else if byte == UInt8(ascii: "@") { hasAt = true }
        }
        guard digits >= 9 || hasAt else { return (value, false) }
        var text = value
        var masked = false
        for pattern in patterns {
            let range = NSRange(text.startIndex..<text.endIndex, in: text)
            if pattern.firstMatch(in: text, range: range) != nil {
                text = pattern.stringByReplacingMatches(in: text, range: range, withTemplate: mask)
                masked = true
            }
        }
        return (text, masked)
    }

    /// The value made inert for spreadsheets, and whether it had to be.
    public static func neutralizeFormula(_ value: String) -> (value: String, changed: Bool) {
        guard let first = value.utf8.first,
              first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D else { return (value, false) }
        return ("'" + value, true)
    }
}
