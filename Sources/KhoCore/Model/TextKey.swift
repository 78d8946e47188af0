import Foundation

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
        fold(text).replacingOccurrences(of: " ", with: "")
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
