import Testing
@testable import KhoCore

@Suite struct PlausibilityCheckTests {
    /// Without `ten_xa`: a record date moved past 2025-07-01 would otherwise also disagree with the old commune name.
    private func hoNgheo(_ changes: [String: String], asOf: String = RowFixtures.asOf) -> RowState {
        TestSupport.validate("ho-ngheo", RowFixtures.row(RowFixtures.hoNgheo, ["ten_xa": ""].merging(changes) { _, new in new }), asOf: asOf)
    }

    // MARK: - Dates after the as-of date

    @Test func recordDateAfterTheAsOfDateIsAnError() throws {
        let row = hoNgheo(["ngay_cap_nhat": "01/10/2025"])
        #expect(row.codes == ["ngay_cap_nhat:date-in-future"])
        let finding = try #require(row.finding("date-in-future"))
        #expect(finding.severity == .error)
        #expect(finding.principle == .accuracy)
        #expect(finding.detail == "as-of 2025-09-30")
        #expect(row.isRejected)
    }

    @Test func theAsOfDateItselfIsNotInTheFuture() {
        #expect(hoNgheo(["ngay_cap_nhat": "30/09/2025"]).codes == [])
    }

    @Test func futureIsRelativeToTheAsOfDate() {
        #expect(hoNgheo(["ngay_cap_nhat": "01/10/2025"], asOf: "2025-10-01").codes == [])
    }

    @Test func birthDateInTheFuture() {
        let row = hoNgheo(["ngay_sinh": "01/10/2025", "so_dinh_danh": "062225001234"])
        #expect(row.codes == ["ngay_sinh:date-in-future"])   // and no age finding on a failed birth date
    }

    @Test func dateTimeInTheFuture() {
        let row = TestSupport.validate("quan-trac-moi-truong", RowFixtures.row(RowFixtures.quanTrac, ["thoi_gian": "01/10/2025 07:00"]),
                                       asOf: RowFixtures.asOf)
        #expect(row.codes == ["thoi_gian:date-in-future"])
    }

    // MARK: - Dates before 1900

    @Test func dateBefore1900IsAnError() throws {
        let row = hoNgheo(["ngay_sinh": "31/12/1899"])
        #expect(row.codes == ["ngay_sinh:date-too-old"])
        let finding = try #require(row.finding("date-too-old"))
        #expect(finding.severity == .error)
        #expect(finding.value == "1899-**-**")   // personal: the year that is wrong, not the day
    }

    @Test func firstDayOf1900IsNotTooOld() {
        let row = hoNgheo(["ngay_sinh": "01/01/1900", "so_dinh_danh": "062000001234", "ngay_cap_nhat": "15/12/2019"], asOf: "2020-06-30")
        #expect(row.codes == [])
    }

    // MARK: - Ages

    @Test func ageOf130IsAWarning() throws {
        let row = hoNgheo(["ngay_sinh": "01/03/1900", "so_dinh_danh": "062000001234", "ngay_cap_nhat": "01/06/2030"],
                          asOf: "2030-12-31")
        #expect(row.codes == ["ngay_sinh:age-out-of-range"])
        let finding = try #require(row.finding("age-out-of-range"))
        #expect(finding.severity == .warning)
        #expect(finding.detail == nil)   // the age would tell what the masked birth date hides
        #expect(!row.isRejected)
    }

    @Test(arguments: [("15/12/1904", "062004001234", nil), ("16/12/1903", "062003001234", nil),
                      ("15/12/1903", "062003001234", "age 121, expected 0-120")] as [(String, String, String?)])
    func upperBoundIsInclusive(birth: String, id: String, detail: String?) {
        let row = hoNgheo(["ngay_sinh": birth, "so_dinh_danh": id])
        #expect(row.codes == (detail == nil ? [] : ["ngay_sinh:age-out-of-range"]))
        #expect((row.finding("age-out-of-range") != nil) == (detail != nil))
    }

    /// The age is taken on the record's date: 14 on 2025-08-15, though 15 by the as-of date.
    @Test func ageIsJudgedOnTheRecordDate() throws {
        let changes = ["ngay_sinh": "01/09/2010", "so_dinh_danh": "062310004567"]
        let row = TestSupport.validate("ho-kinh-doanh", RowFixtures.row(RowFixtures.hoKinhDoanh, changes), asOf: RowFixtures.asOf)
        #expect(row.codes == ["ngay_sinh:age-out-of-range"])
        #expect(try #require(row.finding("age-out-of-range")).detail == nil)

        let older = TestSupport.validate("ho-kinh-doanh", RowFixtures.row(RowFixtures.hoKinhDoanh, ["ngay_sinh": "15/08/2010", "so_dinh_danh": "062310004567"]),
                                         asOf: RowFixtures.asOf)
        #expect(older.codes == [])
    }

    @Test func birthAfterTheRecordDateIsANegativeAge() {
        let row = hoNgheo(["ngay_sinh": "01/01/2025", "so_dinh_danh": "062225001234"])
        #expect(row.codes == ["ngay_sinh:age-out-of-range"])
        #expect(row.finding("age-out-of-range") != nil)
    }
}
