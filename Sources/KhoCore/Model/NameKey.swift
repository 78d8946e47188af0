import Foundation

/// Comparison keys for names in code lists: "Đắk Hà", "đắk  hà", NFD "Đắk Hà" and the old
/// tone placement "Đắk Hà" meet on one key, but "Ba" and "Bà" do not — a tone or a vowel mark
/// changes the name, so only the spellings a catalog lists as aliases (ASCII ones included) match.
///
/// Each word's tone mark is moved to the end of the word, which makes "hòa" and "hoà" equal.
public enum NameKey {
    /// The five Vietnamese tone marks as combining characters.
    static let toneMarks: Set<UInt32> = [0x0300, 0x0301, 0x0303, 0x0309, 0x0323]

    public static func key(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var word = String.UnicodeScalarView()
        var tones = String.UnicodeScalarView()
        func endWord() {
            guard !word.isEmpty else { return }
            if !result.isEmpty { result.append(" ") }
            let composed = String(word).precomposedStringWithCanonicalMapping.lowercased()
            result.append(contentsOf: composed.unicodeScalars)
            result.append(contentsOf: tones)
            word.removeAll()
            tones.removeAll()
        }
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if toneMarks.contains(scalar.value) {
                tones.append(scalar)
            } else if scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
                        || ("0"..."9").contains(scalar) {
                word.append(scalar)
            } else {
                endWord()
            }
        }
        endWord()
        return String(result)
    }
}

/// Type prefixes ("Thị trấn", "TT.", "PTDTBT") that exports put before names and code lists
/// leave out of their aliases. Configured in `dictionary.json` (`namePrefixes`).
public struct NamePrefixes: Sendable {
    private let prefixes: [String]

    public init(_ prefixes: [String]) {
        // Longest first, so "Thị trấn" is tried before "Thị".
        self.prefixes = Array(Set(prefixes.map(NameKey.key).filter { !$0.isEmpty })).sorted { ($0.count, $0) > ($1.count, $1) }
    }

    /// The key without one leading prefix word group, if it starts with one.
    public func stripped(_ key: String) -> String? {
        for prefix in prefixes where key.hasPrefix(prefix + " ") {
            return String(key.dropFirst(prefix.count + 1))
        }
        return nil
    }
}
