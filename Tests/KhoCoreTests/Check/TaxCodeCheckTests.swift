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

    // MARK: - The personal ID as tax code (Circular 86/2024/TT-BTC, from 2025-07-01)

    /// The owner's own personal ID (Kon Tum, 1990, female), as the fixture's `so_dinh_danh`.
    private static let ownerID = "062190004567"

    /// `ten_xa` is left empty: 23293 had another name before 2025-07-01.
    private func hoKinhDoanh(_ taxCode: String, on date: String) -> (row: RowState, context: RowFixtures.Counts) {
        RowFixtures.validateCounting("ho-kinh-doanh", RowFixtures.row(RowFixtures.hoKinhDoanh,
                                                                      ["ma_so_thue": taxCode, "ngay_cap_nhat": date, "ten_xa": ""]))
    }

    @Test(arguments: ["15/08/2025", "01/07/2025"])
    func personalIDIsATaxCodeOfAHouseholdBusinessFromJuly2025(date: String) {
        let (row, _) = hoKinhDoanh(Self.ownerID, on: date)
        #expect(row.codes == [])
        #expect(!row.isRejected)
        #expect(row.value("ma_so_thue", in: "ho-kinh-doanh") == Self.ownerID)
    }

    @Test(arguments: ["15/06/2025", "30/06/2025"])
    func personalIDBeforeJuly2025IsAnError(date: String) throws {
        let (row, _) = hoKinhDoanh(Self.ownerID, on: date)
        #expect(row.codes == ["ma_so_thue:tax-code-invalid"])
        let finding = try #require(row.finding("tax-code-invalid"))
        #expect(finding.severity == .error)
        #expect(finding.detail == "a personal ID is a tax code only from 2025-07-01")
        #expect(finding.value == Masking.mask(Self.ownerID))   // a person's ID, even in a shared field
        #expect(row.isRejected)
    }

    @Test func personalIDWithSeparatorsIsBroughtToItsDigits() {
        let (row, context) = hoKinhDoanh("062 190 004 567", on: "15/08/2025")
        #expect(row.codes == [])
        #expect(row.value("ma_so_thue", in: "ho-kinh-doanh") == Self.ownerID)
        #expect(context.normalizations[IdentifierNormalizer.id] == 1)
    }

    /// Twelve digits that no personal ID can have stay an error after the date: a prefix that is no
    /// province (999), a birth year after the record (digit 4 = 2, digits 5–6 = 99: 2099).
    @Test(arguments: [("999190004567", "not a personal ID: digits 1-3 are no province's prefix"),
                      ("062299004567", "not a personal ID: digits 4-6 give a birth year after the record's date")])
    func twelveDigitsThatAreNoPersonalIDAreAnErrorAfterTheDate(code: String, detail: String) throws {
        let (row, _) = hoKinhDoanh(code, on: "15/08/2025")
        #expect(row.codes == ["ma_so_thue:tax-code-invalid"])
        let finding = try #require(row.finding("tax-code-invalid"))
        #expect(finding.detail == detail)
        #expect(finding.value == Masking.mask(code))
        #expect(row.isRejected)
    }

    /// Eleven digits are neither a tax code nor a personal ID, before or after the date.
    @Test(arguments: ["15/06/2025", "15/08/2025"])
    func elevenDigitsStayInvalid(date: String) {
        let (row, _) = hoKinhDoanh("62190004567", on: date)
        #expect(row.codes == ["ma_so_thue:tax-code-invalid"])
    }

    /// Only a field whose subject may use the form accepts it: without `taxCodeSubject` (an
    /// organization's tax code) twelve digits are invalid after the date too.
    @Test func fieldWithoutASubjectRejectsTwelveDigitsAfterTheDate() throws {
        var schema = TestSupport.dataset("ho-kinh-doanh")
        let index = try #require(schema.fieldIndex("ma_so_thue"))
        schema.fields[index].taxCodeSubject = nil
        schema.fields[index].taxCodeForms = []
        let row = RowFixtures.validate(schema, RowFixtures.row(RowFixtures.hoKinhDoanh, ["ma_so_thue": Self.ownerID]))
        #expect(row.codes == ["ma_so_thue:tax-code-invalid"])
        #expect(try #require(row.finding("tax-code-invalid")).detail == nil)
    }

    /// The date is configuration (`dictionary.json`, `taxCodeForms`), not a constant in the check.
    @Test func theDateComesFromTheForm() throws {
        var schema = TestSupport.dataset("ho-kinh-doanh")
        let index = try #require(schema.fieldIndex("ma_so_thue"))
        #expect(schema.fields[index].taxCodeForms == [TaxCodeForm(kind: .personalID, subjects: ["individual"],
                                                                   validFrom: TestSupport.date("2025-07-01"), basis: "Thông tư 86/2024/TT-BTC")])
        schema.fields[index].taxCodeForms[0].validFrom = TestSupport.date("2026-01-01")
        let row = RowFixtures.validate(schema, RowFixtures.row(RowFixtures.hoKinhDoanh, ["ma_so_thue": Self.ownerID]))
        #expect(row.codes == ["ma_so_thue:tax-code-invalid"])
        #expect(try #require(row.finding("tax-code-invalid")).detail == "a personal ID is a tax code only from 2026-01-01")
    }
}
