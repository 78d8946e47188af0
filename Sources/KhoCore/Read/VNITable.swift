/// VNI-Windows (the VNI-Times fonts): a vowel is its ASCII letter followed by one byte for all its
/// diacritics ("ấ" is "a" 0xE1: circumflex and acute); đ ơ ư, the toned i and ỵ are single bytes.
/// Each mark byte has an uppercase twin 0x20 below it, and a mark byte decodes to its combining marks
/// whatever the case of the letter before it, which the decoder then composes.
///
/// Sources, cross-checked (they agree on all 134 letters): Unikey's `vnconv` VNI-WIN table
/// (fcitx5-unikey `unikey/data.cpp`) and duydev/vietnamese-conversion `src/charsets.ts`.
/// VNI fonts are Windows fonts: 0x80–0xBF are Windows-1252 (Unikey keeps its symbols in 0x80–0x9F);
/// the bytes of 0xC0–0xFF that VNI does not use are undefined, so Western text read as VNI is reported.
enum VNITable {
    private static let undefined = CodePage.undefined
    private static let grave: UInt32 = 0x0300, acute: UInt32 = 0x0301, tilde: UInt32 = 0x0303
    private static let hook: UInt32 = 0x0309, dot: UInt32 = 0x0323
    private static let circumflex: UInt32 = 0x0302, breve: UInt32 = 0x0306

    private static func marks(_ first: UInt32, _ second: UInt32) -> UInt32 { first | second << 16 }

    /// 0xC0–0xFF.
    static let letterRange: [UInt32] = [
        // 0xC0: circumflex with grave, acute, none, tilde, dot, hook; Ỉ
        marks(circumflex, grave), marks(circumflex, acute), circumflex, marks(circumflex, tilde),
        marks(circumflex, dot), marks(circumflex, hook), 0x1EC8, undefined,
        // 0xC8: breve with grave, acute, none, dot; Ì Í Ỵ; dot
        marks(breve, grave), marks(breve, acute), breve, marks(breve, dot),
        0x00CC, 0x00CD, 0x1EF4, dot,
        // 0xD0: Đ Ị Ĩ Ơ; tilde; Ư
        undefined, 0x0110, 0x1ECA, 0x0128, 0x01A0, tilde, 0x01AF, undefined,
        // 0xD8: grave, acute, breve with hook, hook, breve with tilde
        grave, acute, marks(breve, hook), hook, marks(breve, tilde), undefined, undefined, undefined,
        // 0xE0: as 0xC0, lowercase ỉ
        marks(circumflex, grave), marks(circumflex, acute), circumflex, marks(circumflex, tilde),
        marks(circumflex, dot), marks(circumflex, hook), 0x1EC9, undefined,
        // 0xE8: ì í ỵ
        marks(breve, grave), marks(breve, acute), breve, marks(breve, dot),
        0x00EC, 0x00ED, 0x1EF5, dot,
        // 0xF0: đ ị ĩ ơ ư
        undefined, 0x0111, 0x1ECB, 0x0129, 0x01A1, tilde, 0x01B0, undefined,
        grave, acute, marks(breve, hook), hook, marks(breve, tilde), undefined, undefined, undefined,
    ]

    /// 0x80–0xFF.
    static let high: [UInt32] = SingleByteTables.windows1252.prefix(0x40).map(UInt32.init) + letterRange
}
