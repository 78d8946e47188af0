import Testing
@testable import KhoCore

/// Codes against the real catalogs, on the record's date (`ngay_cap_nhat`), around the
/// 2025-07-01 reorganization. `ten_xa` is left empty so the name check cannot interfere.
@Suite struct CodeListCheckTests {
    private static let before = "15/12/2024"
    private static let after = "15/08/2025"

    private func hoNgheo(_ changes: [String: String], asOf: String = RowFixtures.asOf) -> (row: RowState, context: RowFixtures.Counts) {
        RowFixtures.validateCounting("ho-ngheo", RowFixtures.row(RowFixtures.hoNgheo, ["ten_xa": ""].merging(changes) { _, new in new }), asOf: asOf)
    }

    // MARK: - The 2025 reorganization

    @Test func oldCodeOnAnOldRecordIsValidAndCarriedToItsSuccessor() {
        let (row, context) = hoNgheo(["ma_xa": "23521", "ngay_cap_nhat": Self.before])
        #expect(row.codes == [])
        #expect(row.value("ma_xa", in: "ho-ngheo") == "23500")
        #expect(row.recordEntries[TestSupport.dataset("ho-ngheo").fieldIndex("ma_xa")!]?.code == "23521")
        #expect(context.normalizations["code-successor"] == 1)
    }

    @Test func successorDependsOnTheAsOfDate() {
        let (row, context) = hoNgheo(["ma_xa": "23521", "ngay_cap_nhat": Self.before], asOf: "2025-06-30")
        #expect(row.codes == [])
        #expect(row.value("ma_xa", in: "ho-ngheo") == "23521")
        #expect(context.normalizations["code-successor"] == nil)
    }

    /// One rule over many rows remembers where a retired code went, for the as-of date it was
    /// asked about: the same entry on another as-of date is followed again (a chain of two
    /// reorganizations, 23901 → 23902 → 23903, added to the real list).
    @Test func oneRuleCarriesARepeatedOldCodeOnEachAsOfDate() throws {
        let xa = try #require(TestSupport.configuration.codeLists["xa"])
        func entry(_ code: String, _ from: String?, _ to: String?, _ successor: String?) -> CodeList.Entry {
            CodeList.Entry(code: code, name: "Xã Thử \(code)", validFrom: from.map(TestSupport.date), validTo: to.map(TestSupport.date),
                           successor: successor, aliases: [], extra: [:])
        }
        var lists = TestSupport.configuration.codeLists
        lists["xa"] = CodeList(id: "xa", entries: xa.entries + [entry("23901", nil, "2020-12-31", "23902"),
                                                                entry("23902", "2021-01-01", "2025-06-30", "23903"),
                                                                entry("23903", "2025-07-01", nil, nil)])
        let schema = TestSupport.dataset("ho-ngheo")
        let rule = try #require(CodeRule(schema: schema))
        let field = try #require(schema.fieldIndex("ma_xa"))
        let values = RowFixtures.row(RowFixtures.hoNgheo, ["ten_xa": "", "ma_xa": "23901"])
        let record = Record(values: schema.fields.map { values[$0.name] ?? "" }, source: "test/file.csv:7")
        var carried: [String] = []
        for asOf in ["2026-11-29", "2026-11-29", "2022-06-30", "2026-11-29"] {
            let context = DatasetContext(schema: schema, unit: "test", asOf: TestSupport.date(asOf), codeLists: lists)
            var row = RowState()
            row.reset(with: record)
            row.recordDate = TestSupport.date("2019-03-01")
            rule.apply(&row, context)
            carried.append(row.value(field))
        }
        #expect(carried == ["23903", "23903", "23902", "23903"])
    }

