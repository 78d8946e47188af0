import Testing
@testable import KhoCore

@Suite struct UnitNameTests {
    static let district = UnitConfig(id: "ubnd-dak-ha", name: "Ủy ban nhân dân huyện Đắk Hà", agencyCode: "000.00.35.H33", sources: [],
                                     validTo: TestSupport.date("2025-06-30"))

    @Test func aUnitInForceIsNamedAsConfigured() {
        let name = UnitName(Self.district, on: TestSupport.date("2025-06-30"))
        #expect(name.text == "Ủy ban nhân dân huyện Đắk Hà")
        #expect(name.agencyCode == "000.00.35.H33")
        #expect(name.sentBy == nil)
    }

    @Test func anEndedUnitIsNamedByItsSuccessorAndKeptBeside() {
        var unit = Self.district
        unit.successor = Organization(name: "Cơ quan kế thừa thử")
        let name = UnitName(unit, on: TestSupport.date("2026-01-15"))
        #expect(name.title == Message(vi: "Cơ quan kế thừa thử (trước đây là Ủy ban nhân dân huyện Đắk Hà)",
                                      en: "Cơ quan kế thừa thử (formerly Ủy ban nhân dân huyện Đắk Hà)"))
        // The successor's agency code is not known: none is shown rather than the old one under the new name.
        #expect(name.agencyCode == nil)
        #expect(name.sentBy?.title == "Ủy ban nhân dân huyện Đắk Hà")
        #expect(name.sentBy?.agencyCode == "000.00.35.H33")
        #expect(name.sentBy?.validTo == "2025-06-30")
        unit.successor?.agencyCode = "000.00.00.X00"
        #expect(UnitName(unit, on: TestSupport.date("2026-01-15")).agencyCode == "000.00.00.X00")
    }

    @Test func anEndedUnitWithoutSuccessorSaysSoInsteadOfGuessing() {
        let name = UnitName(Self.district, on: TestSupport.date("2025-07-01"))
        #expect(name.title == Message(vi: "Ủy ban nhân dân huyện Đắk Hà (hoạt động đến 2025-06-30; chưa ghi nhận đơn vị kế thừa)",
                                      en: "Ủy ban nhân dân huyện Đắk Hà (in force until 2025-06-30; no successor on record)"))
        #expect(name.agencyCode == "000.00.35.H33")
        #expect(name.sentBy?.validTo == "2025-06-30")
    }

    /// Before its start a unit is not "formerly" anything: it is named as configured.
    @Test func aUnitNotYetInForceIsNamedAsConfigured() {
        var unit = Self.district
        unit.validFrom = TestSupport.date("2025-03-01")
        #expect(UnitName(unit, on: TestSupport.date("2025-01-01")).text == "Ủy ban nhân dân huyện Đắk Hà")
    }
}
