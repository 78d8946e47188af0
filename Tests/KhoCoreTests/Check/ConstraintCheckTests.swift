import Testing
@testable import KhoCore

/// Table Schema constraints, judged on the canonical value.
@Suite struct ConstraintCheckTests {
    private func quanTrac(_ changes: [String: String]) -> RowState {
        TestSupport.validate("quan-trac-moi-truong", RowFixtures.row(RowFixtures.quanTrac, changes), asOf: RowFixtures.asOf)
    }

    // MARK: - minimum, maximum

    @Test(arguments: [
        ("ph", "14,1", "maximum 14"), ("ph", "-0,5", "minimum 0"), ("ph", "15", "maximum 14"),
        ("nhiet_do", "-5,5", "minimum -5"), ("nhiet_do", "50.5", "maximum 50"), ("amoni", "100,01", "maximum 100"),
        ("tss", "5001", "maximum 5000"), ("tss", "5.001,5", "maximum 5000"),
    ])
    func valueOutsideTheRangeIsAnError(field: String, text: String, detail: String) throws {
        let row = quanTrac([field: text])
        #expect(row.codes == ["\(field):constraint-violated"])
        let finding = try #require(row.finding("constraint-violated"))
        #expect(finding.detail == detail)
        #expect(finding.severity == .error)
        #expect(finding.principle == .accuracy)
        #expect(row.isRejected)
    }

    @Test(arguments: [("ph", "0"), ("ph", "14"), ("ph", "14,0"), ("nhiet_do", "-5"), ("nhiet_do", "50"), ("tss", "5000")])
    func boundsAreInclusive(field: String, text: String) {
        #expect(quanTrac([field: text]).codes == [])
    }

    @Test(arguments: [("2019", "minimum 2021"), ("2031", "maximum 2030")])
    func yearRange(text: String, detail: String) throws {
        let row = TestSupport.validate("ho-ngheo", RowFixtures.row(RowFixtures.hoNgheo, ["nam_ra_soat": text]), asOf: RowFixtures.asOf)
        #expect(row.codes == ["nam_ra_soat:constraint-violated"])
        #expect(try #require(row.finding("constraint-violated")).detail == detail)
    }

    @Test func integerRangeIsJudgedOnTheCanonicalValue() throws {
        let row = TestSupport.validate("ho-kinh-doanh", RowFixtures.row(RowFixtures.hoKinhDoanh, ["so_lao_dong": "100.001"]), asOf: RowFixtures.asOf)
        #expect(row.codes == ["so_lao_dong:constraint-violated"])
        #expect(try #require(row.finding("constraint-violated")).detail == "maximum 100000")
    }

    @Test func valueThatFailedItsTypeIsNotJudgedAgain() {
        #expect(quanTrac(["ph": "kiềm"]).codes == ["ph:type-invalid"])
    }

    // MARK: - maxLength, minLength

    @Test func maxLengthCountsCharactersNotBytes() throws {
        #expect(quanTrac(["ma_tram": String(repeating: "Đ", count: 20)]).codes == [])
        let row = quanTrac(["ma_tram": String(repeating: "Đ", count: 21)])
        #expect(row.codes == ["ma_tram:constraint-violated"])
        #expect(try #require(row.finding("constraint-violated")).detail == "maxLength 20")
    }

    @Test func maxLengthOfADictionaryField() throws {
        let ok = TestSupport.validate("ho-ngheo", RowFixtures.row(RowFixtures.hoNgheo, ["ma_ho": String(repeating: "9", count: 30)]), asOf: RowFixtures.asOf)
        #expect(ok.codes == [])
        let row = TestSupport.validate("ho-ngheo", RowFixtures.row(RowFixtures.hoNgheo, ["ma_ho": String(repeating: "9", count: 31)]), asOf: RowFixtures.asOf)
        #expect(row.codes == ["ma_ho:constraint-violated"])
        #expect(try #require(row.finding("constraint-violated")).detail == "maxLength 30")
    }