    @Test func oldCodeOnARecordAfterTheReorganizationIsRetired() throws {
        let (row, _) = hoNgheo(["ma_xa": "23521", "ngay_cap_nhat": Self.after])
        #expect(row.codes == ["ma_xa:code-retired"])
        let finding = try #require(row.finding("code-retired"))
        #expect(finding.detail == "successor 23500")
        #expect(finding.severity == .error)
        #expect(finding.principle == .sharedCodes)
        #expect(finding.value == "23521")
        #expect(row.isRejected)
    }

    /// A district code on a record after 2025-07-01: the level was abolished and its list goes on
    /// without it, so the code is retired, with its last day (no list replaced `huyen.csv`).
    @Test func retiredCodeWithoutSuccessorNamesItsLastDay() throws {
        let row = RowFixtures.validate(Self.hoNgheoWithDistrict, RowFixtures.row(RowFixtures.hoNgheo,
                                       ["ten_xa": "", "ma_huyen": "615", "ngay_cap_nhat": Self.after]))
        #expect(row.codes == ["ma_huyen:code-retired"])
        let finding = try #require(row.finding("code-retired"))
        #expect(finding.detail == "valid until 2025-06-30")
        #expect(finding.severity == .error)
    }

    /// A reused code means the unit in force on the record's date: 23500 is valid before and after.
    @Test(arguments: [before, after])
    func reusedCodeIsValidOnBothSides(date: String) {
        let (row, context) = hoNgheo(["ma_xa": "23500", "ngay_cap_nhat": date])
        #expect(row.codes == [])
        #expect(row.value("ma_xa", in: "ho-ngheo") == "23500")
        #expect(context.normalizations["code-successor"] == nil)
    }

    /// No real catalog has a code that only starts on 2025-07-01 (every new commune and province
    /// code reuses an old one), so the list is the real one plus one new-only commune.
    @Test func newCodeOnARecordBeforeItExistedIsNotYetValid() throws {
        let xa = try #require(TestSupport.configuration.codeLists["xa"])
        let newOnly = CodeList.Entry(code: "23999", name: "Xã Thử Nghiệm", validFrom: TestSupport.date("2025-07-01"), validTo: nil,
                                     successor: nil, aliases: [], extra: [:])
        var lists = TestSupport.configuration.codeLists
        lists["xa"] = CodeList(id: "xa", entries: xa.entries + [newOnly])
        let values = RowFixtures.row(RowFixtures.hoNgheo, ["ten_xa": "", "ma_xa": "23999"])

        let early = RowFixtures.validate(TestSupport.dataset("ho-ngheo"), values, codeLists: lists)
        #expect(early.codes == ["ma_xa:code-not-yet-valid"])
        let finding = try #require(early.finding("code-not-yet-valid"))
        #expect(finding.detail == "valid from 2025-07-01")
        #expect(finding.severity == .error)

        let late = RowFixtures.validate(TestSupport.dataset("ho-ngheo"), RowFixtures.row(values, ["ngay_cap_nhat": Self.after]), codeLists: lists)
        #expect(late.codes == [])
    }

    // MARK: - Names, padding, unknown codes

    @Test(arguments: ["Xơ Đăng", "Xo Dang", "XƠ ĐĂNG", "Xơ-đăng", "Sê Đăng", "Xo\u{031B} Đa\u{0306}ng"])
    func nameWhereACodeBelongsIsResolvedWithAWarning(name: String) throws {
        let (row, context) = hoNgheo(["ma_dan_toc": name])
        #expect(row.codes == ["ma_dan_toc:code-from-name"])
        let finding = try #require(row.finding("code-from-name"))
        #expect(finding.detail == nil)   // "16" would tell the masked ethnicity
        #expect(finding.severity == .warning)
        #expect(row.value("ma_dan_toc", in: "ho-ngheo") == "16")
        #expect(!row.isRejected)
        #expect(context.normalizations["code-from-name"] == 1)
    }

