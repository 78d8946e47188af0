import Foundation
import Testing
@testable import KhoCore

@Suite struct ConfigurationTests {
    @Test func everyFileInPipelinesLoads() {
        let config = TestSupport.configuration
        #expect(config.datasetIDs == ["co-so-giao-duc", "ho-kinh-doanh", "ho-ngheo", "quan-trac-moi-truong"])
        #expect(config.units.map(\.id) == ["so-gddt", "so-khdt", "so-nnmt", "ubnd-dak-ha", "ubnd-kon-ray", "ubnd-sa-thay"])
        #expect(config.dictionary.fields.count >= 20)
        for id in ["xa", "huyen", "tinh", "dan-toc", "dan-toc-1979", "gioi-tinh", "dau-so-di-dong"] {
            #expect(config.codeLists[id] != nil, "catalog \(id)")
        }
        for dataset in config.datasets.values {
            #expect(dataset.fields.allSatisfy { $0.aliases.count + ($0.title == nil ? 0 : 1) > 0 })
        }
    }

    @Test func theFolderStandsForTheNightlyFileInIt() throws {
        let config = try Configuration.load(pipelineFile: TestSupport.repositoryRoot.appendingPathComponent("pipelines"))
        #expect(config.datasetIDs == TestSupport.configuration.datasetIDs)
        #expect(config.units.map(\.id) == TestSupport.configuration.units.map(\.id))
    }

    @Test func theReorganizationIsInTheCommuneList() throws {
        let communes = try #require(TestSupport.configuration.codeLists["xa"])
        guard case .valid(let before) = communes.lookup("23425", on: TestSupport.date("2025-06-30")),
              case .valid(let after) = communes.lookup("23425", on: TestSupport.date("2025-07-01")) else {
            Issue.record("23425 should be valid on both dates")
            return
        }
        #expect(before.name == "Xã Đắk Hà")
        #expect(after.name == "Xã Tu Mơ Rông")
        #expect(communes.current("23521", from: TestSupport.date("2024-12-01"), to: TestSupport.date("2026-11-29")) == "23500")
    }

    /// A copy of pipelines/ with one file changed, loaded: every problem comes back with its path.
    private func load(changing file: String, _ change: (inout [String: Any]) -> Void) throws -> ConfigError? {
        guard case .failure(let error) = try TestSupport.pipelines(changing: file, change) else { return nil }
        return error
    }

