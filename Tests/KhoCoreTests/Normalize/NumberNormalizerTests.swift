import Testing
@testable import KhoCore

@Suite struct NumberNormalizerTests {
    @Test(arguments: [
        ("1.234,5", "1234.5"), ("1,234.5", "1234.5"), ("1234,5", "1234.5"), ("1234.5", "1234.5"),
        ("1 234 567", "1234567"), ("1.234.567", "1234567"), ("1,234,567", "1234567"),
        ("1.234.567,89", "1234567.89"), ("1,234,567.89", "1234567.89"), ("1 234,50", "1234.50"),
        ("1.234", "1.234"), ("1,234", "1.234"),   // one separator in a number field is the decimal mark
        ("0,5", "0.5"), ("-0,5", "-0.5"), ("+7,2", "7.2"), ("-1.234,5", "-1234.5"),
        ("-0", "0"), ("007", "7"), ("00,5", "0.5"), ("-007", "-7"), ("0", "0"), ("000", "0"),
    ])
    func numberField(text: String, canonical: String) {
        #expect(NumberNormalizer.normalize(text, integer: false) == canonical)
    }

    @Test(arguments: [
        ("1234", "1234"), ("1.234", "1234"), ("1,234", "1234"), ("1.234.567", "1234567"), ("1 234 567", "1234567"),
        ("12.345", "12345"), ("-1.234", "-1234"), ("-0", "0"), ("007", "7"), ("+5", "5"),
    ])
    func integerField(text: String, canonical: String) {
        #expect(NumberNormalizer.normalize(text, integer: true) == canonical)
    }

    @Test(arguments: ["1,5", "1.5", "1234,5", "1.234,5", "1.2345"])
    func fractionIsNotAnInteger(text: String) {
        #expect(NumberNormalizer.normalize(text, integer: true) == nil)
    }

    @Test(arguments: ["", " ", "-", "+", "--5", "abc", "12a", "1e3", "1.", ".5", ",5", "5-", "1,2,3", "1.23.456", "1..234",
                      "1,234.567,8", "1.234,567.8", "1234.567.890", "một", "1/2", "١٢٣"])
    func garbageIsRefused(text: String) {
        #expect(NumberNormalizer.normalize(text, integer: false) == nil)
        #expect(NumberNormalizer.normalize(text, integer: true) == nil)
    }
}