    @Test(arguments: [("gioi_tinh", "Nữ", "2"), ("gioi_tinh", "F", "2"), ("loai_ho", "Hộ cận nghèo", "2"), ("loai_ho", "nghèo", "1"),
                      ("quan_he_chu_ho", "Chủ hộ", "01"), ("ma_dan_toc", "Ba Na", "12")])
    func namesOfOtherListsResolve(field: String, name: String, code: String) throws {
        let (row, _) = hoNgheo([field: name])
        #expect(row.findings(on: field).map(\.code.rawValue) == ["code-from-name"])
        // The resolved code would reveal a masked personal value: it is kept only on other fields.
        let personal = TestSupport.dataset("ho-ngheo").field(field)?.classification == .personal
        #expect(try #require(row.finding("code-from-name")).detail == (personal ? nil : code))
        #expect(row.value(field, in: "ho-ngheo") == code)
    }

    @Test func leadingZeroLostBySpreadsheetIsRestoredSilently() {
        let (row, context) = hoNgheo(["ma_dan_toc": "6", "quan_he_chu_ho": "1"])
        #expect(row.codes == [])
        #expect(row.value("ma_dan_toc", in: "ho-ngheo") == "06")
        #expect(row.value("quan_he_chu_ho", in: "ho-ngheo") == "01")
        #expect(context.normalizations["code-padded"] == 2)
    }

    @Test func ambiguousNameIsAnErrorListingTheCandidates() throws {
        let (row, _) = hoNgheo(["ma_xa": "Đắk Hà", "ngay_cap_nhat": Self.before])
        #expect(row.codes == ["ma_xa:code-ambiguous"])
        let finding = try #require(row.finding("code-ambiguous"))
        #expect(finding.detail == "23425|23500")
        #expect(finding.severity == .error)
        #expect(finding.principle == .sharedCodes)
        #expect(row.value("ma_xa", in: "ho-ngheo") == "Đắk Hà")
        #expect(row.isRejected)
    }

    @Test func sameNameIsUnambiguousAfterTheReorganization() throws {
        let (row, _) = hoNgheo(["ma_xa": "Đắk Hà", "ngay_cap_nhat": Self.after])
        #expect(row.codes == ["ma_xa:code-from-name"])
        #expect(try #require(row.finding("code-from-name")).detail == "23500")
        #expect(row.value("ma_xa", in: "ho-ngheo") == "23500")
    }

    /// "Xã Tu Mơ Rông" was 23422 until 2025-06-30: the name resolves on the record's date, then the
    /// code is carried to its successor 23425.
    @Test func nameResolvesOnTheRecordDateThenFollowsTheSuccessor() throws {
        let (row, _) = hoNgheo(["ma_xa": "Xã Tu Mơ Rông", "ngay_cap_nhat": Self.before])
        #expect(row.codes == ["ma_xa:code-from-name"])
        #expect(try #require(row.finding("code-from-name")).detail == "23422")
        #expect(row.value("ma_xa", in: "ho-ngheo") == "23425")
    }

    @Test func nameOfAUnitThatNoLongerExistsIsUnknown() throws {
        let (row, _) = hoNgheo(["ma_xa": "Hà Mòn", "ngay_cap_nhat": Self.after])
        #expect(row.codes == ["ma_xa:code-unknown"])
        #expect(try #require(row.finding("code-unknown")).detail == nil)
    }

    @Test(arguments: ["99999", "2350", "62", "Xã Không Có"])
    func unknownCodeIsAnError(value: String) throws {
        let (row, _) = hoNgheo(["ma_xa": value])
        #expect(row.codes == ["ma_xa:code-unknown"])
        let finding = try #require(row.finding("code-unknown"))
        #expect(finding.severity == .error)
        #expect(finding.detail == nil)
        #expect(finding.value == value)   // ma_xa is open
    }

    @Test func personalCodedValueIsMaskedInTheFinding() throws {
        let (row, _) = hoNgheo(["ma_dan_toc": "Người Sao Hỏa"])
        #expect(row.codes == ["ma_dan_toc:code-unknown"])
        #expect(try #require(row.finding("code-unknown")).value == Masking.mask("Người Sao Hỏa"))
    }

