import Testing
@testable import KhoCore

@Suite struct TypeCheckTests {
    private func hoNgheo(_ changes: [String: String], asOf: String = RowFixtures.asOf) -> RowState {
        TestSupport.validate("ho-ngheo", RowFixtures.row(RowFixtures.hoNgheo, changes), asOf: asOf)
    }

    // MARK: - Dates

    @Test(arguments: ["15/03/1985", "15-03-1985", "15.03.1985", "15/3/1985", "1985-03-15", "1985/03/15", "15/03/1985 00:00:00"])
    func datesBecomeISO(text: String) {
        let row = hoNgheo(["ngay_sinh": text])
        #expect(row.codes == [])
        #expect(row.value("ngay_sinh", in: "ho-ngheo") == "1985-03-15")
    }

    @Test func dateChangesAreCounted() {
        let (row, context) = RowFixtures.validateCounting("ho-ngheo", RowFixtures.hoNgheo)
        #expect(row.codes == [])
        #expect(context.normalizations[DateNormalizer.id] == 2)   // ngay_sinh and ngay_cap_nhat were dd/MM/yyyy
    }

    @Test(arguments: [("31/02/1985", "31/02/****"), ("15/03/85", "##/##/##"), ("03/25/1985", "03/25/****"), ("không rõ", "***** **")])
    func unparsableDateIsAnErrorWithTheMaskedValue(text: String, masked: String) throws {
        let row = hoNgheo(["ngay_sinh": text])
        #expect(row.codes == ["ngay_sinh:type-invalid"])
        let finding = try #require(row.finding("type-invalid"))
        #expect(finding.severity == .error)
        #expect(finding.principle == .uniformStructure)
        #expect(finding.detail == "date")
        #expect(finding.value == masked)   // ngay_sinh is personal: what is wrong shows, the year does not
        #expect(row.value("ngay_sinh", in: "ho-ngheo") == text)
        #expect(row.isRejected)
    }

    @Test func recordDateIsTakenFromTheRecordDateField() {
        let row = hoNgheo([:])
        #expect(row.recordDate == TestSupport.date("2024-12-15"))
    }

    /// With no usable record date, codes are judged on the as-of date: 23521 (retired 2025-06-30)
    /// is valid on the 2024 record date but retired on 2025-09-30.
    @Test func invalidRecordDateLeavesCodesJudgedOnTheAsOfDate() throws {
        let row = hoNgheo(["ngay_cap_nhat": "31/02/2024", "ma_xa": "23521", "ten_xa": ""])
        #expect(row.recordDate == nil)
        #expect(row.codes == ["ngay_cap_nhat:type-invalid", "ma_xa:code-retired"])
        #expect(try #require(row.finding("type-invalid")).value == "31/02/2024")   // open field: not masked
    }

    // MARK: - Numbers, years

    @Test(arguments: [("von_kinh_doanh", "1.234.567,5", "1234567.5"), ("von_kinh_doanh", "1,234,567.5", "1234567.5"),
                      ("von_kinh_doanh", "150 000 000", "150000000"), ("so_lao_dong", "1.234", "1234"), ("so_lao_dong", "007", "7")])
    func numbersBecomeCanonical(field: String, text: String, canonical: String) {
        let row = TestSupport.validate("ho-kinh-doanh", RowFixtures.row(RowFixtures.hoKinhDoanh, [field: text]), asOf: RowFixtures.asOf)
        #expect(row.codes == [])
        #expect(row.value(field, in: "ho-kinh-doanh") == canonical)
    }

    @Test(arguments: [("so_lao_dong", "3,5", "integer"), ("so_lao_dong", "ba", "integer"), ("von_kinh_doanh", "150tr", "number")])
    func unparsableNumberIsAnError(field: String, text: String, type: String) throws {
        let row = TestSupport.validate("ho-kinh-doanh", RowFixtures.row(RowFixtures.hoKinhDoanh, [field: text]), asOf: RowFixtures.asOf)
        #expect(row.codes == ["\(field):type-invalid"])
        #expect(try #require(row.finding("type-invalid")).detail == type)
    }

    @Test(arguments: ["24", "20245", "2O24", "năm 2024"])
    func yearMustBeFourDigits(text: String) throws {
        let row = hoNgheo(["nam_ra_soat": text])
        #expect(row.codes == ["nam_ra_soat:type-invalid"])
        #expect(try #require(row.finding("type-invalid")).detail == "year")
    }

    // MARK: - Date-times

    @Test func dateTimeBecomesISOAndGivesTheRecordDate() {
        let row = TestSupport.validate("quan-trac-moi-truong", RowFixtures.quanTrac, asOf: RowFixtures.asOf)
        #expect(row.codes == [])
        #expect(row.value("thoi_gian", in: "quan-trac-moi-truong") == "2025-08-15T08:30:00")
        #expect(row.recordDate == TestSupport.date("2025-08-15"))
    }

    @Test(arguments: ["15/08/2025 25:00", "15/08/2025 08:60", "lúc 8 giờ"])
    func unparsableDateTimeIsAnError(text: String) throws {
        let row = TestSupport.validate("quan-trac-moi-truong", RowFixtures.row(RowFixtures.quanTrac, ["thoi_gian": text]), asOf: RowFixtures.asOf)
        #expect(row.codes == ["thoi_gian:type-invalid"])
        #expect(try #require(row.finding("type-invalid")).detail == "datetime")
        #expect(row.recordDate == nil)
    }

    // MARK: - Booleans and strings (no dataset has a boolean field: the parser directly)

    @Test(arguments: [("Có", "true"), ("co", "true"), ("x", "true"), ("1", "true"), ("Đúng", "true"), ("yes", "true"),
                      ("Không", "false"), ("0", "false"), ("Sai", "false"), ("no", "false")])
    func booleansAreCanonical(text: String, canonical: String) {
        #expect(BooleanRule.canonical(text) == canonical)
    }

    @Test(arguments: ["có thể", "2", "maybe"])
    func otherBooleansAreRejected(text: String) {
        #expect(BooleanRule.canonical(text) == nil)
    }

    /// The dataset remembers each spelling's reading, refusals too: asked again, it answers the same.
    @Test func aRememberedBooleanReadsAsTheParserReadsIt() {
        let context = DatasetContext(schema: TestSupport.dataset("ho-ngheo"), unit: "test", asOf: TestSupport.date("2026-11-29"), codeLists: [:])
        for _ in 0..<2 {
            for text in ["Có", "Không", "x", "Sai", "có thể", "maybe", ""] {
                #expect(context.canonicalBoolean(text) == BooleanRule.canonical(text), "\(text)")
            }
        }
        #expect(context.canonicalBoolean("Có") == "true")
        #expect(context.canonicalBoolean("maybe") == nil)
    }

    @Test func stringsAreNotParsed() {
        let row = hoNgheo(["ma_ho": "1.234,5", "dia_chi": "15/03/1985"])
        #expect(row.codes == [])
        #expect(row.value("ma_ho", in: "ho-ngheo") == "1.234,5")
        #expect(row.value("dia_chi", in: "ho-ngheo") == "15/03/1985")
    }
}
