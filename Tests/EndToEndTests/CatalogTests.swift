import Foundation
import Testing
@testable import KhoCore

/// The catalogs a run writes for others to harvest: `open/catalog.jsonld` and
/// `shared/catalog.jsonld` (DCAT-AP 3.0.1; `scripts/check-dcat` checks them against the SHACL
/// shapes in CI) and `shared/services.json`.
@Suite(.serialized) struct CatalogTests {
    static let asOf = RunTests.asOf
    static let base = "https://khodulieu.kontum.example/"
    static let frequencies = ["co-so-giao-duc": "ANNUAL", "ho-kinh-doanh": "MONTHLY", "ho-ngheo": "ANNUAL", "quan-trac-moi-truong": "MONTHLY"]
    /// The records' date range in the samples: the oldest and newest record date of accepted rows.
    static let periods = ["co-so-giao-duc": ["2025-01-10", "2025-06-24"], "ho-kinh-doanh": ["2025-01-24", "2025-06-20"],
                          "ho-ngheo": ["2024-11-04", "2024-12-17"], "quan-trac-moi-truong": ["2026-09-02", "2026-11-14"]]
    static let themes = ["co-so-giao-duc": "EDUC", "ho-kinh-doanh": "ECON", "ho-ngheo": "SOCI", "quan-trac-moi-truong": "ENVI"]
    /// Kon Tum (62) ended on 2025-06-30; it became part of Quảng Ngãi (51 from 2025-07-01).
    static let provinces = [base + "id/dvhc/tinh/62", base + "id/dvhc/tinh/51/2025-07-01"]

    /// A dataset as the repository configures it.
    static func schema(_ id: String) -> DatasetSchema {
        let config = try? Configuration.load(pipelineFile: Sandbox.repositoryRoot.appendingPathComponent("pipelines/nightly.json"))
        return config?.datasets[id] ?? DatasetSchema(id: id, title: "", description: "", fields: [], primaryKey: [],
                                                     openData: OpenDataSpec(mode: .fields, aggregates: []),
                                                     sharingService: SharingServiceSpec(properties: []))
    }

