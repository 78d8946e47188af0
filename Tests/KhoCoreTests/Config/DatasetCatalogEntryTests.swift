import Foundation
import Testing
@testable import KhoCore

/// `catalogEntry` (Article 11) and the sharing service's recipients and endpoint in
/// `datasets/<id>.json`: read strictly, a missing entry a warning.
@Suite struct DatasetCatalogEntryTests {
    static let file = "datasets/ho-ngheo.json"

    private func dataset(_ change: @escaping (inout [String: Any]) -> Void) throws -> Result<Configuration, ConfigError> {
        try TestSupport.pipelines(changing: Self.file, change)
    }

    private func entry(_ key: String, _ value: Any?) throws -> Result<Configuration, ConfigError> {
        try dataset { json in
            var entry = json["catalogEntry"] as? [String: Any] ?? [:]
            entry[key] = value
            json["catalogEntry"] = entry
        }
    }

    private func service(_ key: String, _ value: Any?) throws -> Result<Configuration, ConfigError> {
        try dataset { json in
            var service = json["sharingService"] as? [String: Any] ?? [:]
            service[key] = value
            json["sharingService"] = service
        }
    }

    private func problems(_ result: Result<Configuration, ConfigError>) -> [String] {
        guard case .failure(let error) = result else { return [] }
        return error.problems.map { "\($0.file): \($0.path): \($0.message.en)" }
    }

    @Test func everySampleDatasetHasItsEntry() throws {
        let datasets = TestSupport.configuration.datasets
        #expect(datasets.mapValues(\.catalogEntry.updateFrequency)
            == ["co-so-giao-duc": "ANNUAL", "ho-kinh-doanh": "MONTHLY", "ho-ngheo": "ANNUAL", "quan-trac-moi-truong": "MONTHLY"])
        #expect(datasets.mapValues(\.catalogEntry.themes)
            == ["co-so-giao-duc": ["EDUC"], "ho-kinh-doanh": ["ECON"], "ho-ngheo": ["SOCI"], "quan-trac-moi-truong": ["ENVI"]])
        let poor = TestSupport.dataset("ho-ngheo").catalogEntry
        #expect(poor.legalBasis == ["Nghị định 07/2021/NĐ-CP", "Nghị định 47/2020/NĐ-CP"])
        #expect(poor.scope.hasPrefix("Hộ nghèo, hộ cận nghèo theo chuẩn nghèo đa chiều"))
        #expect(datasets.values.allSatisfy { !$0.catalogEntry.isMissing && $0.sharingService.recipients != nil })
    }

    @Test func aFrequencyOrThemeOutsideTheEUTablesIsRefused() throws {
        let frequency = problems(try entry("updateFrequency", "R/P1D"))
        #expect(frequency.count == 1 && frequency[0].hasPrefix("pipelines/datasets/ho-ngheo.json: catalogEntry.updateFrequency: \"R/P1D\" is not in the EU table (known: ANNUAL, ANNUAL_2,"))
        let theme = problems(try entry("themes", ["SOCI", "POVERTY"]))
        #expect(theme.count == 1 && theme[0].hasPrefix("pipelines/datasets/ho-ngheo.json: catalogEntry.themes: \"POVERTY\" is not in the EU table (known: AGRI,"))
    }

    @Test func everyArticle11TextIsRequired() throws {
        #expect(problems(try entry("purpose", " ")) == ["pipelines/datasets/ho-ngheo.json: catalogEntry.purpose: must not be empty"])
        #expect(problems(try entry("scope", nil)) == ["pipelines/datasets/ho-ngheo.json: catalogEntry.scope: is required"])
        #expect(problems(try entry("legalBasis", [String]())) == ["pipelines/datasets/ho-ngheo.json: catalogEntry.legalBasis: needs at least one legal text"])
        #expect(problems(try entry("owner", "Sở Nội vụ")) == ["pipelines/datasets/ho-ngheo.json: catalogEntry.owner: unknown key"])
        #expect(problems(try entry("issued", "01/02/2025")) == ["pipelines/datasets/ho-ngheo.json: catalogEntry.issued: expected a date YYYY-MM-DD, found \"01/02/2025\""])
    }

    @Test func aDatasetWithoutAnEntryIsAWarning() throws {
        let config = try dataset { $0["catalogEntry"] = nil }.get()
        #expect(config.datasets["ho-ngheo"]?.catalogEntry.updateFrequency == "UNKNOWN")
        #expect(config.warnings.map(\.rendered) == [
            "pipelines/datasets/ho-ngheo.json: catalogEntry: no catalog entry (Article 11: purpose, scope, content, collection, update method and frequency, legal basis)",
        ])
    }

    @Test func recipientsAndEndpointOfTheSharingService() throws {
        let recipients = TestSupport.dataset("ho-ngheo").sharingService.recipients
        #expect(recipients?.agencies.count == 3 && recipients?.rule?.hasPrefix("Cơ quan nhà nước khác chỉ khi") == true)
        #expect(problems(try service("recipients", ["agencies": [String]()]))
            == ["pipelines/datasets/ho-ngheo.json: sharingService.recipients: needs agencies (the agencies that may receive it) or a rule"])
        #expect(problems(try service("endpointURL", "lgsp.example/api"))
            == ["pipelines/datasets/ho-ngheo.json: sharingService.endpointURL: \"lgsp.example/api\" is not an absolute web address (https://…)"])
        let endpoint = try service("endpointURL", "https://lgsp.kontum.example/api/ho-ngheo").get()
        #expect(endpoint.datasets["ho-ngheo"]?.sharingService.endpointURL == "https://lgsp.kontum.example/api/ho-ngheo")
        #expect(endpoint.datasets["ho-ngheo"]?.sharingService.descriptor(on: TestSupport.date("2026-11-29"))["endpointURL"] == nil)
        let none = try service("recipients", nil).get()
        #expect(none.warnings.map(\.rendered) == [
            "pipelines/datasets/ho-ngheo.json: sharingService.recipients: no recipients (agencies, or a rule): services.json cannot say who may receive the data",
        ])
    }
}
