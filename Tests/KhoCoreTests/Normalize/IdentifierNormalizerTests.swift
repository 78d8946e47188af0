import Testing
@testable import KhoCore

@Suite struct IdentifierNormalizerTests {
    // MARK: - Personal IDs

    @Test(arguments: [
        ("062085001234", "062085001234"), ("62085001234", "062085001234"), ("062 085 001 234", "062085001234"),
        ("062.085.001.234", "062085001234"), ("062-085-001234", "062085001234"), ("230456789", "230456789"),
        ("0620850012", "0620850012"),   // wrong length is the check's business, not the normalizer's
    ])
    func personalIDDigits(text: String, digits: String) {
        #expect(IdentifierNormalizer.personalID(text) == digits)
    }

    @Test(arguments: ["06208500123A", "CCCD062085001234", "062085001234/1", "", " ", "-.-", "０６２０８５００１２３４"])
    func personalIDWithOtherCharactersIsRefused(text: String) {
        #expect(IdentifierNormalizer.personalID(text) == nil)
    }

    // MARK: - Tax codes

    @Test(arguments: [
        ("6100123454", "6100123454"), ("610 012 3454", "6100123454"), ("6100123454001", "6100123454-001"),
        ("6100123454-001", "6100123454-001"), ("6100123454 - 001", "6100123454-001"),
    ])
    func taxCodeCanonicalForm(text: String, canonical: String) {
        #expect(IdentifierNormalizer.taxCode(text) == canonical)
    }

    @Test(arguments: ["61001234AB", "6100123454/001", "MST", "", "61001234540", "61001234540012"])
    func taxCodeWithOtherCharactersIsRefused(text: String) {
        #expect(IdentifierNormalizer.taxCode(text) == nil)
    }

    /// Twelve digits are a tax code's form only where a personal ID may be one; 11 never are.
    @Test func twelveDigitsOnlyWithThePersonalIDForm() {
        #expect(IdentifierNormalizer.taxCode("062190004567") == nil)
        #expect(IdentifierNormalizer.taxCode("062190004567", personalIDForm: true) == "062190004567")
        #expect(IdentifierNormalizer.taxCode("062.190.004.567", personalIDForm: true) == "062190004567")
        #expect(IdentifierNormalizer.taxCode("62190004567", personalIDForm: true) == nil)
        #expect(IdentifierNormalizer.taxCode("6100123454", personalIDForm: true) == "6100123454")
    }

    /// 10 − (Σ dᵢwᵢ mod 11), weights 31 29 23 19 17 13 7 5 3.
    @Test(arguments: [("610012345", "4"), ("010010910", "6"), ("610000005", "0"), ("610000002", "9")])
    func taxCheckDigit(firstNine: String, digit: String) {
        #expect(IdentifierNormalizer.taxCheckDigit(Array(firstNine.utf8)) == digit.utf8.first)
    }

    @Test func taxCheckDigitThatWouldBeTenIsNone() {
        // 6·31 + 1·29 + 9·3 = 242 = 22·11
        #expect(IdentifierNormalizer.taxCheckDigit(Array("610000009".utf8)) == nil)
    }
}
