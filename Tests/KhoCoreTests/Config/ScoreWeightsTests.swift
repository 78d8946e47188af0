import Foundation
import Testing
@testable import KhoCore

/// `scoreWeights` in `nightly.json` and in a dataset's schema: read strictly, resolved per dataset.
@Suite struct ScoreWeightsTests {
    private func load(_ changes: [String: (inout [String: Any]) -> Void]) throws -> Result<Configuration, ConfigError> {
        try TestSupport.pipelines(changing: changes)
    }

    @Test func theDefaultsDiscountOnlyNamesResolvedToCodes() {
        #expect(ScoreWeights.defaults.byCode == [.codeFromName: 100])
        #expect(TestSupport.configuration.pipeline.scoreWeights == .defaults)
        for schema in TestSupport.configuration.datasets.values { #expect(schema.scoreWeights == .defaults, "\(schema.id)") }
        let warning = FindingCatalog.finding(.nameCodeMismatch, at: Location())
        let error = FindingCatalog.finding(.codeUnknown, at: Location())
        let info = FindingCatalog.finding(.recordStale, at: Location())
        #expect([warning, error, info].map(ScoreWeights.defaults.cost) == [500, 1000, 0])
        #expect(ScoreWeights.defaults.cost(of: FindingCatalog.finding(.codeFromName, at: Location())) == 100)
    }

    @Test func pipelineWeightsApplyToEveryDatasetAndASchemaOverridesThem() throws {
        let config = try load([
            "nightly.json": { $0["scoreWeights"] = ["phone-legacy": 0.2, "code-from-name": 0.05] },
            "datasets/ho-ngheo.json": { $0["scoreWeights"] = ["code-from-name": 0.25, "duplicate-key": 0.75] },
        ]).get()
        #expect(config.pipeline.scoreWeights.byCode == [.codeFromName: 50, .phoneLegacy: 200])
        #expect(config.datasets["ho-kinh-doanh"]?.scoreWeights.byCode == [.codeFromName: 50, .phoneLegacy: 200])
        #expect(config.datasets["ho-ngheo"]?.scoreWeights.byCode == [.codeFromName: 250, .phoneLegacy: 200, .duplicateKey: 750])
        #expect(config.datasets["ho-ngheo"]?.scoreWeights.shares == ["code-from-name": 0.25, "phone-legacy": 0.2, "duplicate-key": 0.75])
    }

    /// A code made an error scores as an error: the warning's discount does not follow it.
    @Test func aSeverityChangedByTheSchemaDropsTheInheritedWeight() throws {
        let config = try load([
            "datasets/ho-ngheo.json": { $0["severities"] = ["code-from-name": "error"] },
            "datasets/ho-kinh-doanh.json": { $0["severities"] = ["code-from-name": "error"]; $0["scoreWeights"] = ["code-from-name": 0.3] },
        ]).get()
        #expect(config.datasets["ho-ngheo"]?.scoreWeights.byCode == [:])
        #expect(config.datasets["ho-kinh-doanh"]?.scoreWeights.byCode == [.codeFromName: 300])
        #expect(config.datasets["co-so-giao-duc"]?.scoreWeights == .defaults)
    }

    @Test func badWeightsAreRefusedNamingFileAndKey() throws {
        let result = try load([
            "nightly.json": { $0["scoreWeights"] = ["code-from-name": -0.5, "phone-legacy": 1.5] },
            "datasets/ho-ngheo.json": { $0["scoreWeights"] = ["code-from-nam": 0.1, "phone-legacy": "0.2", "code-unknown": 0.3333] },
        ])
        guard case .failure(let error) = result else { Issue.record("loaded"); return }
        let rendered = Set(error.problems.map(\.rendered))
        #expect(rendered == [
            "pipelines/nightly.json: scoreWeights.code-from-name: a weight must be from 0 to 1 (1 is a row with an error), found -0.5",
            "pipelines/nightly.json: scoreWeights.phone-legacy: a weight must be from 0 to 1 (1 is a row with an error), found 1.5",
            "pipelines/datasets/ho-ngheo.json: scoreWeights.code-from-nam: \"code-from-nam\" is not a finding code",
            "pipelines/datasets/ho-ngheo.json: scoreWeights.phone-legacy: expected a number, found string",
            "pipelines/datasets/ho-ngheo.json: scoreWeights.code-unknown: a weight has at most three decimals, found 0.3333",
        ], "\(error)")
        #expect(error.message(.vi).contains("pipelines/nightly.json: scoreWeights.code-from-name: trọng số phải từ 0 đến 1"))
    }
}
