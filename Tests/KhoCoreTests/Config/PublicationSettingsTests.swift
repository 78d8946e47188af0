import Foundation
import Testing
@testable import KhoCore

/// `publication` in `nightly.json`: the public address of `out/`, the province, the last review.
@Suite struct PublicationSettingsTests {
    private func publication(_ value: Any?) throws -> Result<Configuration, ConfigError> {
        try TestSupport.pipelines(changing: "nightly.json") { $0["publication"] = value }
    }

    private func problems(_ result: Result<Configuration, ConfigError>) -> [String] {
        guard case .failure(let error) = result else { return [] }
        return error.problems.map { "\($0.file): \($0.path): \($0.message.en)" }
    }

    @Test func theSamples() throws {
        let settings = TestSupport.configuration.pipeline.publication
        #expect(settings.baseURL == "https://khodulieu.kontum.example/")
        #expect(settings.sharedBase == settings.baseURL && settings.adminUnitBase == "https://khodulieu.kontum.example/id/dvhc/")
        #expect(settings.province == "62" && settings.provinceCatalog == "tinh" && settings.communeCatalog == "xa")
        #expect(settings.openDataListReviewed == TestSupport.date("2026-07-01"))
    }

    @Test func addressesAreAbsoluteAndEndInASlash() throws {
        let settings = try publication(["baseURL": "https://portal.example/kho", "sharedBaseURL": "http://lgsp.example/kho/",
                                        "adminUnitBaseURL": "https://units.example/vn", "province": "62"]).get().pipeline.publication
        #expect(settings.baseURL == "https://portal.example/kho/" && settings.sharedBase == "http://lgsp.example/kho/")
        #expect(settings.adminUnitBase == "https://units.example/vn/")
        #expect(problems(try publication(["baseURL": "ftp://portal.example/", "province": "62"]))
            == ["pipelines/nightly.json: publication.baseURL: \"ftp://portal.example/\" is not an absolute web address (https://…)"])
        #expect(problems(try publication(["province": "62"])) == ["pipelines/nightly.json: publication.baseURL: is required"])
    }

    @Test func theProvinceAndListsMustBeInTheCodeLists() throws {
        #expect(problems(try publication(["baseURL": "https://portal.example/", "province": "99", "communeCatalog": "phuong"])) == [
            "pipelines/nightly.json: publication.communeCatalog: \"phuong\" is not a catalog in pipelines/catalogs/",
            "pipelines/nightly.json: publication.province: \"99\" is not a code of tinh.csv",
        ])
        #expect(problems(try publication(["baseURL": "https://portal.example/", "openDataListReviewed": "2026-13-01", "province": "62"]))
            == ["pipelines/nightly.json: publication.openDataListReviewed: expected a date YYYY-MM-DD, found \"2026-13-01\""])
    }

    /// An existing `nightly.json` without `publication` still runs; the catalogs then point at an
    /// address that cannot resolve, and the reports say why.
    @Test func withoutPublicationTheCatalogsUseAnAddressThatCannotResolve() throws {
        let config = try publication(nil).get()
        #expect(config.pipeline.publication.baseURL == "https://khodulieu.invalid/")
        #expect(config.warnings.map(\.rendered) == [
            "pipelines/nightly.json: publication: no publication.baseURL (the public address of out/): the catalogs use https://khodulieu.invalid/ in its place",
        ])
    }
}
