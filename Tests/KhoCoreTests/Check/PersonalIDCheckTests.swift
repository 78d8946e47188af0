import Testing
@testable import KhoCore

/// The clean row: born 1985-03-15, sex 1 (Nam), ID 062 0 85 001234 (Kon Tum, 1900s male, 85).
@Suite struct PersonalIDCheckTests {
    private func hoNgheo(_ changes: [String: String]) -> (row: RowState, context: RowFixtures.Counts) {
        RowFixtures.validateCounting("ho-ngheo", RowFixtures.row(RowFixtures.hoNgheo, changes))
    }

    /// The same row with the ID classified `shared`: findings keep their detail there, so the
    /// digit comparison can be checked; on the personal field the detail is dropped.
    private func hoNgheoShared(_ changes: [String: String]) -> RowState {
        var schema = TestSupport.dataset("ho-ngheo")
        schema.fields[schema.fieldIndex("so_dinh_danh")!].classification = .shared
        return RowFixtures.validate(schema, RowFixtures.row(RowFixtures.hoNgheo, changes))
    }

    @Test func twelveDigitsAgreeingWithBirthAndSexPass() {
        let (row, context) = hoNgheo([:])
        #expect(row.codes == [])
        #expect(row.value("so_dinh_danh", in: "ho-ngheo") == "062085001234")
        #expect(context.normalizations["personal-id-leading-zero"] == nil)
        #expect(context.normalizations[IdentifierNormalizer.id] == nil)
    }

    @Test func leadingZeroLostBySpreadsheetIsRestored() {
        let (row, context) = hoNgheo(["so_dinh_danh": "62085001234"])
        #expect(row.codes == [])
        #expect(row.value("so_dinh_danh", in: "ho-ngheo") == "062085001234")
        #expect(context.normalizations["personal-id-leading-zero"] == 1)
    }

    @Test(arguments: ["062 085 001 234", "062.085.001.234", "062-085-001234"])
    func separatorsAreDropped(text: String) {
        let (row, context) = hoNgheo(["so_dinh_danh": text])
        #expect(row.codes == [])
        #expect(row.value("so_dinh_danh", in: "ho-ngheo") == "062085001234")
        #expect(context.normalizations[IdentifierNormalizer.id] == 1)
    }

    @Test func nineDigitLegacyCardIsAWarning() throws {
        let (row, _) = hoNgheo(["so_dinh_danh": "230456789"])
        #expect(row.codes == ["so_dinh_danh:personal-id-legacy"])
        let finding = try #require(row.finding("personal-id-legacy"))
        #expect(finding.severity == .warning)
        #expect(finding.value == "2*******9")   // personal: masked
        #expect(row.value("so_dinh_danh", in: "ho-ngheo") == "230456789")
        #expect(!row.isRejected)
    }

    @Test func prefixThatIsNoProvinceIsAWarning() throws {
        let (row, context) = hoNgheo(["so_dinh_danh": "003085001234"])
        try #require(!(context.context.personalIDProvinces.value(for: "003") != nil), "tinh.csv has no cccd_prefix 003")
        #expect((context.context.personalIDProvinces.value(for: "062") != nil))
        #expect(row.codes == ["so_dinh_danh:personal-id-province"])
        #expect(try #require(row.finding("personal-id-province")).severity == .warning)
    }

    @Test func otherProvincePrefixPasses() {
        let (row, _) = hoNgheo(["so_dinh_danh": "001085001234"])   // born in Hà Nội
        #expect(row.codes == [])
    }

    /// Digit 4: 1900s male 0, female 1; 2000s male 2, female 3. Digits 5–6: the birth year.
    @Test(arguments: [
        ("15/03/1985", "1", "062085001234", nil),
        ("15/03/1985", "2", "062185001234", nil),
        ("15/03/2005", "1", "062205001234", nil),
        ("15/03/2005", "2", "062305001234", nil),
        ("15/03/2000", "1", "062200001234", nil),
        ("15/03/1985", "2", "062085001234", "digit 4 is 0, expected 1"),
        ("15/03/1985", "1", "062185001234", "digit 4 is 1, expected 0"),
        ("15/03/2005", "1", "062005001234", "digit 4 is 0, expected 2"),
        ("15/03/2005", "2", "062205001234", "digit 4 is 2, expected 3"),
        ("15/03/1985", "1", "062086001234", "digits 5-6 are 86, birth year ends in 85"),
        ("15/03/1985", "2", "062086001234", "digit 4 is 0, expected 1; digits 5-6 are 86, birth year ends in 85"),
    ] as [(String, String, String, String?)])
    func idDigitsAgainstBirthDateAndSex(birth: String, sex: String, id: String, detail: String?) throws {
        let (row, _) = hoNgheo(["ngay_sinh": birth, "gioi_tinh": sex, "so_dinh_danh": id])
        guard let detail else {
            #expect(row.codes == [])
            return
        }
        #expect(row.codes == ["so_dinh_danh:personal-id-mismatch"])
        let finding = try #require(row.finding("personal-id-mismatch"))
        #expect(finding.detail == nil)   // it would tell a digit of the masked ID
        #expect(finding.severity == .warning)
        #expect(finding.principle == .accuracy)
        #expect(finding.value == Masking.mask(id))
        let shared = hoNgheoShared(["ngay_sinh": birth, "gioi_tinh": sex, "so_dinh_danh": id])
        #expect(try #require(shared.finding("personal-id-mismatch")).detail == detail)
    }

    @Test func sexWrittenAsANameIsResolvedBeforeTheComparison() throws {
        let (row, _) = hoNgheo(["gioi_tinh": "Nữ", "so_dinh_danh": "062085001234"])
        #expect(row.codes == ["gioi_tinh:code-from-name", "so_dinh_danh:personal-id-mismatch"])
        let shared = hoNgheoShared(["gioi_tinh": "Nữ", "so_dinh_danh": "062085001234"])
        #expect(try #require(shared.finding("personal-id-mismatch")).detail == "digit 4 is 0, expected 1")
    }

    @Test func withoutUsableSexOnlyTheYearIsCompared() throws {
        let (row, _) = hoNgheo(["gioi_tinh": "Không rõ", "so_dinh_danh": "062386001234"])
        #expect(row.codes == ["gioi_tinh:code-unknown", "so_dinh_danh:personal-id-mismatch"])
        let shared = hoNgheoShared(["gioi_tinh": "Không rõ", "so_dinh_danh": "062386001234"])
        #expect(try #require(shared.finding("personal-id-mismatch")).detail == "digits 5-6 are 86, birth year ends in 85")
    }

    @Test func withoutUsableBirthDateNothingIsCompared() {
        let (row, _) = hoNgheo(["ngay_sinh": "31/02/1985", "so_dinh_danh": "062386001234"])
        #expect(row.codes == ["ngay_sinh:type-invalid"])
    }

    @Test(arguments: ["06208500123A", "CCCD 062085001234", "0620850012", "0620850012345", "062085001234/1"])
    func anythingElseIsInvalid(text: String) throws {
        let (row, _) = hoNgheo(["so_dinh_danh": text])
        #expect(row.codes == ["so_dinh_danh:personal-id-invalid"])
        let finding = try #require(row.finding("personal-id-invalid"))
        #expect(finding.severity == .error)
        #expect(finding.value == Masking.mask(text))
        #expect(row.value("so_dinh_danh", in: "ho-ngheo") == text)
        #expect(row.isRejected)
    }
}
