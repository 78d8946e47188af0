import Foundation
import Testing
@testable import KhoCore

/// The open-data rule's settings and decisions: thresholds, the totals small cells are protected
/// against, the gates.
@Suite struct OpenDataPolicyTests {
    private func load(_ changes: [String: (inout [String: Any]) -> Void]) throws -> Result<Configuration, ConfigError> {
        try TestSupport.pipelines(changing: changes)
    }

    /// Changes the poverty aggregate's JSON.
    private func aggregate(_ change: @escaping (inout [String: Any]) -> Void) -> (inout [String: Any]) -> Void {
        { json in
            var open = json["openData"] as? [String: Any] ?? [:]
            var aggregates = open["aggregates"] as? [[String: Any]] ?? []
            change(&aggregates[0])
            open["aggregates"] = aggregates
            json["openData"] = open
        }
    }

    /// A night no quality gate objects to.
    static let cleanNight = BundleQuality(asOf: "2026-11-29", grade: .a, overall: 100, scores: [:],
                                          rows: RowAccount(read: 10, unreadable: 0, extracted: 10, validated: 10, rejected: 0), rowsBundled: 10,
                                          duplicatesAcrossUnits: 0, newestRecordDate: nil, stale: false, units: [],
                                          formulaCellsNeutralized: [:], findings: [:])

    private func policy(_ config: Configuration, _ dataset: String = "ho-ngheo") throws -> OpenDataPolicy {
        OpenDataPolicy(dataset: try #require(config.datasets[dataset]), gates: config.pipeline.gates, openData: config.pipeline.openData)
    }

    // MARK: - Thresholds

    @Test func theDefaultThresholdIsThreeForEveryCount() throws {
        let config = TestSupport.configuration
        #expect(config.pipeline.openData.minCount == 3)
        let policy = try policy(config)
        #expect(policy.minCounts(try #require(policy.aggregates.first)) == [3, 3])
    }

    /// The pipeline's threshold, under the aggregate's, under the measure's; a sum is never checked.
    @Test func aMeasureOverAnAggregateOverThePipeline() throws {
        let pipelineOnly = try load(["nightly.json": { $0["openData"] = ["minCount": 5] }]).get()
        #expect(try policy(pipelineOnly).minCounts(try #require(policy(pipelineOnly).aggregates.first)) == [5, 5])
        let config = try load([
            "nightly.json": { $0["openData"] = ["minCount": 5] },
            "datasets/ho-ngheo.json": aggregate { spec in
                spec["minCount"] = 4
                var measures = spec["measures"] as? [[String: Any]] ?? []
                measures[1]["minCount"] = 10
                measures.append(["name": "tong_tuoi", "function": "sum", "field": "nam_ra_soat"])
                spec["measures"] = measures
            },
        ]).get()
        let policy = try policy(config)
        #expect(policy.minCounts(try #require(policy.aggregates.first)) == [4, 10, 0])
    }

    @Test func badThresholdsAreRefusedNamingTheKey() throws {
        let error = try #require(try load([
            "nightly.json": { $0["openData"] = ["minCount": -1, "minCout": 3] },
            "datasets/ho-ngheo.json": aggregate { spec in
                spec["groupBy"] = ["ma_xa", "loai_ho", "ma_xa"]
                var measures = spec["measures"] as? [[String: Any]] ?? []
                measures.append(["name": "tong", "function": "sum", "field": "nam_ra_soat", "minCount": 3])
                measures.append(["name": "bi_an", "function": "count"])
                spec["measures"] = measures
            },
        ]).failure)
        let problems = error.problems.map { "\($0.file): \($0.path): \($0.message.en)" }
        #expect(problems.contains("pipelines/nightly.json: openData.minCount: must be 0 or more"))
        #expect(problems.contains("pipelines/nightly.json: openData.minCout: unknown key"))
        #expect(problems.contains("pipelines/datasets/ho-ngheo.json: openData.aggregates[0].groupBy: names a field twice"))
        #expect(problems.contains("pipelines/datasets/ho-ngheo.json: openData.aggregates[0].measures[2].minCount: applies to counts only (count, count-distinct); a sum is hidden with its cell"))
        #expect(problems.contains("pipelines/datasets/ho-ngheo.json: openData.aggregates[0].measures: measure names must differ from each other, from the groupBy fields and from \"bi_an\""))
    }

    // MARK: - Suppression

    /// The policy protects each unit's row count, which the bundle publishes: commune A's one
    /// household of unit one would be its row count minus commune B's.
    @Test func unitRowCountsAreTotalsToProtect() throws {
        let policy = try policy(TestSupport.configuration)
        let spec = try #require(policy.aggregates.first)
        let keys = [["A", "1", "2024"], ["B", "1", "2024"], ["C", "1", "2024"], ["D", "1", "2024"]]
        let values: [[Double]] = [[1, 4], [9, 20], [5, 12], [7, 15]]
        let oneUnit = OpenAggregate.Cells(keys: keys, values: values, units: [["u"], ["u"], ["u"], ["u"]])
        #expect(policy.suppression(oneUnit, aggregate: spec).suppressed == [true, false, true, false])
        let twoUnits = OpenAggregate.Cells(keys: keys, values: values, units: [["u1"], ["u1"], ["u2"], ["u2"]])
        let outcome = policy.suppression(twoUnits, aggregate: spec)
        #expect(outcome.suppressed == [true, true, true, true])
        #expect(outcome.primary == 1 && outcome.complementary == 3 && outcome.exposed == [])
    }

    /// A unit that fed one small cell gives it away as its row count: the open bundle is withheld.
    @Test func aCellItsUnitGivesAwayWithholdsTheBundle() throws {
        let policy = try policy(TestSupport.configuration)
        let spec = try #require(policy.aggregates.first)
        let cells = OpenAggregate.Cells(keys: [["A", "1", "2024"], ["B", "1", "2024"], ["C", "1", "2024"]],
                                        values: [[1, 2], [5, 12], [6, 14]], units: [["u1"], ["u2"], ["u2"]])
        let outcome = policy.suppression(cells, aggregate: spec)
        #expect(outcome.exposed == [0])
        let line = BundleReport.SmallCells(table: spec.name, cells: 3, primary: outcome.primary, complementary: outcome.complementary,
                                           exposed: outcome.exposed.count)
        let reasons = policy.withheld(quality: Self.cleanNight, contributions: [], smallCells: [line])
        #expect(reasons.map(\.code) == [.smallCellExposed])
        #expect(reasons.first?.message.en == "table so-ho-theo-xa has a small cell that the row counts in the bundle give away although it is suppressed")
    }
}

