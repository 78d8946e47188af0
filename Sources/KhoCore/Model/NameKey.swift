import Foundation
import Synchronization

/// Comparison keys for names in code lists: "Đắk Hà", "đắk  hà", NFD "Đắk Hà" and the old
/// tone placement "Đắk Hà" meet on one key, but "Ba" and "Bà" do not — a tone or a vowel mark
/// changes the name, so only the spellings a catalog lists as aliases (ASCII ones included) match.
///
/// Each word's tone mark is moved to the end of the word, which makes "hòa" and "hoà" equal.
public enum NameKey {
    /// The five Vietnamese tone marks as combining characters.
    static let toneMarks: Set<UInt32> = [0x0300, 0x0301, 0x0303, 0x0309, 0x0323]

    public static func key(_ text: String) -> String {
        latinKey(text) ?? decomposedKey(text)
    }

    /// The key by its definition: the whole text decomposed (NFD), split into words, each word
    /// composed again without its tone marks, lowercased, its tone marks after it.
    static func decomposedKey(_ text: String) -> String {
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
            } else if isWordPart(scalar) {
                word.append(scalar)
            } else {
                endWord()
            }
        }
        endWord()
        return String(result)
    }

    /// What one precomposed character adds to the key, from its decomposition, in UTF-8: to the
    /// word (its letters and other marks, composed and lowercased; its tone marks), or the end of a word.
    private enum Piece {
        case letter(rest: [UInt8], tones: [UInt8])
        case separator
        /// Both kinds, or a leading combining mark: only the definition can say.
        case mixed
    }

    /// Characters seen, each decomposed once (or once on each thread that meets it before it is
    /// kept): Foundation's normalization costs microseconds a call, and the code lists alone ask
    /// for some thousand keys at start-up.
    private static let pieces = Mutex<[UInt32: Piece]>([:])

    /// The key of a text of ASCII and precomposed Latin letters (the Latin-1, Latin Extended and
    /// Vietnamese blocks), one character at a time; nil for any other text. The same as the
    /// definition: no character of these blocks decomposes to a leading combining mark, so the
    /// decomposition of the text is its characters' decompositions in a row, and no two of its
    /// letters compose with each other, so each one's part of a word can be composed alone.
    static func latinKey(_ text: String) -> String? {
        var result: [UInt8] = [], word: [UInt8] = [], tones: [UInt8] = []
        func endWord() {
            guard !word.isEmpty else { return }
            if !result.isEmpty { result.append(0x20) }
            result += word
            result += tones
            word.removeAll(keepingCapacity: true)
            tones.removeAll(keepingCapacity: true)
        }
        // The lock is held for a copy of the table, not for the text: the code lists are loaded
        // on every core at start-up, and each waited for the others' names.
        let known = pieces.withLock { $0 }
        var learned: [(UInt32, Piece)] = []
        defer { if !learned.isEmpty { pieces.withLock { table in for (value, piece) in learned { table[value] = piece } } } }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x41...0x5A: word.append(UInt8(value + 0x20))
                case 0x61...0x7A, 0x30...0x39: word.append(UInt8(value))
                default: endWord()
                }
                continue
            }
            guard value <= 0x024F || (0x1E00...0x1EFF).contains(value) else { return nil }
            let piece: Piece
            if let seen = known[value] {
                piece = seen
            } else if let seen = learned.first(where: { $0.0 == value }) {
                piece = seen.1
            } else {
                piece = decomposed(scalar)
                learned.append((value, piece))
            }
            switch piece {
            case .letter(let rest, let marks):
                word += rest
                tones += marks
            case .separator: endWord()
            case .mixed: return nil
            }
        }
        endWord()
        return String(decoding: result, as: UTF8.self)
    }

    private static func decomposed(_ scalar: Unicode.Scalar) -> Piece {
        let parts = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
        guard let first = parts.first, first.properties.canonicalCombiningClass == .notReordered else { return .mixed }
        let inWord = parts.map(isWordPart)
        if !inWord.contains(true) { return .separator }
        guard !inWord.contains(false) else { return .mixed }
        var rest = String.UnicodeScalarView(), tones = String.UnicodeScalarView()
        for part in parts {
            if toneMarks.contains(part.value) { tones.append(part) } else { rest.append(part) }
        }
        return .letter(rest: Array(String(rest).precomposedStringWithCanonicalMapping.lowercased().utf8), tones: Array(String(tones).utf8))
    }

    /// Letters, combining marks (the tone marks among them) and ASCII digits make words; anything else ends one.
    private static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark || ("0"..."9").contains(scalar)
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