    // MARK: - Repeated names told apart by the record's district (catalogs.json: xa's parent is huyen)

    /// ho-ngheo with the dictionary's `ma_huyen` (codes of `huyen.csv`), which no real dataset has yet.
    static let hoNgheoWithDistrict: DatasetSchema = {
        var schema = TestSupport.dataset("ho-ngheo")
        guard let district = TestSupport.configuration.dictionary.fields["ma_huyen"] else { fatalError("no ma_huyen") }
        schema.fields.append(district)
        return schema
    }()

    private func commune(_ name: String, district unitDistrict: String? = nil, recordDistrict: String? = nil,
                         date: String = before) -> RowState {
        var values = RowFixtures.row(RowFixtures.hoNgheo, ["ten_xa": "", "ma_xa": name, "ngay_cap_nhat": date])
        if let recordDistrict { values["ma_huyen"] = recordDistrict }
        return RowFixtures.validate(Self.hoNgheoWithDistrict, values, unitCodes: unitDistrict.map { ["huyen": $0] } ?? [:])
    }

    /// "Xã Đắk Long" was 23368 in Đắk Glei (610) and 23504 in Đắk Hà (615) until 2025-06-30.
    @Test func repeatedCommuneNameWithoutADistrictIsAmbiguous() throws {
        let row = commune("Xã Đắk Long")
        #expect(row.codes == ["ma_xa:code-ambiguous"])
        #expect(try #require(row.finding("code-ambiguous")).detail == "23368|23504")
        #expect(row.value("ma_xa", in: "ho-ngheo") == "Xã Đắk Long")
    }

    @Test(arguments: [("615", "23504"), ("610", "23368")])
    func repeatedCommuneNameIsResolvedInTheUnitsDistrict(district: String, code: String) throws {
        let row = commune("Xã Đắk Long", district: district)
        #expect(row.codes == ["ma_xa:code-from-name"])
        #expect(try #require(row.finding("code-from-name")).detail == code)
        #expect(row.value("ma_xa", in: "ho-ngheo") == code)
    }

    /// A district that has neither commune cannot choose between them.
    @Test func repeatedCommuneNameOutsideBothDistrictsStaysAmbiguous() throws {
        let row = commune("Xã Đắk Long", district: "614")
        #expect(row.codes == ["ma_xa:code-ambiguous"])
        #expect(try #require(row.finding("code-ambiguous")).detail == "23368|23504")
    }

    /// The record's own district field wins over the unit's, whether it holds a code or a name.
    @Test(arguments: ["610", "Đắk Glei", "Huyện Đắk Glei"])
    func recordsDistrictFieldWinsOverTheUnits(district: String) throws {
        let row = commune("Xã Đắk Long", district: "615", recordDistrict: district)
        #expect(row.findings(on: "ma_xa").map(\.code.rawValue) == ["code-from-name"])
        #expect(row.value("ma_xa", in: "ho-ngheo") == "23368")
        let districtField = try #require(Self.hoNgheoWithDistrict.fieldIndex("ma_huyen"))
        #expect(row.values[districtField] == "610")
    }

    @Test func emptyDistrictFieldFallsBackToTheUnits() {
        let row = commune("Xã Đắk Long", district: "615", recordDistrict: "")
        #expect(row.value("ma_xa", in: "ho-ngheo") == "23504")
    }

    /// Bare "Đắk Hà" was Xã Đắk Hà (23425, Tu Mơ Rông 617) and Thị trấn Đắk Hà (23500, Đắk Hà 615).
    @Test(arguments: [("615", "23500"), ("617", "23425")])
    func bareNameOfTwoUnitsIsResolvedByDistrict(district: String, code: String) {
        let row = commune("Đắk Hà", district: district)
        #expect(row.codes == ["ma_xa:code-from-name"])
        #expect(row.value("ma_xa", in: "ho-ngheo") == code)
    }

