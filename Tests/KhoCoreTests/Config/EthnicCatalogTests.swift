import Testing
@testable import KhoCore

/// The two ethnic lists as `pipelines/catalogs/` holds them, pinned by code: Kon Tum's own peoples,
/// and the 2008 codes 25–37 that an earlier file had in the 1979 population order (Giẻ Triêng was
/// 27, which is Tà Ôi).
@Suite struct EthnicCatalogTests {
    private static let list2008 = catalog("dan-toc")
    private static let list1979 = catalog("dan-toc-1979")

    private static func catalog(_ id: String) -> CodeList {
        guard let list = TestSupport.configuration.codeLists[id] else { fatalError("no catalog \(id)") }
        return list
    }

    /// The ethnic lists have no dates: any day gives the one row of a code.
    private static let someDay = TestSupport.date("2025-08-15")

    private func name(_ code: String, in list: CodeList) -> String? {
        guard case .valid(let entry) = list.lookup(code, on: Self.someDay) else { return nil }
        return entry.name
    }

    /// (name, 2008 code, 1979 code) of the peoples DOMAIN.md names for Kon Tum.
    static let konTumPeoples: [(String, String, String)] = [
        ("Kinh", "01", "01"), ("Xơ Đăng", "16", "14"), ("Ba Na", "12", "13"), ("Giẻ Triêng", "29", "27"),
        ("Gia Rai", "10", "10"), ("Brâu", "53", "52"), ("Rơ Măm", "52", "54"), ("Hrê", "18", "19"),
    ]

    @Test(arguments: konTumPeoples)
    func konTumPeopleHaveTheirCodesInBothLists(people: String, code2008: String, code1979: String) {
        #expect(name(code2008, in: Self.list2008) == people)
        #expect(name(code1979, in: Self.list1979) == people)
        #expect(Self.list2008.latest(code2008)?.extra["code_1979"] == code1979)
        #expect(Self.list1979.latest(code1979)?.extra["code_2008"] == code2008)
    }

    @Test(arguments: [("25", "Cơ Tu"), ("26", "Giáy"), ("27", "Tà Ôi"), ("28", "Mạ"), ("29", "Giẻ Triêng"), ("30", "Co"),
                      ("31", "Chơ Ro"), ("32", "Xinh Mun"), ("33", "Hà Nhì"), ("34", "Chu Ru"), ("35", "Lào"), ("36", "La Chí"),
                      ("37", "Kháng")])
    func codes25to37FollowThe2008Order(code: String, people: String) {
        #expect(name(code, in: Self.list2008) == people)
    }

    @Test func crosswalkIsSymmetricForEveryGroup() {
        #expect(Self.list2008.entries.count == 54)
        #expect(Self.list1979.entries.count == 54)
        for entry in Self.list2008.entries {
            let back = Self.list1979.latest(entry.extra["code_1979"] ?? "")
            #expect(back?.extra["code_2008"] == entry.code, "2008 code \(entry.code)")
            #expect(back?.name == entry.name, "2008 code \(entry.code)")
        }
    }

    @Test func gieTriengByNameIs29AndTaOiIs27() {
        #expect(CodeNormalizer.resolve("Giẻ Triêng", in: Self.list2008, on: nil) == .fromName("29"))
        #expect(CodeNormalizer.resolve("Gie Trieng", in: Self.list2008, on: nil) == .fromName("29"))
        #expect(CodeNormalizer.resolve("Tà Ôi", in: Self.list2008, on: nil) == .fromName("27"))
    }

    /// A unit still on the 1979 numbering writes Giẻ Triêng as 27: it must land on 29, not on Tà Ôi.
    @Test(arguments: [("27", "29"), ("31", "27"), ("13", "12"), ("14", "16"), ("52", "53"), ("54", "52")])
    func unitOn1979CodesLandsOnThe2008Group(code1979: String, code2008: String) {
        let run = RowFixtures.run(TestSupport.dataset("ho-ngheo"),
                                  [("test/file.csv:7", RowFixtures.row(RowFixtures.hoNgheo, ["ma_dan_toc": code1979]))],
                                  codeSystems: ["ma_dan_toc": CodeSystem(catalog: "dan-toc-1979", column: "code_2008")])
        #expect(run.rows[0].codes == [])
        #expect(run.rows[0].value("ma_dan_toc", in: "ho-ngheo") == code2008)
    }
}
