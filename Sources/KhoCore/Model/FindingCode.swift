/// The stable id of everything a stage can notice about the data. A typed list, so that a code
/// that does not exist cannot be emitted: the compiler refuses it. The raw value is what reports
/// carry; each case has its wording and principle in `FindingCatalog`.
public enum FindingCode: String, Codable, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    case noInput = "no-input"
    case fileUnreadable = "file-unreadable"
    case fileStillArriving = "file-still-arriving"
    case fileChangedDuringRead = "file-changed-during-read"
    case encodingUndecodable = "encoding-undecodable"
    case encodingUncertain = "encoding-uncertain"
    case headerNotFound = "header-not-found"
    case requiredColumnMissing = "required-column-missing"
    case columnMissing = "column-missing"
    case columnUnmapped = "column-unmapped"
    case columnDuplicate = "column-duplicate"
    case rowRagged = "row-ragged"
    case rowNulByte = "row-nul-byte"
    case quoteUnterminated = "quote-unterminated"
    case rowAfterUnterminatedQuote = "row-after-unterminated-quote"
    case lineTooLong = "line-too-long"
    case totalsRowSkipped = "totals-row-skipped"
    case xmlMalformed = "xml-malformed"
    case xmlDtdRefused = "xml-dtd-refused"
    case xmlTooDeep = "xml-too-deep"
    case archiveEntryUnsafe = "archive-entry-unsafe"
    case archiveTooLarge = "archive-too-large"
    case required
    case typeInvalid = "type-invalid"
    case dateLayoutUnexpected = "date-layout-unexpected"
    case patternMismatch = "pattern-mismatch"
    case constraintViolated = "constraint-violated"
    case codeUnknown = "code-unknown"
    case codeRetired = "code-retired"
    case codeNotYetValid = "code-not-yet-valid"
    case codeFromName = "code-from-name"
    case codeAmbiguous = "code-ambiguous"
    case codeSupersededUnmapped = "code-superseded-unmapped"
    case nameCodeMismatch = "name-code-mismatch"
    case personalIdInvalid = "personal-id-invalid"
    case personalIdLegacy = "personal-id-legacy"
    case personalIdProvince = "personal-id-province"
    case personalIdMismatch = "personal-id-mismatch"
    case taxCodeInvalid = "tax-code-invalid"
    case taxCodeChecksum = "tax-code-checksum"
    case phoneInvalid = "phone-invalid"
    case phoneLegacy = "phone-legacy"
    case emailInvalid = "email-invalid"
    case duplicateKey = "duplicate-key"
    case duplicateAcrossUnits = "duplicate-across-units"
    case identicalAcrossUnits = "identical-across-units"
    case conflictAcrossUnits = "conflict-across-units"
    case dateInFuture = "date-in-future"
    case dateTooOld = "date-too-old"
    case ageOutOfRange = "age-out-of-range"
    case outlier
    case recordStale = "record-stale"
    case personalDataInOpenText = "personal-data-in-open-text"
    case formulaNeutralized = "formula-neutralized"

    public static func < (lhs: FindingCode, rhs: FindingCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The stable id, also when a code is written into text (`file:line: error code-retired: …`).
    public var description: String { rawValue }
}