    @Test func theOpenCatalogDescribesEveryOpenBundleWithAbsoluteURLs() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf]).status == 0)
        let catalog = try sandbox.json("open/catalog.jsonld")
        #expect(catalog["@id"] as? String == Self.base + "open/catalog.jsonld#catalog" && catalog["@type"] as? String == "dcat:Catalog")
        #expect((catalog["@context"] as? [String: String])?["dcat"] == "http://www.w3.org/ns/dcat#")
        #expect(Sandbox.text(catalog["dct:title"]) == "Danh mục dữ liệu mở" && Sandbox.text(catalog["dct:title"], language: "en") == "Open data catalog")
        #expect(Sandbox.text(catalog["dct:description"])?.isEmpty == false)
        #expect(Sandbox.text(Sandbox.nodes(catalog["dct:publisher"]).first?["foaf:name"]) == "Ủy ban nhân dân tỉnh Quảng Ngãi")
        #expect(Sandbox.ids(catalog["dct:spatial"]) == Self.provinces)
        #expect(Sandbox.ids(catalog["dct:license"]) == [Self.base + "open/catalog.jsonld#license"])
        #expect(Sandbox.ids(catalog["dct:language"]) == ["http://publications.europa.eu/resource/authority/language/VIE"])

        let datasets = Sandbox.nodes(catalog["dcat:dataset"])
        #expect(datasets.compactMap { $0["dct:identifier"] as? String } == RunTests.datasets)
        for dataset in datasets {
            let id = dataset["dct:identifier"] as? String ?? ""
            #expect(dataset["@id"] as? String == Self.base + "id/dataset/\(id)" && dataset["@type"] as? String == "dcat:Dataset")
            #expect(Sandbox.text(dataset["dct:title"]) == Self.schema(id).title)
            #expect(Sandbox.text(dataset["dct:description"]) == Self.schema(id).description)
            #expect(Sandbox.ids(dataset["dct:accrualPeriodicity"]) == ["http://publications.europa.eu/resource/authority/frequency/\(Self.frequencies[id] ?? "")"])
            #expect(Sandbox.nodes(dataset["dct:accrualPeriodicity"]).first?["@type"] as? String == "dct:Frequency")
            #expect(Sandbox.ids(dataset["dcat:theme"]) == ["http://publications.europa.eu/resource/authority/data-theme/\(Self.themes[id] ?? "")"])
            let period = try #require(Sandbox.nodes(dataset["dct:temporal"]).first)
            #expect(Sandbox.text(period["dcat:startDate"]) == Self.periods[id]?[0] && Sandbox.text(period["dcat:endDate"]) == Self.periods[id]?[1], "\(id)")
            #expect(Array(Sandbox.ids(dataset["dct:spatial"]).prefix(2)) == Self.provinces)
            #expect(Sandbox.text(dataset["dct:modified"]) == Self.asOf)
            #expect(Sandbox.nodes(dataset["dcat:keyword"]).count == Self.schema(id).keywords.count)

            let distribution = try #require(Sandbox.nodes(dataset["dcat:distribution"]).first)
            let file = "open/\(id)/\(id)_\(Self.asOf).zip"
            #expect(Sandbox.ids(distribution["dcat:accessURL"]) == [Self.base + file] && Sandbox.ids(distribution["dcat:downloadURL"]) == [Self.base + file])
            #expect(Sandbox.text(distribution["dcat:byteSize"]) == String(try sandbox.bytes(file).count))
            let checksum = try #require(Sandbox.nodes(distribution["spdx:checksum"]).first)
            #expect(Sandbox.text(checksum["spdx:checksumValue"]) == SHA256.hex(of: Array(try sandbox.bytes(file))))
            #expect(Sandbox.ids(distribution["dcat:mediaType"]) == ["http://www.iana.org/assignments/media-types/application/zip"])
            #expect(Sandbox.text(Sandbox.nodes(distribution["dct:rights"]).first?["rdfs:label"]) == LegalTexts().open.terms.vi)

            // The contact points are the contributing units' focal points: office, e-mail, phone.
            let contacts = Sandbox.nodes(dataset["dcat:contactPoint"])
            let units = id == "ho-ngheo" ? ["ubnd-dak-ha", "ubnd-kon-ray", "ubnd-sa-thay"] : [["co-so-giao-duc": "so-gddt", "ho-kinh-doanh": "so-khdt"][id] ?? "so-nnmt"]
            #expect(contacts.flatMap { Sandbox.ids($0["vcard:hasEmail"]) } == units.map { "mailto:dau-moi@\($0).kontum.example" })
            #expect(contacts.allSatisfy { $0["@type"] as? String == "vcard:Kind" && Sandbox.ids($0["vcard:hasTelephone"]).first?.hasPrefix("tel:+84260") == true })
        }
        // The poverty aggregate publishes counts per commune: its communes are part of its coverage.
        let poor = try #require(datasets.first { $0["dct:identifier"] as? String == "ho-ngheo" })
        #expect(Array(Sandbox.ids(poor["dct:spatial"]).dropFirst(2))
            == ["23479", "23485", "23497", "23500", "23504", "23510", "23512", "23515", "23527"].map { Self.base + "id/dvhc/xa/\($0)/2025-07-01" })

        // Every IRI is absolute; blank nodes aside.
        let text = String(decoding: try sandbox.bytes("open/catalog.jsonld"), as: UTF8.self)
        let ids = try NSRegularExpression(pattern: #""@id" : "([^"]*)""#).matches(in: text, range: NSRange(text.startIndex..., in: text))
            .compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
        #expect(!ids.isEmpty && ids.allSatisfy { $0.hasPrefix("http://") || $0.hasPrefix("https://") || $0.hasPrefix("_:") || $0.hasPrefix("mailto:") || $0.hasPrefix("tel:") })
        // The open catalog names offices, never the focal point's person.
        #expect(!text.contains("Cán bộ đầu mối"))
    }

    @Test func theSharedCatalogDescribesEachServiceAndArticle11Entry() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf]).status == 0)
        let catalog = try sandbox.json("shared/catalog.jsonld")
        #expect(catalog["@id"] as? String == Self.base + "shared/catalog.jsonld#catalog")
        let datasets = Sandbox.nodes(catalog["dcat:dataset"]), services = Sandbox.nodes(catalog["dcat:service"])
        #expect(datasets.compactMap { $0["@id"] as? String } == RunTests.datasets.map { Self.base + "id/dataset/\($0)/shared" })
        #expect(services.compactMap { $0["@id"] as? String } == RunTests.datasets.map { Self.base + "id/service/\($0)" })
        let poor = try #require(datasets.first { $0["dct:identifier"] as? String == "ho-ngheo" })
        let entry = Self.schema("ho-ngheo").catalogEntry
        #expect(Sandbox.text(poor["kdl:purpose"]) == entry.purpose && Sandbox.text(poor["kdl:scope"]) == entry.scope)
        #expect(Sandbox.text(poor["kdl:content"]) == entry.content && Sandbox.text(poor["dct:description"]) == entry.content)
        #expect(Sandbox.text(poor["kdl:collectionMethod"]) == entry.collectionMethod && Sandbox.text(poor["kdl:updateMethod"]) == entry.updateMethod)
        #expect(Sandbox.nodes(poor["dcatap:applicableLegislation"]).map { Sandbox.text($0["dct:title"]) } == ["Nghị định 07/2021/NĐ-CP", "Nghị định 47/2020/NĐ-CP"])
        #expect(Sandbox.text(Sandbox.nodes(poor["dct:rightsHolder"]).first?["foaf:name"]) == "Sở Lao động - Thương binh và Xã hội (nay là Sở Nội vụ)")
        #expect(Sandbox.ids(poor["dct:accessRights"]) == ["http://publications.europa.eu/resource/authority/access-rights/RESTRICTED"])
        // For state agencies the focal point is named.
        #expect(Sandbox.nodes(poor["dcat:contactPoint"]).map { Sandbox.text($0["vcard:fn"]) } == ["Cán bộ đầu mối (minh họa)", "Cán bộ đầu mối (minh họa)", "Cán bộ đầu mối (minh họa)"])

        let service = try #require(services.first { $0["@id"] as? String == Self.base + "id/service/ho-ngheo" })
        #expect(service["@type"] as? String == "dcat:DataService")
        #expect(Sandbox.text(service["dct:title"]) == "Dịch vụ chia sẻ danh sách hộ nghèo, hộ cận nghèo")
        #expect(Sandbox.ids(service["dcat:endpointURL"]) == [Self.base + "shared/ho-ngheo/"])
        #expect(Sandbox.ids(service["dcat:servesDataset"]) == [Self.base + "id/dataset/ho-ngheo/shared"])
        #expect(Sandbox.ids(service["dct:accrualPeriodicity"]) == ["http://publications.europa.eu/resource/authority/frequency/ANNUAL"])
        #expect(Sandbox.nodes(service["kdl:recipientAgency"]).count == 3)
        #expect(Sandbox.text(service["kdl:recipientRule"]) == "Cơ quan nhà nước khác chỉ khi có căn cứ pháp lý xử lý dữ liệu cá nhân, theo văn bản đề nghị.")
        #expect(Sandbox.text(Sandbox.nodes(service["dct:accessRights"]).first?["rdfs:label"])?.hasPrefix("Chỉ cung cấp cho cơ quan nhà nước") == true)
    }

    @Test func servicesJSONGivesWhatEachServiceIsAndWhoMayReceiveIt() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.configure("datasets/ho-ngheo.json") { json in
            var service = json["sharingService"] as? [String: Any] ?? [:]
            service["endpointURL"] = "https://lgsp.kontum.example/api/ho-ngheo"
            json["sharingService"] = service
        }
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf]).status == 0)
        let services = Sandbox.nodes(try sandbox.json("shared/services.json")["services"])
        #expect(services.compactMap { $0["identifier"] as? String } == RunTests.datasets)
        let poor = try #require(services.first { $0["identifier"] as? String == "ho-ngheo" })
        let file = "shared/ho-ngheo/ho-ngheo_\(Self.asOf).zip"
        #expect(poor["connection"] as? [String: String] == [
            "method": "packaged-data", "path": file, "sha256": SHA256.hex(of: Array(try sandbox.bytes(file))),
            "format": "Frictionless Data Package (ZIP)", "checksumFile": file + ".sha256", "downloadURL": Self.base + file,
            "endpointURL": "https://lgsp.kontum.example/api/ho-ngheo",
        ])
        #expect(poor["units"] as? [String] == ["Ủy ban nhân dân huyện Đắk Hà (hoạt động đến 2025-06-30; chưa ghi nhận đơn vị kế thừa)",
                                              "Ủy ban nhân dân huyện Kon Rẫy (hoạt động đến 2025-06-30; chưa ghi nhận đơn vị kế thừa)",
                                              "Ủy ban nhân dân huyện Sa Thầy (hoạt động đến 2025-06-30; chưa ghi nhận đơn vị kế thừa)"])
        #expect(Sandbox.nodes(poor["contactPoints"]).map { [$0["unit"] as? String, $0["phone"] as? String, $0["email"] as? String] }
            == [["ubnd-dak-ha", "0260 0000 004", "dau-moi@ubnd-dak-ha.kontum.example"], ["ubnd-kon-ray", "0260 0000 005", "dau-moi@ubnd-kon-ray.kontum.example"],
               ["ubnd-sa-thay", "0260 0000 006", "dau-moi@ubnd-sa-thay.kontum.example"]])
        #expect(poor["updateFrequency"] as? [String: String]
            == ["code": "ANNUAL", "uri": "http://publications.europa.eu/resource/authority/frequency/ANNUAL", "label": "annual"])
        let recipients = try #require(poor["recipients"] as? [String: Any])
        #expect(recipients["agencies"] as? [String] == ["Cơ quan bảo hiểm xã hội cấp tỉnh", "Ngân hàng Chính sách xã hội", "Cơ quan quản lý giáo dục cấp tỉnh"])
        #expect(poor["termsOfUse"] as? [String: String] == ["vi": LegalTexts().shared.terms.vi, "en": LegalTexts().shared.terms.en])
        let entry = try #require(poor["catalogEntry"] as? [String: Any])
        #expect(entry["updateFrequency"] as? String == "ANNUAL" && entry["owner"] as? String == "Sở Lao động - Thương binh và Xã hội (nay là Sở Nội vụ)")
        #expect(entry["legalBasis"] as? [String] == ["Nghị định 07/2021/NĐ-CP", "Nghị định 47/2020/NĐ-CP"])
        let structure = Sandbox.nodes(poor["structure"])
        #expect(structure.first { $0["name"] as? String == "so_dinh_danh" }?["classification"] as? String == "personal")
        #expect(structure.first { $0["name"] as? String == "loai_ho" }?["classification"] as? String == "open")
        // A service without an endpoint is reached through its bundles alone.
        let schools = try #require(services.first { $0["identifier"] as? String == "co-so-giao-duc" })
        #expect((schools["connection"] as? [String: String])?["endpointURL"] == nil)
    }

    /// On Kon Tum's last day it is the publisher and the whole province covered; nothing of the
    /// province that followed is named.
    @Test func theCatalogNamesThePublisherAndProvinceInForce() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect([0, 65].contains(try sandbox.run("kdl-run", ["--as-of", "2025-06-30"]).status))
        let catalog = try sandbox.json("open/catalog.jsonld")
        #expect(Sandbox.text(Sandbox.nodes(catalog["dct:publisher"]).first?["foaf:name"]) == "Ủy ban nhân dân tỉnh Kon Tum")
        #expect(Sandbox.ids(catalog["dct:spatial"]) == [Self.base + "id/dvhc/tinh/62"])
        #expect(!String(decoding: try sandbox.bytes("open/catalog.jsonld"), as: UTF8.self).contains("Quảng Ngãi"))
    }

    /// Two runs of the same inputs and as-of date, in two folders, write the same catalogs.
    @Test func sameInputsSameBytes() throws {
        let first = try Sandbox(), second = try Sandbox()
        defer { first.remove(); second.remove() }
        for sandbox in [first, second] { #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--quiet"]).status == 0) }
        for file in ["open/catalog.jsonld", "shared/catalog.jsonld", "shared/services.json"] {
            #expect(try first.bytes(file) == second.bytes(file), "\(file)")
        }
    }

    /// A unit's report from before the oldest record date was kept leaves the range unknown: the
    /// catalog gives no period rather than the other unit's.
    @Test func aReportWithoutTheOldestDateLeavesTheRangeOut() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--quiet"]).status == 0)
        let report = sandbox.file("work/ubnd-kon-ray/ho-ngheo/quality.json")
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any] ?? [:]
        json["oldestRecordDate"] = nil
        try JSONSerialization.data(withJSONObject: json).write(to: report)
        #expect(try sandbox.run("kdl-bundle", ["--dataset", "ho-ngheo", "--as-of", Self.asOf, "--quiet"]).status == 0)
        let quality = try sandbox.json("open/ho-ngheo/ho-ngheo_\(Self.asOf).zip", entry: "quality.json")
        #expect(quality["oldestRecordDate"] == nil && quality["newestRecordDate"] as? String == "2024-12-17")
        let poor = Sandbox.nodes(try sandbox.json("open/catalog.jsonld")["dcat:dataset"]).first { $0["dct:identifier"] as? String == "ho-ngheo" }
        #expect(poor != nil && poor?["dct:temporal"] == nil)
    }

    /// A catalog of an earlier version is removed: a portal would go on harvesting it.
    @Test func theOldCatalogJSONIsRemoved() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(at: sandbox.file("open"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: sandbox.file("open/catalog.json"))
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--quiet"]).status == 0)
        #expect(!sandbox.exists("open/catalog.json") && sandbox.exists("open/catalog.jsonld"))
    }
}
