import Testing
@testable import KhoCore

/// Check digit: 10 − (Σ dᵢwᵢ mod 11), weights 31 29 23 19 17 13 7 5 3. For 610012345:
/// 6·31 + 1·29 + 0 + 0 + 1·17 + 2·13 + 3·7 + 4·5 + 5·3 = 314; 314 mod 11 = 6; 10 − 6 = 4.
@Suite struct TaxCodeCheckTests {
    private func hoKinhDoanh(_ taxCode: String) -> (row: RowState, context: RowFixtures.Counts) {
        RowFixtures.validateCounting("ho-kinh-doanh", RowFixtures.row(RowFixtures.hoKinhDoanh, ["ma_so_thue": taxCode]))
    }

    @Test(arguments: ["6100123454", "0100109106", "6100000050"])
    func validCheckDigitPasses(code: String) {
        let (row, _) = hoKinhDoanh(code)
        #expect(row.codes == [])
        #expect(row.value("ma_so_thue", in: "ho-kinh-doanh") == code)
    }

    @Test(arguments: ["6100123455", "6100123450", "0100109107"])
    func wrongCheckDigitIsAWarning(code: String) throws {
        let (row, _) = hoKinhDoanh(code)
        #expect(row.codes == ["ma_so_thue:tax-code-checksum"])
        let finding = try #require(row.finding("tax-code-checksum"))
        #expect(finding.severity == .warning)
        #expect(finding.principle == .sharedCodes)
        #expect(finding.value == code)   // shared, not personal: shown as is
        #expect(!row.isRejected)
    }

    /// 610000009 weighs 0 mod 11: the rule yields 10, a digit no code can carry.
    @Test func firstNineDigitsWithoutAPossibleCheckDigitAlwaysWarn() {
        for last in 0...9 {
            let (row, _) = hoKinhDoanh("610000009\(last)")
            #expect(row.codes == ["ma_so_thue:tax-code-checksum"], "610000009\(last)")
        }
    }

    @Test(arguments: ["6100123454001", "6100123454-001", "6100123454 001", "610.012.345.4-001"])
    func branchCodeGetsItsDash(text: String) {
        let (row, _) = hoKinhDoanh(text)
        #expect(row.codes == [])
        #expect(row.value("ma_so_thue", in: "ho-kinh-doanh") == "6100123454-001")
    }

    @Test func branchOfAParentWithAWrongCheckDigitWarns() {
        let (row, _) = hoKinhDoanh("6100123455-001")
        #expect(row.codes == ["ma_so_thue:tax-code-checksum"])
        #expect(row.value("ma_so_thue", in: "ho-kinh-doanh") == "6100123455-001")
    }

    @Test func separatorsAreDroppedAndCounted() {
        let (row, context) = hoKinhDoanh("610 012 3454")
        #expect(row.codes == [])
        #expect(row.value("ma_so_thue", in: "ho-kinh-doanh") == "6100123454")
        #expect(context.normalizations[IdentifierNormalizer.id] == 1)
    }

    @Test(arguments: ["61001234540", "610012345", "610012345400123", "61001234AB", "MST 6100123454"])
    func wrongLengthOrLettersAreInvalid(text: String) throws {
        let (row, _) = hoKinhDoanh(text)
        #expect(row.codes == ["ma_so_thue:tax-code-invalid"])
        let finding = try #require(row.finding("tax-code-invalid"))
        #expect(finding.severity == .error)
        #expect(row.value("ma_so_thue", in: "ho-kinh-doanh") == text)
        #expect(row.isRejected)
    }

    /// Fourteen bare digits are neither 10 nor 13: the check must say so itself. Today it lets them
    /// through (it allows 14 characters, meant for "0123456789-001"), and only the dictionary's
    /// `pattern` on ma_so_thue rejects them, under another code.
    @Test func fourteenDigitsAreInvalid() {
        let (row, _) = hoKinhDoanh("61001234540012")
        #expect(row.codes == ["ma_so_thue:tax-code-invalid"])
        #expect(row.isRejected)
    }

    @Test func fourteenDigitsAreInvalidWithoutTheDictionaryPatternToo() throws {
        var schema = TestSupport.dataset("ho-kinh-doanh")
        schema.fields[try #require(schema.fieldIndex("ma_so_thue"))].pattern = nil
        let row = RowFixtures.validate(schema, RowFixtures.row(RowFixtures.hoKinhDoanh, ["ma_so_thue": "61001234540012"]))
        #expect(row.codes == ["ma_so_thue:tax-code-invalid"])
        #expect(row.isRejected)
    }
}