    @Test func minLength() throws {
        var schema = TestSupport.dataset("ho-ngheo")
        schema.fields[try #require(schema.fieldIndex("ma_ho"))].minLength = 5
        let row = RowFixtures.validate(schema, RowFixtures.row(RowFixtures.hoNgheo, ["ma_ho": "HN1"]))
        #expect(row.codes == ["ma_ho:constraint-violated"])
        #expect(try #require(row.finding("constraint-violated")).detail == "minLength 5")
        #expect(RowFixtures.validate(schema, RowFixtures.row(RowFixtures.hoNgheo, ["ma_ho": "HN001"])).codes == [])
    }

    // MARK: - pattern, enum (no real dataset declares them on a field without a role)

    private func withPattern(_ pattern: String) throws -> DatasetSchema {
        var schema = TestSupport.dataset("ho-ngheo")
        schema.fields[try #require(schema.fieldIndex("ma_ho"))].pattern = pattern
        return schema
    }

    @Test(arguments: ["HN-23500-001", "HN-00001-999"])
    func valueMatchingThePatternPasses(value: String) throws {
        let row = RowFixtures.validate(try withPattern("HN-[0-9]{5}-[0-9]{3}"), RowFixtures.row(RowFixtures.hoNgheo, ["ma_ho": value]))
        #expect(row.codes == [])
    }

    /// The pattern must match the whole value, as in Frictionless.
    @Test(arguments: ["XHN-23500-001", "HN-23500-0012", "HN-2350-001"])
    func patternMatchesTheWholeValue(value: String) throws {
        let row = RowFixtures.validate(try withPattern("HN-[0-9]{5}-[0-9]{3}"), RowFixtures.row(RowFixtures.hoNgheo, ["ma_ho": value]))
        #expect(row.codes == ["ma_ho:pattern-mismatch"])
        let finding = try #require(row.finding("pattern-mismatch"))
        #expect(finding.severity == .error)
        #expect(finding.principle == .uniformStructure)
        #expect(finding.detail?.contains("HN-[0-9]{5}-[0-9]{3}") == true)
    }

    @Test func alternationIsAnchoredAsAWhole() throws {
        let schema = try withPattern("HN|HCN")
        #expect(RowFixtures.validate(schema, RowFixtures.row(RowFixtures.hoNgheo, ["ma_ho": "HCN"])).codes == [])
        #expect(RowFixtures.validate(schema, RowFixtures.row(RowFixtures.hoNgheo, ["ma_ho": "HNX"])).codes == ["ma_ho:pattern-mismatch"])
        #expect(RowFixtures.validate(schema, RowFixtures.row(RowFixtures.hoNgheo, ["ma_ho": "XHCN"])).codes == ["ma_ho:pattern-mismatch"])
    }

    @Test func enumAllowsOnlyItsValues() throws {
        var schema = TestSupport.dataset("ho-ngheo")
        schema.fields[try #require(schema.fieldIndex("ma_ho"))].enumValues = ["HN-23500-001", "HN-23500-002"]
        #expect(RowFixtures.validate(schema, RowFixtures.hoNgheo).codes == [])
        let row = RowFixtures.validate(schema, RowFixtures.row(RowFixtures.hoNgheo, ["ma_ho": "HN-23500-003"]))
        #expect(row.codes == ["ma_ho:constraint-violated"])
        #expect(try #require(row.finding("constraint-violated")).detail == "enum")
    }

    @Test func dictionaryPatternsHoldForCanonicalIdentifiers() {
        // The personal ID, phone and tax code patterns judge the canonical values the checks made.
        let row = TestSupport.validate("ho-kinh-doanh", RowFixtures.row(RowFixtures.hoKinhDoanh, [
            "so_dinh_danh": "62190004567", "so_dien_thoai": "+84 912 345 678", "ma_so_thue": "6100123454001",
        ]), asOf: RowFixtures.asOf)
        #expect(row.codes == [])
    }
}
