/// What a normalization rule changed in a value: counted per kind in `normalize.json` and listed
/// per row in the `_flags` of `normalized.csv` (`ngay_sinh:date`).
public enum NormalizationChange: String, CaseIterable, Sendable {
    case textSpace = "text-space"
    case textNFC = "text-nfc"
    case date
    case number
    case codePadded = "code-padded"
    case codeCrosswalk = "code-crosswalk"
    case codeFromName = "code-from-name"
    case codeSuccessor = "code-successor"
    case nameFromCode = "name-from-code"
    case identifier
    case personalIDLeadingZero = "personal-id-leading-zero"
    case phone
    case phoneLegacyPrefix = "phone-legacy-prefix"
    case email
    case boolean

    /// Position in `allCases`, for counting in an array. A switch, because this is counted for
    /// millions of values and a dictionary lookup showed in profiles.
    var ordinal: Int {
        switch self {
        case .textSpace: 0
        case .textNFC: 1
        case .date: 2
        case .number: 3
        case .codePadded: 4
        case .codeCrosswalk: 5
        case .codeFromName: 6
        case .codeSuccessor: 7
        case .nameFromCode: 8
        case .identifier: 9
        case .personalIDLeadingZero: 10
        case .phone: 11
        case .phoneLegacyPrefix: 12
        case .email: 13
        case .boolean: 14
        }
    }
}