extension OpenDataPolicyTests {
    // MARK: - The open-text gate

    /// Three masked values pass by default; a fourth withholds the open bundle.
    @Test func moreThanTheAllowedPersonalLookingValuesWithholdTheBundle() throws {
        let policy = try policy(TestSupport.configuration, "ho-kinh-doanh")
        #expect(TestSupport.configuration.pipeline.gates.maxPersonalDataInOpenText == 3)
        #expect(policy.withheld(quality: Self.cleanNight, contributions: [], personalDataInOpenText: 3) == [])
        let reasons = policy.withheld(quality: Self.cleanNight, contributions: [], personalDataInOpenText: 4)
        #expect(reasons.map(\.code) == [.personalDataInOpenText])
        #expect(reasons.first?.value == "4" && reasons.first?.limit == "3")
        #expect(reasons.first?.message.vi == "văn bản tự do của dữ liệu mở có 4 giá trị trông như dữ liệu cá nhân (đã che), vượt ngưỡng 3")
        #expect(reasons.first?.message.en == "open free text held 4 personal-looking values (masked), over the limit of 3")
    }

    @Test func theOpenTextGateIsReadFromTheNightlyFile() throws {
        let strict = try load(["nightly.json": { json in
            var gates = json["gates"] as? [String: Any] ?? [:]
            gates["maxPersonalDataInOpenText"] = 0
            json["gates"] = gates
        }]).get()
        #expect(strict.pipeline.gates.maxPersonalDataInOpenText == 0)
        #expect(try policy(strict, "ho-kinh-doanh").withheld(quality: Self.cleanNight, contributions: [], personalDataInOpenText: 1).count == 1)
        let error = try #require(try load(["nightly.json": { json in
            var gates = json["gates"] as? [String: Any] ?? [:]
            gates["maxPersonalDataInOpenText"] = -2
            json["gates"] = gates
        }]).failure)
        #expect(error.problems.map { "\($0.path): \($0.message.en)" } == ["gates.maxPersonalDataInOpenText: must be 0 or more"])
    }

    /// The value is masked in the open row and counted for the gate.
    @Test func openFreeTextIsMaskedAndCounted() throws {
        let policy = try policy(TestSupport.configuration, "ho-kinh-doanh")
        let field = try #require(TestSupport.dataset("ho-kinh-doanh").fieldIndex("nganh_nghe_chi_tiet"))
        let text = Array("Bán tạp hóa, liên hệ 0935218476 hoặc 0905123456".utf8)
        let open = text.withUnsafeBufferPointer { policy.openValue($0, field: field) }
        #expect(open?.value == "Bán tạp hóa, liên hệ [đã ẩn] hoặc [đã ẩn]")
        #expect(open?.found == 2)
        let plain = Array("Bán tạp hóa".utf8)
        #expect(plain.withUnsafeBufferPointer { policy.openValue($0, field: field) } == nil)
    }
}

private extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