    /// A name of one code needs no district, and a district that does not hold it does not stop it.
    @Test(arguments: [nil, "615", "610"] as [String?])
    func uniqueNameIsResolvedWhateverTheDistrict(district: String?) throws {
        let row = commune("Hà Mòn", district: district)
        #expect(row.codes == ["ma_xa:code-from-name"])
        #expect(try #require(row.finding("code-from-name")).detail == "23521")
        #expect(row.value("ma_xa", in: "ho-ngheo") == "23500")   // its successor on the as-of date
    }

    /// After 2025-07-01 only one Đăk Long exists (23368): the date decides before the district.
    @Test func repeatedNameIsUniqueAfterTheReorganization() throws {
        let row = commune("Xã Đắk Long", district: "615", date: Self.after)
        #expect(row.codes == ["ma_xa:code-from-name"])
        #expect(row.value("ma_xa", in: "ho-ngheo") == "23368")
    }

    /// The same name on several rows of different districts: the resolution cache keeps them apart.
    @Test func cachedResolutionsDependOnTheDistrict() {
        let values = { (district: String) in
            RowFixtures.row(RowFixtures.hoNgheo, ["ten_xa": "", "ma_xa": "Xã Đắk Long", "ma_huyen": district, "so_dinh_danh": "06208500123\(district.last ?? "0")"])
        }
        let run = RowFixtures.run(Self.hoNgheoWithDistrict, [("a.csv:2", values("615")), ("a.csv:3", values("610")), ("a.csv:4", values("615"))])
        #expect(run.rows.map { $0.value("ma_xa", in: "ho-ngheo") } == ["23504", "23368", "23504"])
    }

    // MARK: - A list replaced by one that is not loaded (VSIC 2018 → VSIC 2025)

    private func business(_ changes: [String: String]) -> RowState {
        RowFixtures.validate(TestSupport.dataset("ho-kinh-doanh"), RowFixtures.row(RowFixtures.hoKinhDoanh, changes), asOf: "2025-12-31")
    }

    @Test(arguments: ["15/11/2025", "15/12/2025"])
    func vsic2018CodeAfterItsListEndedIsAWarningNamingTheMissingList(date: String) throws {
        let row = business(["nganh_nghe": "G", "ngay_cap_nhat": date])
        #expect(row.codes == ["nganh_nghe:code-superseded-unmapped"])
        let finding = try #require(row.finding("code-superseded-unmapped"))
        #expect(finding.severity == .warning)
        #expect(finding.principle == .sharedCodes)
        #expect(finding.detail == "valid until 2025-11-14; superseded by VSIC 2025 (Hệ thống ngành kinh tế Việt Nam 2025), not loaded")
        #expect(!row.isRejected)
        #expect(row.value("nganh_nghe", in: "ho-kinh-doanh") == "G")
    }

    @Test func vsic2018CodeOnItsLastDayIsValid() {
        #expect(business(["nganh_nghe": "G", "ngay_cap_nhat": "14/11/2025"]).codes == [])
    }

    /// A section written by name after the list ended is read as the list last had it.
    @Test func vsic2018NameAfterItsListEndedIsResolvedThenWarned() {
        let row = business(["nganh_nghe": "Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy và xe có động cơ khác", "ngay_cap_nhat": "15/12/2025"])
        #expect(row.codes == ["nganh_nghe:code-from-name", "nganh_nghe:code-superseded-unmapped"])
        #expect(row.value("nganh_nghe", in: "ho-kinh-doanh") == "G")
        #expect(!row.isRejected)
    }

    @Test func unknownSectionAfterTheListEndedIsStillUnknown() {
        #expect(business(["nganh_nghe": "W", "ngay_cap_nhat": "15/12/2025"]).codes == ["nganh_nghe:code-unknown"])
    }

