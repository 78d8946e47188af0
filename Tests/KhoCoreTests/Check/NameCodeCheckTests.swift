import Testing
@testable import KhoCore

/// `ten_xa` against `ma_xa`, judged on the record's date; the canonical name is the name of the
/// canonical code on the as-of date.
@Suite struct NameCodeCheckTests {
    private static let before = "15/12/2024"
    private static let after = "15/08/2025"

    private func hoNgheo(_ changes: [String: String]) -> (row: RowState, context: RowFixtures.Counts) {
        RowFixtures.validateCounting("ho-ngheo", RowFixtures.row(RowFixtures.hoNgheo, changes))
    }

    @Test func nameAgreeingOnTheRecordDateBecomesTheCurrentName() {
        let (row, context) = hoNgheo(["ma_xa": "23500", "ten_xa": "Thị trấn Đắk Hà", "ngay_cap_nhat": Self.before])
        #expect(row.codes == [])
        #expect(row.value("ten_xa", in: "ho-ngheo") == "Xã Đăk Hà")
        #expect(context.normalizations["name-from-code"] == 1)
    }

    @Test(arguments: ["Đắk Hà", "Đăk Hà", "thị trấn đắk hà", "THỊ TRẤN ĐẮK HÀ", "Dak Ha", "Thi tran Dak Ha"])
    func spellingsOfTheNameAgree(name: String) {
        let (row, _) = hoNgheo(["ma_xa": "23500", "ten_xa": name, "ngay_cap_nhat": Self.before])
        #expect(row.codes == [])
        #expect(row.value("ten_xa", in: "ho-ngheo") == "Xã Đăk Hà")
    }

    /// 23425 was Xã Đắk Hà and is Xã Tu Mơ Rông from 2025-07-01.
    @Test func reusedCodeKeepsItsOldNameOnAnOldRecord() {
        let (row, _) = hoNgheo(["ma_xa": "23425", "ten_xa": "Xã Đắk Hà", "ngay_cap_nhat": Self.before])
        #expect(row.codes == [])
        #expect(row.value("ma_xa", in: "ho-ngheo") == "23425")
        #expect(row.value("ten_xa", in: "ho-ngheo") == "Xã Tu Mơ Rông")
    }

    @Test func newNameOnAnOldRecordDisagrees() throws {
        let (row, _) = hoNgheo(["ma_xa": "23425", "ten_xa": "Xã Tu Mơ Rông", "ngay_cap_nhat": Self.before])
        #expect(row.codes == ["ten_xa:name-code-mismatch"])
        let finding = try #require(row.finding("name-code-mismatch"))
        #expect(finding.detail == "23425 = Xã Đắk Hà")
        #expect(finding.severity == .warning)
        #expect(finding.principle == .sharedCodes)
        #expect(finding.value == "Xã Tu Mơ Rông")
        #expect(!row.isRejected)
    }

    @Test func oldNameOnANewRecordDisagrees() throws {
        let (row, _) = hoNgheo(["ma_xa": "23425", "ten_xa": "Xã Đắk Hà", "ngay_cap_nhat": Self.after])
        #expect(row.codes == ["ten_xa:name-code-mismatch"])
        #expect(try #require(row.finding("name-code-mismatch")).detail == "23425 = Xã Tu Mơ Rông")
        #expect(row.value("ten_xa", in: "ho-ngheo") == "Xã Đắk Hà")   // a disputed name is not overwritten
    }

    @Test func retiredCodeCarriesItsNameForward() {
        let (row, _) = hoNgheo(["ma_xa": "23521", "ten_xa": "Xã Hà Mòn", "ngay_cap_nhat": Self.before])
        #expect(row.codes == [])
        #expect(row.value("ma_xa", in: "ho-ngheo") == "23500")
        #expect(row.value("ten_xa", in: "ho-ngheo") == "Xã Đăk Hà")
    }

    @Test func missingNameIsFilledFromTheCode() {
        let (row, context) = hoNgheo(["ma_xa": "23500", "ten_xa": "", "ngay_cap_nhat": Self.after])
        #expect(row.codes == [])
        #expect(row.value("ten_xa", in: "ho-ngheo") == "Xã Đăk Hà")
        #expect(context.normalizations["name-from-code"] == 1)
    }

    @Test func currentNameIsLeftAloneAndNotCounted() {
        let (row, context) = hoNgheo(["ma_xa": "23500", "ten_xa": "Xã Đăk Hà", "ngay_cap_nhat": Self.after])
        #expect(row.codes == [])
        #expect(context.normalizations["name-from-code"] == nil)
    }

    @Test func nameIsNotJudgedAgainstACodeThatFailed() {
        let (row, _) = hoNgheo(["ma_xa": "99999", "ten_xa": "Xã Hà Mòn"])
        #expect(row.codes == ["ma_xa:code-unknown"])
        #expect(row.value("ten_xa", in: "ho-ngheo") == "Xã Hà Mòn")
    }

    /// catalogs/README.md: aliases do not cover type prefixes and their abbreviations ("TT.",
    /// "TP.", "H."): "Normalise those in the matcher before looking up a name."
    @Test(arguments: ["TT. Đắk Hà", "TT Đắk Hà"])
    func abbreviatedTypePrefixAgrees(name: String) {
        let (row, _) = hoNgheo(["ma_xa": "23500", "ten_xa": name, "ngay_cap_nhat": Self.before])
        #expect(row.codes == [])
    }
}
