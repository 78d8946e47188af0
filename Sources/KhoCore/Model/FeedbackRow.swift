import Foundation

/// What a problem report's `row` names: a line of a published file (`data/ho-ngheo.csv:12`, or the
/// form the "Report a problem" link fills in, `data/ho-ngheo.csv, dòng / line 12`), or the record's
/// primary key, its parts in key order separated by `|`. A reference holds no value and may be
/// shown; a key may be personal (a CCCD) and never is.
public enum FeedbackRow: Sendable, Equatable {
    /// The file and the 1-based line, in the short form.
    case reference(file: String, line: Int)
    /// The key's parts, trimmed and in NFC as the normalized rows are.
    case key([String])

    public static let keySeparator: Character = "|"

    /// A reference when the text is exactly one of the two reference forms, else a key.
    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let reference = FeedbackRow.reference(trimmed) {
            self = reference
        } else {
            self = .key(trimmed.split(separator: FeedbackRow.keySeparator, omittingEmptySubsequences: false)
                .map { UnicodeNFC.normalized($0.trimmingCharacters(in: .whitespaces)) })
        }
    }

    /// `file.csv:12` for a reference; nil for a key.
    public var shown: String? {
        guard case .reference(let file, let line) = self else { return nil }
        return "\(file):\(line)"
    }

    /// The key's parts joined as the watch compares them; nil for a reference.
    public var keyText: String? {
        guard case .key(let parts) = self else { return nil }
        return parts.joined(separator: String(FeedbackRow.keySeparator))
    }

    private static func reference(_ text: String) -> FeedbackRow? {
        guard let range = text.range(of: ".csv", options: [.caseInsensitive, .backwards]) else { return nil }
        let file = String(text[..<range.upperBound])
        var rest = Substring(text[range.upperBound...])
        // Only plain path characters: a name with spaces or commas could be carrying a value.
        guard file.count > 4, file.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || "0123456789-_./".unicodeScalars.contains($0)) }) else {
            return nil
        }
        if rest.hasPrefix(":") {
            rest = rest.dropFirst()
        } else {
            var found = false
            for separator in [", dòng / line ", ", dòng ", ", line "] where rest.hasPrefix(separator) {
                rest = rest.dropFirst(separator.count)
                found = true
                break
            }
            guard found else { return nil }
        }
        guard !rest.isEmpty, rest.allSatisfy(\.isASCIIDigit), rest.count <= 9, let line = Int(rest), line >= 1 else { return nil }
        return .reference(file: file, line: line)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