    /// Once rows of the new list are loaded (here one made-up row, not a VSIC 2025 section), an old
    /// code after the end is judged against them: retired, an error, as any retired code.
    @Test func onceTheNewListIsLoadedAnOldCodeIsRetired() throws {
        let sections = try #require(TestSupport.configuration.codeLists["nganh-kinh-te"])
        let madeUp = CodeList.Entry(code: "ZZ", name: "Ngành thử nghiệm", validFrom: TestSupport.date("2025-11-15"), validTo: nil,
                                    successor: nil, aliases: [], extra: [:])
        var lists = TestSupport.configuration.codeLists
        lists["nganh-kinh-te"] = CodeList(id: "nganh-kinh-te", entries: sections.entries + [madeUp], properties: sections.properties)
        let row = RowFixtures.validate(TestSupport.dataset("ho-kinh-doanh"),
                                       RowFixtures.row(RowFixtures.hoKinhDoanh, ["nganh_nghe": "G", "ngay_cap_nhat": "15/12/2025"]),
                                       asOf: "2025-12-31", codeLists: lists)
        #expect(row.codes == ["nganh_nghe:code-retired"])
        #expect(row.isRejected)
    }

    // MARK: - A unit's own code system (1979 ethnic codes)

    @Test(arguments: [("14", "16"), ("13", "12"), ("16", "15"), ("4", "06")])
    func unitCodeSystemIsMappedThroughTheCrosswalk(code1979: String, code2008: String) {
        let run = RowFixtures.run(TestSupport.dataset("ho-ngheo"), [("test/file.csv:7", RowFixtures.row(RowFixtures.hoNgheo, ["ma_dan_toc": code1979]))],
                                  codeSystems: ["ma_dan_toc": CodeSystem(catalog: "dan-toc-1979", column: "code_2008")])
        #expect(run.rows[0].codes == [])
        #expect(run.rows[0].value("ma_dan_toc", in: "ho-ngheo") == code2008)
        #expect(run.context.normalizations["code-crosswalk"] == 1)
    }

    // MARK: - Severity from the dataset

    @Test func datasetCanDemoteARetiredCodeToAWarning() throws {
        var schema = TestSupport.dataset("ho-ngheo")
        schema.severities[.codeRetired] = .warning
        let row = RowFixtures.validate(schema, RowFixtures.row(RowFixtures.hoNgheo, ["ten_xa": "", "ma_xa": "23521", "ngay_cap_nhat": Self.after]))
        #expect(row.codes == ["ma_xa:code-retired"])
        #expect(try #require(row.finding("code-retired")).severity == .warning)
        #expect(!row.isRejected)
    }

    // MARK: - Spellings the catalogs say the matcher must handle

    /// catalogs/README.md: "PTDTBT is a school type, not a level, so the matcher must strip it."
    @Test func schoolTypePrefixIsStrippedBeforeMatchingALevel() {
        let row = TestSupport.validate("co-so-giao-duc", RowFixtures.row(RowFixtures.coSoGiaoDuc, ["cap_hoc": "PTDTBT TH&THCS"]),
                                       asOf: RowFixtures.asOf)
        #expect(row.codes == ["cap_hoc:code-from-name"])
        #expect(row.value("cap_hoc", in: "co-so-giao-duc") == "TH-THCS")
    }

    /// catalogs/README.md: '"Ba" is deliberately not an alias ... An unmatched "Ba" should go to
    /// review rather than be matched silently.' Folding diacritics makes it match 08 Bà.
    @Test func asciiBaIsNotTakenForBa() {
        let (row, _) = hoNgheo(["quan_he_chu_ho": "Ba"])
        #expect(row.codes == ["quan_he_chu_ho:code-unknown"])
        #expect(row.value("quan_he_chu_ho", in: "ho-ngheo") == "Ba")
    }
}
