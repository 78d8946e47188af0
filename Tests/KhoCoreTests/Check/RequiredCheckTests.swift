import Testing
@testable import KhoCore

@Suite struct RequiredCheckTests {
    /// The clean poor-household row without its commune name, so that judging codes on another
    /// date (when the record date is emptied) cannot add a name finding.
    private let base = RowFixtures.row(RowFixtures.hoNgheo, ["ten_xa": ""])

    @Test func cleanRowHasNoFinding() {
        let row = TestSupport.validate("ho-ngheo", base, asOf: RowFixtures.asOf)
        #expect(row.codes == [])
        #expect(!row.isRejected)
    }

    @Test(arguments: ["ma_ho", "ho_ten", "ngay_sinh", "gioi_tinh", "so_dinh_danh", "ma_xa", "loai_ho", "ngay_cap_nhat"])
    func emptyRequiredValueIsAnError(field: String) throws {
        let row = TestSupport.validate("ho-ngheo", RowFixtures.row(base, [field: ""]), asOf: RowFixtures.asOf)
        #expect(row.codes == ["\(field):required"])
        let finding = try #require(row.finding("required"))
        #expect(finding.severity == .error)
        #expect(finding.principle == .completeness)
        #expect(finding.location == Location(unit: "test", file: "test/file.csv", line: 7, field: field))
        #expect(row.isRejected)
    }

    @Test(arguments: ["   ", "\u{00A0}", " \t "])
    func whiteSpaceOnlyIsEmpty(blank: String) {
        let row = TestSupport.validate("ho-ngheo", RowFixtures.row(base, ["ho_ten": blank]), asOf: RowFixtures.asOf)
        #expect(row.codes == ["ho_ten:required"])
    }

    @Test func emptyOptionalValuesPass() {
        let optional = ["ma_dan_toc", "quan_he_chu_ho", "ten_xa", "dia_chi", "so_dien_thoai", "nam_ra_soat", "ghi_chu"]
        let row = TestSupport.validate("ho-ngheo", base.merging(optional.map { ($0, "") }) { _, new in new }, asOf: RowFixtures.asOf)
        #expect(row.codes == [])
    }

    @Test func everyRequiredFieldOfAnEmptyRowIsReportedInSchemaOrder() {
        let row = TestSupport.validate("ho-ngheo", [:], asOf: RowFixtures.asOf)
        #expect(row.codes == ["ma_ho:required", "ho_ten:required", "ngay_sinh:required", "gioi_tinh:required",
                              "so_dinh_danh:required", "ma_xa:required", "loai_ho:required", "ngay_cap_nhat:required"])
    }

    @Test func primaryKeyFieldsAreRequiredEvenWhenNotDeclaredSo() throws {
        var schema = TestSupport.dataset("ho-ngheo")
        let index = try #require(schema.fieldIndex("so_dinh_danh"))
        schema.fields[index].required = false
        let row = RowFixtures.validate(schema, RowFixtures.row(base, ["so_dinh_danh": ""]))
        #expect(row.codes == ["so_dinh_danh:required"])

        schema.primaryKey = ["ma_ho"]
        let notKey = RowFixtures.validate(schema, RowFixtures.row(base, ["so_dinh_danh": ""]))
        #expect(notKey.codes == [])
    }

    @Test func compositeKeyOfMeasurementsIsRequired() {
        let noStation = TestSupport.validate("quan-trac-moi-truong", RowFixtures.row(RowFixtures.quanTrac, ["ma_tram": ""]), asOf: RowFixtures.asOf)
        #expect(noStation.codes == ["ma_tram:required"])
        let noTime = TestSupport.validate("quan-trac-moi-truong", RowFixtures.row(RowFixtures.quanTrac, ["thoi_gian": ""]), asOf: RowFixtures.asOf)
        #expect(noTime.codes == ["thoi_gian:required"])
    }
}
