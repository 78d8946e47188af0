import Testing
@testable import KhoCore

@Suite struct PhoneCheckTests {
    private func hoNgheo(_ phone: String) -> (row: RowState, context: RowFixtures.Counts) {
        RowFixtures.validateCounting("ho-ngheo", RowFixtures.row(RowFixtures.hoNgheo, ["so_dien_thoai": phone]))
    }

    @Test(arguments: [
        ("0905123456", "0905123456"), ("+84905123456", "0905123456"), ("+84 905 123 456", "0905123456"),
        ("84905123456", "0905123456"), ("0084905123456", "0905123456"), ("0905.123.456", "0905123456"),
        ("0905-123-456", "0905123456"), ("(0905) 123 456", "0905123456"), ("905123456", "0905123456"),
        ("0326 123 456", "0326123456"), ("0869123456", "0869123456"),
        ("02603862123", "02603862123"), ("0260 3862 123", "02603862123"), ("(0260) 3862123", "02603862123"),
        ("2603862123", "02603862123"), ("+84 260 3862 123", "02603862123"),
    ])
    func validNumbersBecomeCanonical(text: String, canonical: String) {
        let (row, context) = hoNgheo(text)
        #expect(row.codes == [])
        #expect(row.value("so_dien_thoai", in: "ho-ngheo") == canonical)
        #expect(context.normalizations[PhoneNormalizer.id] == (text == canonical ? nil : 1))
    }

    @Test(arguments: [
        ("01621234567", "0321234567"), ("0169 123 4567", "0391234567"), ("+84 162 123 4567", "0321234567"),
        ("1621234567", "0321234567"), ("01201234567", "0701234567"), ("01291234567", "0821234567"),
        ("01861234567", "0561234567"), ("01991234567", "0591234567"),
    ])
    func oldElevenDigitMobileIsRewrittenWithAWarning(text: String, canonical: String) throws {
        let (row, context) = hoNgheo(text)
        #expect(row.codes == ["so_dien_thoai:phone-legacy"])
        let finding = try #require(row.finding("phone-legacy"))
        #expect(finding.severity == .warning)
        #expect(finding.detail == Masking.mask(canonical))
        #expect(finding.value == Masking.mask(text))
        #expect(row.value("so_dien_thoai", in: "ho-ngheo") == canonical)
        #expect(context.normalizations["phone-legacy-prefix"] == 1)
        #expect(!row.isRejected)
    }

    @Test(arguments: ["không có", "12345", "0905 123 45", "0123456789", "0212345678", "01001234567", "090512345678",
                      "0905123456 / 0912345678", "0905123456 ext 12", "+", "84"])
    func garbageIsInvalid(text: String) throws {
        let (row, _) = hoNgheo(text)
        #expect(row.codes == ["so_dien_thoai:phone-invalid"])
        let finding = try #require(row.finding("phone-invalid"))
        #expect(finding.severity == .error)
        #expect(finding.value == Masking.mask(text))
        #expect(row.value("so_dien_thoai", in: "ho-ngheo") == text)
        #expect(row.isRejected)
    }

    @Test func openPhoneIsShownUnmasked() throws {
        let row = TestSupport.validate("co-so-giao-duc", RowFixtures.row(RowFixtures.coSoGiaoDuc, ["so_dien_thoai": "0260 386"]),
                                       asOf: RowFixtures.asOf)
        #expect(row.codes == ["so_dien_thoai:phone-invalid"])
        #expect(try #require(row.finding("phone-invalid")).value == "0260 386")
    }

    /// A dataset may raise a code's severity: with `phone-legacy` an error, the row is rejected.
    @Test func datasetSeverityOverrideRejectsALegacyNumber() throws {
        var schema = TestSupport.dataset("ho-ngheo")
        let before = RowFixtures.validate(schema, RowFixtures.row(RowFixtures.hoNgheo, ["so_dien_thoai": "01621234567"]))
        #expect(!before.isRejected)

        schema.severities[.phoneLegacy] = .error
        let row = RowFixtures.validate(schema, RowFixtures.row(RowFixtures.hoNgheo, ["so_dien_thoai": "01621234567"]))
        #expect(row.codes == ["so_dien_thoai:phone-legacy"])
        #expect(try #require(row.finding("phone-legacy")).severity == .error)
        #expect(row.isRejected)
    }
}
