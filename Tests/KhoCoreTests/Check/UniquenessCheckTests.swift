import Testing
@testable import KhoCore

@Suite struct UniquenessCheckTests {
    private let hoNgheo = TestSupport.dataset("ho-ngheo")
    private let quanTrac = TestSupport.dataset("quan-trac-moi-truong")

    private func row(_ changes: [String: String]) -> [String: String] { RowFixtures.row(RowFixtures.hoNgheo, changes) }

    @Test func secondOccurrenceOfAKeyIsAnErrorPointingAtTheFirst() throws {
        let rows = RowFixtures.run(hoNgheo, [
            ("ubnd-dak-ha/ho-ngheo-2024.csv:3", row([:])),
            ("ubnd-dak-ha/ho-ngheo-2024.csv:9", row(["ma_ho": "HN-23500-002"])),
        ]).rows
        #expect(rows[0].codes == [])
        #expect(rows[1].codes == ["so_dinh_danh:duplicate-key"])
        let finding = try #require(rows[1].finding("duplicate-key"))
        #expect(finding.detail == "first at ubnd-dak-ha/ho-ngheo-2024.csv:3")
        #expect(finding.severity == .error)
        #expect(finding.principle == .onceOnly)
        #expect(finding.value == Masking.mask("062085001234"))   // personal key: masked
        #expect(finding.location.line == 9)
        #expect(rows[1].isRejected)
    }

    @Test func everyLaterOccurrencePointsAtTheFirstAcrossFiles() {
        let rows = RowFixtures.run(hoNgheo, [("a.csv:2", row([:])), ("b.csv:5", row([:])), ("b.csv:6", row([:]))]).rows
        #expect(rows.map(\.codes) == [[], ["so_dinh_danh:duplicate-key"], ["so_dinh_danh:duplicate-key"]])
        #expect(rows.map { $0.finding("duplicate-key")?.detail } == [nil, "first at a.csv:2", "first at a.csv:2"])
    }

    @Test func keysAreComparedInCanonicalForm() {
        let rows = RowFixtures.run(hoNgheo, [("a.csv:2", row([:])), ("a.csv:3", row(["so_dinh_danh": "62 085 001 234"]))]).rows
        #expect(rows[1].codes == ["so_dinh_danh:duplicate-key"])
    }

    @Test func differentKeysPass() {
        let rows = RowFixtures.run(hoNgheo, [("a.csv:2", row([:])), ("a.csv:3", row(["so_dinh_danh": "062085001235"]))]).rows
        #expect(rows.map(\.codes) == [[], []])
    }

    /// The first row in file order owns the key whatever its other findings: a copy of a
    /// rejected row is a duplicate, and so is a rejected copy of a good row.
    @Test func firstRowOwnsTheKeyEvenWhenRejected() throws {
        let rows = RowFixtures.run(hoNgheo, [
            ("a.csv:2", row(["ho_ten": ""])),          // rejected: required
            ("a.csv:3", row([:])),
            ("a.csv:4", row(["ngay_sinh": "31/02/1985"])),
        ]).rows
        #expect(rows[0].codes == ["ho_ten:required"])
        #expect(rows[1].codes == ["so_dinh_danh:duplicate-key"])
        #expect(try #require(rows[1].finding("duplicate-key")).detail == "first at a.csv:2")
        #expect(rows[2].codes == ["ngay_sinh:type-invalid", "so_dinh_danh:duplicate-key"])
        #expect(try #require(rows[2].finding("duplicate-key")).detail == "first at a.csv:2")
    }

    @Test func withFirstAcceptedRowARejectedRowTakesNoKey() throws {
        var schema = hoNgheo
        schema.keyOwner = .firstAcceptedRow
        let rows = RowFixtures.run(schema, [
            ("a.csv:2", row(["ho_ten": ""])),          // rejected: required
            ("a.csv:3", row([:])),
            ("a.csv:4", row([:])),
            ("a.csv:5", row(["ngay_sinh": "31/02/1985"])),
        ]).rows
        #expect(rows[0].codes == ["ho_ten:required"])
        #expect(rows[1].codes == [])
        #expect(rows[2].codes == ["so_dinh_danh:duplicate-key"])
        #expect(try #require(rows[2].finding("duplicate-key")).detail == "first at a.csv:3")
        #expect(rows[3].codes == ["ngay_sinh:type-invalid"])
    }

