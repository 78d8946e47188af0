import Foundation
import Testing
@testable import KhoCore

/// Which version of a record the table keeps, and how a dataset declares the rule.
@Suite struct ConflictRuleTests {
    /// A version with values `values` (its fingerprint).
    private func version(_ values: UInt64, unit: Int, date: String?) -> RecordVersion {
        RecordVersion(unit: unit, date: date.flatMap(instant), fingerprint: values)
    }

    private func instant(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { ConflictRule.instant(UnsafeBufferPointer($0)) }
    }

    // MARK: - Choosing

    @Test func newestKeepsTheLaterDateWhateverTheUnitOrder() {
        let rule = ConflictRule.newest(field: "ngay_cap_nhat")
        let older = version(1, unit: 0, date: "2024-11-26"), newer = version(2, unit: 1, date: "2024-12-01")
        #expect(rule.prefers(newer, over: older))
        #expect(!rule.prefers(older, over: newer))
    }

    /// A tie keeps the version read first: the unit first by id, then the first row of its file.
    @Test func aTieKeepsTheVersionReadFirst() {
        let rule = ConflictRule.newest(field: "ngay_cap_nhat")
        #expect(!rule.prefers(version(2, unit: 1, date: "2024-11-26"), over: version(1, unit: 0, date: "2024-11-26")))
        #expect(!rule.prefers(version(3, unit: 0, date: "2024-11-26"), over: version(1, unit: 0, date: "2024-11-26")))
    }

    @Test func aVersionWithoutADateLosesToOneWithADate() {
        let rule = ConflictRule.newest(field: "ngay_cap_nhat")
        #expect(rule.prefers(version(2, unit: 1, date: "1901-01-01"), over: version(1, unit: 0, date: nil)))
        #expect(!rule.prefers(version(2, unit: 1, date: nil), over: version(1, unit: 0, date: "1901-01-01")))
        #expect(!rule.prefers(version(2, unit: 1, date: nil), over: version(1, unit: 0, date: nil)))
    }

    /// The rule of before: the first unit wins, so an older record beats a newer one.
    @Test func firstUnitNeverReplacesTheVersionReadFirst() {
        let rule = ConflictRule.firstUnit
        #expect(!rule.prefers(version(2, unit: 1, date: "2024-12-01"), over: version(1, unit: 0, date: "2024-11-26")))
    }

    @Test func datesAndDateTimesCompareAsInstants() {
        #expect(instant("1970-01-02") == 86_400)
        #expect(instant("2024-11-26T07:30:00") == instant("2024-11-26")! + 27_000)
        #expect(instant("2024-11-26T07:30:00Z") == instant("2024-11-26T07:30:00"))
        #expect(instant("2024-11-26T07:30:00+07:00") == instant("2024-11-26T00:30:00"))
        #expect(instant("2024-11-26T07:30:00-01:30") == instant("2024-11-26T09:00:00"))
        for junk in ["", "26/11/2024", "2024-11-26T7:30", "2024-11-26 07:30:00", "2024-11-26T07:30:00+0700", "2024-11-26X"] {
            #expect(instant(junk) == nil, "\(junk)")
        }
    }

    @Test func theRuleIsNamedByAnIdReportsCanReadBack() {
        for rule in [ConflictRule.firstUnit, .newest(field: "ngay_cap_nhat")] { #expect(ConflictRule(id: rule.id) == rule) }
        #expect(ConflictRule.newest(field: "thoi_gian").id == "newest:thoi_gian")
        #expect(ConflictRule(id: "newest:") == nil && ConflictRule(id: "last-unit") == nil)
    }

    // MARK: - Declaring

    private func load(_ extra: String) throws -> Result<DatasetSchema, ConfigError> {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipelines = folder.appendingPathComponent("pipelines")
        try FileManager.default.copyItem(at: TestSupport.repositoryRoot.appendingPathComponent("pipelines"), to: pipelines)
        let dataset = #"{"name": "thu", "title": "Thử", "fields": [{"name": "so_dinh_danh"}, {"name": "ngay_cap_nhat"}, {"name": "ho_ten"}], "primaryKey": "so_dinh_danh"\#(extra)}"#
        try Data(dataset.utf8).write(to: pipelines.appendingPathComponent("datasets/thu.json"))
        do {
            let config = try Configuration.load(pipelineFile: pipelines.appendingPathComponent("nightly.json"))
            return .success(try #require(config.datasets["thu"]))
        } catch let error as ConfigError {
            return .failure(error)
        }
    }

    @Test func withoutARuleTheNewestRecordDateWins() throws {
        #expect(try load("").get().conflictRule == .newest(field: "ngay_cap_nhat"))
        #expect(TestSupport.dataset("ho-ngheo").conflictRule == .newest(field: "ngay_cap_nhat"))
    }

    @Test func aDatasetWithoutARecordDateKeepsTheFirstUnit() throws {
        let config = TestSupport.configuration
        let noDate = try #require(config.datasets["ho-ngheo"]).fields.filter { $0.role != .recordDate }
        #expect(ConflictRule.defaultRule(fields: noDate) == .firstUnit)
    }

    @Test func aDeclaredRuleIsRead() throws {
        #expect(try load(#", "conflictRule": "first-unit""#).get().conflictRule == .firstUnit)
        #expect(try load(#", "conflictRule": {"newest": "ngay_cap_nhat"}"#).get().conflictRule == .newest(field: "ngay_cap_nhat"))
    }

    @Test func aBadRuleIsAConfigurationErrorWithItsPath() throws {
        func problems(_ extra: String) throws -> [String] {
            guard case .failure(let error) = try load(extra) else { return [] }
            return error.problems.map { "\($0.path): \($0.message.en)" }
        }
        #expect(try problems(#", "conflictRule": {"newest": "ho_ten"}"#) == ["conflictRule.newest: \"ho_ten\" is of type string; date or datetime is needed"])
        #expect(try problems(#", "conflictRule": {"newest": "ngay_sua"}"#) == ["conflictRule.newest: names \"ngay_sua\", which is not a field"])
        #expect(try problems(#", "conflictRule": "last-unit""#) == ["conflictRule: expected \"first-unit\" or {\"newest\": \"<date field>\"}"])
        #expect(try problems(#", "conflictRule": {"oldest": "ngay_cap_nhat"}"#).sorted()
                == ["conflictRule.oldest: unknown key", "conflictRule: expected \"first-unit\" or {\"newest\": \"<date field>\"}"])
    }
}