    @Test func unknownKeysAndBadValuesAreReportedWithTheirPath() throws {
        let error = try #require(try load(changing: "units/ubnd-dak-ha.json") { json in
            var sources = json["sources"] as? [[String: Any]] ?? []
            sources[0]["delimter"] = ";"
            sources[0]["columns"] = ["Họ và tên": "ho_tenn"]
            sources[0]["encoding"] = "ebcdic"
            json["sources"] = sources
        })
        let problems = error.problems.map { "\($0.path): \($0.message.en)" }
        #expect(problems.contains("sources[0].delimter: unknown key"))
        #expect(problems.contains("sources[0].columns: Họ và tên: \"ho_tenn\" is not a field of ho-ngheo"))
        #expect(problems.contains("sources[0].encoding: unknown encoding \"ebcdic\""))
        #expect(error.problems.allSatisfy { $0.file == "pipelines/units/ubnd-dak-ha.json" })
    }

    @Test func aPersonalFieldCannotBeAnOpenAggregateKey() throws {
        let error = try #require(try load(changing: "datasets/ho-ngheo.json") { json in
            var open = json["openData"] as? [String: Any] ?? [:]
            var aggregates = open["aggregates"] as? [[String: Any]] ?? []
            aggregates[0]["groupBy"] = ["ma_xa", "ma_dan_toc"]
            open["aggregates"] = aggregates
            json["openData"] = open
        })
        #expect(error.problems.contains { $0.path == "openData.aggregates[0].groupBy" && $0.message.en.contains("ma_dan_toc") })
    }

    @Test func unknownCodeListIsReported() throws {
        let error = try #require(try load(changing: "datasets/co-so-giao-duc.json") { json in
            var fields = json["fields"] as? [[String: Any]] ?? []
            fields[2]["codeList"] = "cap-hoc-cu"
            json["fields"] = fields
        })
        #expect(error.problems.contains { $0.path == "fields.cap_hoc.codeList" })
    }

    /// The code lists load on every core, but what they get wrong is told in the files' order,
    /// each file's problems in its lines' order, the same on every run.
    @Test func codeListProblemsComeInTheFilesOrder() throws {
        let folder = try TestSupport.temporaryFolder()
        try FileManager.default.copyItem(at: TestSupport.repositoryRoot.appendingPathComponent("pipelines"), to: folder.appendingPathComponent("pipelines"))
        let catalogs = folder.appendingPathComponent("pipelines/catalogs")
        let header = "code,name,valid_from,valid_to,successor,aliases\n"
        for name in ["a-hong", "m-hong", "z-hong"] {
            try Data((header + "01,Một,2025-13-01,,,\n02,Hai,,,99,\n").utf8).write(to: catalogs.appendingPathComponent("\(name).csv"))
        }
        for _ in 0..<3 {
            let error = try #require(throws: ConfigError.self) {
                try Configuration.load(pipelineFile: folder.appendingPathComponent("pipelines/nightly.json"))
            }
            #expect(error.problems.map { "\($0.file) \($0.path)" } == ["a-hong", "m-hong", "z-hong"].flatMap {
                ["pipelines/catalogs/\($0).csv line 2", "pipelines/catalogs/\($0).csv code 02"]
            })
        }
    }

    /// The datasets' schemas load on the cores beside the code lists; their problems still come
    /// after the code lists', each dataset file's in the files' order.
    @Test func datasetProblemsComeAfterTheCodeListsInTheFilesOrder() throws {
        let folder = try TestSupport.temporaryFolder()
        try FileManager.default.copyItem(at: TestSupport.repositoryRoot.appendingPathComponent("pipelines"), to: folder.appendingPathComponent("pipelines"))
        let header = "code,name,valid_from,valid_to,successor,aliases\n"
        try Data((header + "01,Một,2025-13-01,,,\n").utf8).write(to: folder.appendingPathComponent("pipelines/catalogs/z-hong.csv"))
        for name in ["a-hong", "m-hong"] {
            try Data("{\"id\": \"\(name)\",}\n".utf8).write(to: folder.appendingPathComponent("pipelines/datasets/\(name).json"))
        }
        for _ in 0..<3 {
            let error = try #require(throws: ConfigError.self) {
                try Configuration.load(pipelineFile: folder.appendingPathComponent("pipelines/nightly.json"))
            }
            #expect(error.problems.map(\.file) == ["pipelines/catalogs/z-hong.csv", "pipelines/datasets/a-hong.json:1:17",
                                                   "pipelines/datasets/m-hong.json:1:17"])
        }
    }

    /// A trailing comma used to pass: the file is refused, naming its line and column.
    @Test func invalidJSONNamesFileLineAndColumn() throws {
        let folder = try TestSupport.temporaryFolder()
        try FileManager.default.copyItem(at: TestSupport.repositoryRoot.appendingPathComponent("pipelines"), to: folder.appendingPathComponent("pipelines"))
        let file = folder.appendingPathComponent("pipelines/datasets/ho-kinh-doanh.json")
        var text = try String(contentsOf: file, encoding: .utf8)
        let brace = try #require(text.lastIndex(of: "}"))
        text.insert(",", at: text.index(before: brace))
        try Data(text.utf8).write(to: file)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(throws: ConfigError.self) { try Configuration.load(pipelineFile: folder.appendingPathComponent("pipelines/nightly.json")) }
        do {
            _ = try Configuration.load(pipelineFile: folder.appendingPathComponent("pipelines/nightly.json"))
        } catch let error as ConfigError {
            #expect(error.problems.first?.file == "pipelines/datasets/ho-kinh-doanh.json:\(lines.count - 1):1", "\(error)")
            #expect(error.message(.en).contains("not valid JSON: found \"}\" where a quoted key (a trailing comma?) was expected"))
            #expect(error.message(.vi).contains("không phải JSON hợp lệ"))
        }
    }

    /// A foreign key was accepted and silently ignored; it is refused, with the way to say it instead.
    @Test func foreignKeysAreRefusedNotIgnored() throws {
        let error = try #require(try load(changing: "datasets/co-so-giao-duc.json") { json in
            json["foreignKeys"] = [["fields": "ma_xa", "reference": ["resource": "xa", "fields": "code"]]]
        })
        #expect(error.problems.contains { $0.path == "foreignKeys" && $0.message.en.contains("codeList") })
    }

    // MARK: - Tax-code forms

    @Test func aTaxCodeSubjectWithoutAFormIsReported() throws {
        let error = try #require(try load(changing: "datasets/ho-kinh-doanh.json") { json in
            var fields = json["fields"] as? [[String: Any]] ?? []
            for index in fields.indices where fields[index]["name"] as? String == "ma_so_thue" {
                fields[index]["taxCodeSubject"] = "organization"
            }
            json["fields"] = fields
        })
        #expect(error.problems.contains { $0.path == "fields" && $0.message.en.contains("ma_so_thue.taxCodeSubject: \"organization\"") })
    }

    @Test func aTaxCodeSubjectOnAnotherFieldIsReported() throws {
        let error = try #require(try load(changing: "datasets/ho-kinh-doanh.json") { json in
            var fields = json["fields"] as? [[String: Any]] ?? []
            for index in fields.indices where fields[index]["name"] as? String == "so_dinh_danh" {
                fields[index]["taxCodeSubject"] = "individual"
            }
            json["fields"] = fields
        })
        #expect(error.problems.contains { $0.path == "fields" && $0.message.en.contains("so_dinh_danh.taxCodeSubject is only for") })
    }

    @Test func aTaxCodeFormIsReadStrictly() throws {
        let error = try #require(try load(changing: "dictionary.json") { json in
            var forms = json["taxCodeForms"] as? [[String: Any]] ?? []
            forms[0]["validFrom"] = "01/07/2025"
            forms[0]["form"] = "passport"
            forms[0]["subject"] = "individual"
            json["taxCodeForms"] = forms
        })
        let problems = error.problems.map { "\($0.path): \($0.message.en)" }
        #expect(problems.contains("taxCodeForms[0].validFrom: \"01/07/2025\" is not a YYYY-MM-DD date"))
        #expect(problems.contains("taxCodeForms[0].form: unknown value \"passport\""))
        #expect(problems.contains("taxCodeForms[0].subject: unknown key"))
    }

    // MARK: - Code-list properties and a unit's district

    @Test func codeListPropertiesAreLoaded() throws {
        let lists = TestSupport.configuration.codeLists
        #expect(lists["xa"]?.properties.parentCatalog == "huyen")
        #expect(lists["nganh-kinh-te"]?.properties.supersededBy == "VSIC 2025 (Hệ thống ngành kinh tế Việt Nam 2025)")
        #expect(lists["nganh-kinh-te"]?.endsOn == TestSupport.date("2025-11-14"))
        #expect(lists["huyen"]?.properties.supersededBy == nil)
        #expect(lists["xa"]?.endsOn == nil)
        #expect(TestSupport.configuration.unit("ubnd-dak-ha")?.ownCodes == ["huyen": "615"])
        #expect(TestSupport.configuration.unit("ubnd-kon-ray")?.ownCodes == ["huyen": "614"])
        #expect(TestSupport.configuration.unit("so-khdt")?.districtCode == nil)
    }

    @Test func codeListPropertiesAreReadStrictly() throws {
        let error = try #require(try load(changing: "catalogs/catalogs.json") { json in
            var catalogs = json["catalogs"] as? [String: Any] ?? [:]
            catalogs["xa-cu"] = ["parentCatalog": "huyen"]
            catalogs["gioi-tinh"] = ["parentCatalog": "huyen"]
            catalogs["dan-toc"] = ["parentCatalog": "dan-toc-1979"]
            catalogs["xa"] = ["parentCatalog": "quan"]
            catalogs["tinh"] = ["supersededBy": "", "successor": "x"]
            json["catalogs"] = catalogs
        })
        let problems = error.problems.map { "\($0.path): \($0.message.en)" }
        #expect(problems.contains("catalogs.xa-cu: \"xa-cu\" is not a catalog in pipelines/catalogs/"))
        #expect(problems.contains("catalogs.gioi-tinh.parentCatalog: gioi-tinh has no column \"parent_code\""))
        #expect(problems.contains("catalogs.dan-toc.parentCatalog: dan-toc has no column \"parent_code\""))
        #expect(problems.contains("catalogs.xa.parentCatalog: \"quan\" is not a catalog in pipelines/catalogs/"))
        #expect(problems.contains("catalogs.tinh.supersededBy: must not be empty"))
        #expect(problems.contains("catalogs.tinh.successor: unknown key"))
        #expect(error.problems.allSatisfy { $0.file == "pipelines/catalogs/catalogs.json" })
    }

    @Test func aUnitsDistrictMustBeADistrictCode() throws {
        let error = try #require(try load(changing: "units/ubnd-dak-ha.json") { json in
            json["districtCode"] = "23500"
        })
        #expect(error.problems.contains { $0.path == "districtCode" && $0.message.en == "\"23500\" is not a code of huyen.csv" })
    }
}