    /// Integration trusts this claim and indexes the keys of a flow's only unit no second time:
    /// whoever owns a key, the accepted rows never repeat one — unless a repeat is only a warning.
    @Test func acceptedRowsCarryEachKeyOnceWhenARepeatIsAnError() {
        let sequence: [(source: String, values: [String: String])] = [
            ("a.csv:2", row(["ho_ten": ""])), ("a.csv:3", row([:])), ("a.csv:4", row([:])),
            ("a.csv:5", row(["so_dinh_danh": "062085001235", "ngay_sinh": "31/02/1985"])),
            ("a.csv:6", row(["so_dinh_danh": "062085001235"])), ("a.csv:7", row(["so_dinh_danh": "062085001235"])),
            ("a.csv:8", row(["so_dinh_danh": "062085001236"])),
        ]
        func acceptedKeys(_ schema: DatasetSchema) -> [String] {
            RowFixtures.run(schema, sequence).rows.filter { !$0.isRejected }.map { $0.value(schema.fieldIndex("so_dinh_danh")!) }
        }
        var firstAccepted = hoNgheo, warning = hoNgheo, keyless = hoNgheo
        firstAccepted.keyOwner = .firstAcceptedRow
        warning.severities[.duplicateKey] = .warning
        keyless.primaryKey = []
        #expect(UniquenessCheck.acceptsEachPrimaryKeyOnce(hoNgheo) && UniquenessCheck.acceptsEachPrimaryKeyOnce(firstAccepted))
        #expect(!UniquenessCheck.acceptsEachPrimaryKeyOnce(warning) && !UniquenessCheck.acceptsEachPrimaryKeyOnce(keyless))
        #expect(acceptedKeys(hoNgheo) == ["062085001236"])
        #expect(acceptedKeys(firstAccepted) == ["062085001234", "062085001235", "062085001236"])
        #expect(acceptedKeys(warning) == ["062085001234", "062085001234", "062085001235", "062085001235", "062085001236"])
    }

    @Test func rowWithOnlyAWarningTakesItsKey() throws {
        let rows = RowFixtures.run(hoNgheo, [("a.csv:2", row(["so_dien_thoai": "01621234567"])), ("a.csv:3", row([:]))]).rows
        #expect(rows[0].codes == ["so_dien_thoai:phone-legacy"])
        #expect(try #require(rows[1].finding("duplicate-key")).detail == "first at a.csv:2")
    }

    // MARK: - Composite keys

    @Test func compositeOpenKeyIsShownUnmasked() throws {
        let rows = RowFixtures.run(quanTrac, [
            ("so-nnmt/quan-trac.xml:12", RowFixtures.quanTrac),
            ("so-nnmt/quan-trac.xml:40", RowFixtures.row(RowFixtures.quanTrac, ["thoi_gian": "2025-08-15T08:30:00", "ph": "7,4"])),
            ("so-nnmt/quan-trac.xml:41", RowFixtures.row(RowFixtures.quanTrac, ["thoi_gian": "15/08/2025 09:30"])),
            ("so-nnmt/quan-trac.xml:42", RowFixtures.row(RowFixtures.quanTrac, ["ma_tram": "KT-NM-02"])),
        ]).rows
        #expect(rows.map(\.codes) == [[], [":duplicate-key"], [], []])
        let finding = try #require(rows[1].finding("duplicate-key"))
        #expect(finding.location.field == nil)
        #expect(finding.value == "KT-NM-01, 2025-08-15T08:30:00")
        #expect(finding.detail == "first at so-nnmt/quan-trac.xml:12")
    }

    /// ho-ngheo keyed on (ma_ho, ho_ten): a personal field in the key masks the whole key; the
    /// declared unique so_dinh_danh becomes a key set of its own.
    private func personalCompositeSchema() -> DatasetSchema {
        var schema = hoNgheo
        schema.primaryKey = ["ma_ho", "ho_ten"]
        return schema
    }

    @Test func compositeKeyWithAPersonalFieldIsMasked() throws {
        let rows = RowFixtures.run(personalCompositeSchema(), [("a.csv:2", row([:])), ("a.csv:3", row(["so_dinh_danh": "062085001235"]))]).rows
        #expect(rows[1].codes == [":duplicate-key"])
        #expect(try #require(rows[1].finding("duplicate-key")).value == Masking.mask("HN-23500-001, Nguyễn Văn An"))
    }

    @Test func uniqueFieldOutsideTheKeyIsCheckedOnItsOwn() throws {
        let rows = RowFixtures.run(personalCompositeSchema(), [("a.csv:2", row([:])), ("a.csv:3", row(["ma_ho": "HN-23500-002"]))]).rows
        #expect(rows[1].codes == ["so_dinh_danh:duplicate-key"])
        #expect(try #require(rows[1].finding("duplicate-key")).detail == "first at a.csv:2")
    }

    /// Values are hashed with a separator: ("HN-1", "2An") and ("HN-12", "An") are different keys.
    @Test func compositeValuesDoNotRunTogether() {
        let rows = RowFixtures.run(personalCompositeSchema(), [
            ("a.csv:2", row(["ma_ho": "HN-1", "ho_ten": "2An"])),
            ("a.csv:3", row(["ma_ho": "HN-12", "ho_ten": "An", "so_dinh_danh": "062085001235"])),
        ]).rows
        #expect(rows.map(\.codes) == [[], []])
    }
}
