/// What normalization changed in a value, counted per rule in `normalize.json`.
public enum NormalizationRule: String, CaseIterable, Sendable {
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

    /// Position in `allCases`, for counting in an array.
    var ordinal: Int { NormalizationRule.ordinals[self] ?? 0 }

    private static let ordinals: [NormalizationRule: Int] = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}
