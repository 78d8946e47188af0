/// The text encodings unit exports come in. Output is always UTF-8.
public enum TextEncoding: String, Sendable, CaseIterable, Codable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1258 = "windows-1258"
    case windows1252 = "windows-1252"
    /// TCVN 5712:1993 ("ABC", the .VnTime fonts).
    case tcvn3 = "tcvn3"
    /// VNI-Windows (the VNI-Times fonts): letters followed by mark bytes.
    case vni = "vni"

    /// Accepts the usual spellings: `UTF8`, `cp1258`, `utf-16` (little-endian, as Excel writes it),
    /// `ABC` or `TCVN5712` for TCVN3, `VNI-Windows` for VNI.
    public init?(name: String) {
        let key = name.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "utf8", "utf8sig": self = .utf8
        case "utf16", "utf16le", "ucs2", "unicode": self = .utf16LE
        case "utf16be": self = .utf16BE
        case "windows1258", "cp1258", "win1258": self = .windows1258
        case "windows1252", "cp1252", "latin1", "iso88591": self = .windows1252
        case "tcvn3", "abc", "tcvn5712": self = .tcvn3
        case "vni", "vniwindows", "vniwin": self = .vni
        default: return nil
        }
    }

    /// The byte-order mark that may start a file in this encoding.
    var byteOrderMark: [UInt8] {
        switch self {
        case .utf8: [0xEF, 0xBB, 0xBF]
        case .utf16LE: [0xFF, 0xFE]
        case .utf16BE: [0xFE, 0xFF]
        default: []
        }
    }

    /// The byte table of a legacy 8-bit encoding; nil for the Unicode ones.
    var codePage: CodePage? {
        switch self {
        case .windows1258: CodePage.windows1258
        case .windows1252: CodePage.windows1252
        case .tcvn3: CodePage.tcvn3
        case .vni: CodePage.vni
        case .utf8, .utf16LE, .utf16BE: nil
        }
    }
}
