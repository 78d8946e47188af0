/// Whether a word reads as one Vietnamese syllable: an initial consonant, a vowel cluster, a final
/// consonant and at most one tone. The encoding detector counts such words to tell the legacy code
/// pages apart, since the wrong code page turns letters into symbols or into impossible syllables.
///
/// Lenient where the province's names are: consonant clusters ending in l or r ("Plông", "Brâu")
/// and a final k ("Đắk") pass.
enum VietnameseSyllable {
    static func isSyllable(_ word: String) -> Bool {
        var tones = 0
        var bare = String.UnicodeScalarView()
        for scalar in word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300, 0x0301, 0x0303, 0x0309, 0x0323: tones += 1
            default: bare.append(scalar)
            }
        }
        guard tones <= 1 else { return false }
        let letters = Array(String(bare).precomposedStringWithCanonicalMapping)
        guard !letters.isEmpty, letters.allSatisfy(alphabet.contains) else { return false }
        return onsets(of: letters).contains { isRime(letters[$0...]) }
    }

    private static let alphabet = Set("abcdefghijklmnopqrstuvwxyzđăâêôơư")
    private static let consonants = Set("bcdđghklmnprstvxfjwz")
    private static let digraphs: [[Character]] = ["ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu"].map(Array.init)

    /// Where the rime may start: after no onset, a digraph, or a consonant with an optional l or r.
    private static func onsets(of letters: [Character]) -> [Int] {
        var starts = [0]
        for digraph in digraphs where letters.starts(with: digraph) { starts.append(digraph.count) }
        if let first = letters.first, consonants.contains(first) {
            starts.append(1)
            if letters.count > 1, letters[1] == "l" || letters[1] == "r", first != "l" && first != "r" { starts.append(2) }
        }
        return starts
    }

    private static func isRime(_ rime: ArraySlice<Character>) -> Bool {
        guard !rime.isEmpty else { return false }
        for length in (1...min(3, rime.count)).reversed() {
            let vowels = String(rime.prefix(length))
            let coda = String(rime.dropFirst(length))
            if coda.isEmpty {
                if openRimes.contains(vowels) || eitherRimes.contains(vowels) { return true }
            } else if codas.contains(coda) && (closedRimes.contains(vowels) || eitherRimes.contains(vowels)) {
                return true
            }
        }
        return false
    }

    private static let codas: Set<String> = ["c", "ch", "m", "n", "ng", "nh", "p", "t", "k"]
    /// Vowel clusters that end a syllable (they end in a glide, or are "ia", "ua", "ưa").
    private static let openRimes: Set<String> = [
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa", "ưi",
        "ưu", "uơ", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uyu", "uya",
    ]
    /// Vowel clusters that need a final consonant.
    private static let closedRimes: Set<String> = ["ă", "â", "iê", "yê", "uô", "ươ", "oă", "uâ", "uyê", "oo"]
    private static let eitherRimes: Set<String> = ["a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy"]
}
