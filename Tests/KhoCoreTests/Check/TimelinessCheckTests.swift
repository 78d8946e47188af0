import Testing
@testable import KhoCore

/// ho-ngheo's update window is 400 days, quan-trac-moi-truong's 92.
@Suite struct TimelinessCheckTests {
    private static func asOf(_ record: String, plus days: Int) -> String {
        TestSupport.date(record).adding(days: days)!.description
    }

    @Test func recordOlderThanTheWindowIsStale() throws {
        let row = TestSupport.validate("ho-ngheo", RowFixtures.hoNgheo, asOf: Self.asOf("2024-12-15", plus: 401))
        #expect(row.codes == ["ngay_cap_nhat:record-stale"])
        let finding = try #require(row.finding("record-stale"))
        #expect(finding.severity == .info)
        #expect(finding.principle == .timeliness)
        #expect(finding.detail == "older than 400 days")
        #expect(finding.value == "2024-12-15")
        #expect(!row.isRejected)
    }

    @Test func recordOnTheLastDayOfTheWindowIsFresh() {
        #expect(TestSupport.dataset("ho-ngheo").freshnessDays == 400)
        let row = TestSupport.validate("ho-ngheo", RowFixtures.hoNgheo, asOf: Self.asOf("2024-12-15", plus: 400))
        #expect(row.codes == [])
    }

    @Test(arguments: [(92, false), (93, true)])
    func measurementWindow(days: Int, stale: Bool) throws {
        let row = TestSupport.validate("quan-trac-moi-truong", RowFixtures.quanTrac, asOf: Self.asOf("2025-08-15", plus: days))
        #expect(row.codes == (stale ? ["thoi_gian:record-stale"] : []))
        if stale { #expect(try #require(row.finding("record-stale")).detail == "older than 92 days") }
    }

    @Test func recordWithoutAUsableDateIsNotJudged() {
        let row = TestSupport.validate("ho-ngheo", RowFixtures.row(RowFixtures.hoNgheo, ["ngay_cap_nhat": "chưa rõ", "ten_xa": ""]), asOf: "2030-01-01")
        #expect(row.codes == ["ngay_cap_nhat:type-invalid"])
    }

    @Test func datasetWithoutAWindowIsNeverStale() {
        var schema = TestSupport.dataset("ho-ngheo")
        schema.freshnessDays = nil
        let row = RowFixtures.validate(schema, RowFixtures.hoNgheo, asOf: "2030-01-01")
        #expect(row.codes == [])
    }
}
