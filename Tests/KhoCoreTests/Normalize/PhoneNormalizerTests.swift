import Testing
@testable import KhoCore

@Suite struct PhoneNormalizerTests {
    /// The old → new mobile prefixes, read from `catalogs/dau-so-di-dong.csv` as the checks read them.
    private static let prefixes = DatasetContext(schema: TestSupport.dataset("ho-ngheo"), unit: "test", asOf: TestSupport.date("2025-09-30"),
                                                    codeLists: TestSupport.configuration.codeLists).legacyPhonePrefixes

    @Test func prefixTableComesFromTheCatalog() {
        #expect(Self.prefixes.count == 21)
        #expect(Self.prefixes["0162"] == "032")
        #expect(Self.prefixes["0120"] == "070")
        #expect(Self.prefixes["0199"] == "059")
        #expect(Self.prefixes["032"] == nil)   // the new rows have no successor
    }

    @Test(arguments: [
        ("0905123456", "0905123456"), ("+84905123456", "0905123456"), ("+84 905 123 456", "0905123456"), ("84905123456", "0905123456"),
        ("0084905123456", "0905123456"), ("0084 905 123 456", "0905123456"), ("0905.123.456", "0905123456"),
        ("0905-123-456", "0905123456"), ("(0905) 123-456", "0905123456"), ("905123456", "0905123456"),
        ("0321234567", "0321234567"), ("0561234567", "0561234567"), ("0701234567", "0701234567"), ("0812345678", "0812345678"),
        ("02603862123", "02603862123"), ("(0260) 3.862.123", "02603862123"), ("2603862123", "02603862123"), ("842603862123", "02603862123"),
    ])
    func valid(text: String, canonical: String) {
        #expect(PhoneNormalizer.normalize(text, legacyPrefixes: Self.prefixes) == .valid(canonical))
    }

    @Test(arguments: [
        ("01621234567", "0321234567"), ("0169.123.4567", "0391234567"), ("+841621234567", "0321234567"), ("00841621234567", "0321234567"),
        ("1621234567", "0321234567"), ("01221234567", "0771234567"), ("01251234567", "0851234567"), ("01881234567", "0581234567"),
    ])
    func legacy(text: String, canonical: String) {
        #expect(PhoneNormalizer.normalize(text, legacyPrefixes: Self.prefixes) == .legacy(canonical))
    }

    @Test(arguments: ["", "không", "0905 123 45", "12345", "0123456789", "0212345678", "0412345678", "01001234567", "01301234567",
                      "090512345678", "0905123456/0912345678", "0905123456 (nhà)", "09051234+56", "+", "84", "0084", "０９０５１２３４５６"])
    func invalid(text: String) {
        #expect(PhoneNormalizer.normalize(text, legacyPrefixes: Self.prefixes) == .invalid)
    }

    @Test func legacyNumbersNeedThePrefixTable() {
        #expect(PhoneNormalizer.normalize("01621234567", legacyPrefixes: [:]) == .invalid)
    }
}
