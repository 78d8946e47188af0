import Foundation

/// What an export's file name says about next month's export: the parts that change with the date
/// or the sequence become `*`, the rest stays as written, so the pattern still names the export
/// (`ho-ngheo-2024-11.csv` → `ho-ngheo-*.csv`, `b_cp1258_semicolon_crlf.csv` unchanged).
///
/// A part that changes is a separate token (between `-`, `_`, `.` or a space) of digits only — a
/// year, a date such as `20241130`, a sequence number such as `01` — or a quarter (`q4`, `quy4`).
/// Digits inside a word (`cp1258`, `utf8`, `h33`, `v2`) are part of its name and stay.
enum FileNamePattern {
    /// The glob for a file name (a path's directories are ignored).
    static func glob(for file: String) -> String {
        let (stem, suffix) = split((file as NSString).lastPathComponent)
        var result = ""
        var pendingSeparators = ""
        var lastWasNumber = false
        for token in tokens(stem) {
            if token.isSeparator {
                pendingSeparators += token.text
                continue
            }
            if token.isNumber {
                // One `*` covers a run of numbers and the separators between them (`2024-11`).
                if !lastWasNumber { result += escaped(pendingSeparators) + "*" }
                lastWasNumber = true
            } else {
                let word = isQuarter(token.text) ? escaped(String(token.text.dropLast())) + "*" : escaped(token.text)
                result += escaped(pendingSeparators) + word
                lastWasNumber = false
            }
            pendingSeparators = ""
        }
        result += escaped(pendingSeparators)
        // A name made only of numbers would become `*`, matching every export in the folder: keep
        // that it starts with a digit.
        if !result.isEmpty && !result.contains(where: { $0.isLetter }) && result.hasPrefix("*") {
            result = "[0-9]" + result
        }
        return result + escaped(suffix)
    }

    /// A dataset id from the file name: its words without the varying parts, folded to ASCII and
    /// joined with `-` (`Danh sách hộ nghèo 2024.csv` → `danh-sach-ho-ngheo`); nil when no word is left.
    static func datasetID(for file: String) -> String? {
        let (stem, _) = split((file as NSString).lastPathComponent)
        let words = tokens(stem).filter { !$0.isSeparator && !$0.isNumber && !isQuarter($0.text) }.map(\.text).joined(separator: " ")
        let folded = TextKey.fold(words).split(separator: " ").map { $0.filter { $0.isASCII } }.filter { !$0.isEmpty }
        return folded.isEmpty ? nil : folded.joined(separator: "-")
    }

    // MARK: - Tokens

    private struct Token {
        var text: String
        var isSeparator: Bool
        var isNumber: Bool { !isSeparator && text.allSatisfy(\.isASCIIDigit) }
    }

    private static let separators: Set<Character> = ["-", "_", ".", " "]

    private static func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        for character in text {
            let isSeparator = separators.contains(character)
            if let last = result.last, last.isSeparator == isSeparator {
                result[result.count - 1].text.append(character)
            } else {
                result.append(Token(text: String(character), isSeparator: isSeparator))
            }
        }
        return result
    }

    /// `q1`…`q4` or `quy1`…`quy4` (quý, the quarter), in any case.
    private static func isQuarter(_ word: String) -> Bool {
        let folded = TextKey.fold(word)
        for prefix in ["q", "quy"] where folded.hasPrefix(prefix) {
            let number = folded.dropFirst(prefix.count)
            if number.count == 1, let digit = number.first, ("1"..."4").contains(digit) { return true }
        }
        return false
    }

    /// The name without its extension, and the extension with its dot (`.csv`, `.csv.gz`). A
    /// compression suffix takes the extension before it along.
    private static func split(_ name: String) -> (stem: String, suffix: String) {
        var stem = name
        var suffix = ""
        for _ in 0..<2 {
            guard let dot = stem.lastIndex(of: "."), dot != stem.startIndex else { break }
            let extensionText = stem[stem.index(after: dot)...]
            guard !extensionText.isEmpty, extensionText.count <= 4,
                  extensionText.allSatisfy({ $0.isASCII && $0.isLetter || $0.isASCIIDigit }),
                  extensionText.contains(where: \.isLetter) else { break }
            suffix = String(stem[dot...]) + suffix
            stem = String(stem[..<dot])
            guard ["gz", "zip"].contains(extensionText.lowercased()) else { break }
        }
        return (stem, suffix)
    }

    /// Characters `fnmatch` would read as a pattern, made literal.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "*?[]\\".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
