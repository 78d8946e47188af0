import Foundation
import Synchronization

/// Comparison keys for names written many ways: "Họ và tên", "HO_TEN", "Ho  ten", "hoà"/"hòa".
///
/// Folding drops case, diacritics and punctuation (đ becomes d), so both tone-placement styles,
/// NFD and NFC text, and ASCII spellings all meet on one key.
public enum TextKey {
    public static func fold(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        for scalar in folded.unicodeScalars {
            var character = scalar
            switch scalar.value {
            case 0x0111, 0x0110: character = "d"
            case 0x0300...0x036F: continue   // a combining mark folding left behind
            default: break
            }
            let isWordCharacter = character.properties.isAlphabetic || ("0"..."9").contains(character)
            if isWordCharacter {
                if pendingSpace && !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(contentsOf: character.properties.lowercaseMapping.unicodeScalars)
            } else {
                pendingSpace = true
            }
        }
        return result
    }

    /// Like `fold`, without the spaces: "Ho ten", "HoTen" and "HO_TEN" are one header.
    public static func compact(_ text: String) -> String {
        latinCompact(text) ?? String(String.UnicodeScalarView(fold(text).unicodeScalars.filter { $0 != " " }))
    }

    /// Each character's part of a compact key, folded once: finding a header scores every cell of
    /// the first 30 rows, and Foundation's folding costs microseconds a call (3 ms of every file).
    private static let compactPieces = Mutex<[UInt32: [UInt8]]>([:])

    /// `compact` for text of ASCII and precomposed Latin letters (below U+0300, and the Latin
    /// Extended Additional block with the Vietnamese letters), one character at a time; nil for any
    /// other text. The same as folding the whole text: these characters fold alone, none combines
    /// with its neighbours, and the spaces folding puts between words are what `compact` drops.
    static func latinCompact(_ text: String) -> String? {
        var key: [UInt8] = []
        key.reserveCapacity(text.utf8.count)
        let complete = compactPieces.withLock { known -> Bool in
            for scalar in text.unicodeScalars {
                let value = scalar.value
                switch value {
                case 0x41...0x5A: key.append(UInt8(value + 0x20))
                case 0x61...0x7A, 0x30...0x39: key.append(UInt8(value))
                case 0..<0x80: continue
                case 0x80..<0x300, 0x1E00...0x1EFF:
                    if let piece = known[value] {
                        key += piece
                    } else {
                        let piece = Array(fold(String(scalar)).utf8.filter { $0 != 0x20 })
                        known[value] = piece
                        key += piece
                    }
                default: return false
                }
            }
            return true
        }
        return complete ? String(decoding: key, as: UTF8.self) : nil
    }

    /// An ASCII snake_case name for a header, for a new field: "Số thẻ BHYT" → "so_the_bhyt",
    /// "NgàySinh" → "ngay_sinh", "../@MaTram" → "ma_tram". Empty when no letter or digit is left.
    public static func snakeCase(_ text: String) -> String {
        let characters = Array(text)
        var spaced = ""
        for (index, character) in characters.enumerated() {
            if index > 0 && character.isUppercase {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                // A word starts at a capital after a small letter ("NgaySinh", "SoCCCD"), or at the
                // last capital of a run that a small letter follows ("CCCDSo"); "pH" stays one word.
                if (previous.isLowercase && next != nil) || (previous.isUppercase && next?.isLowercase == true) {
                    spaced.append(" ")
                }
            }
            spaced.append(character)
        }
        return fold(spaced).split(separator: " ").map { $0.filter(\.isASCII) }.filter { !$0.isEmpty }.joined(separator: "_")
    }
}
