import Foundation
import Testing
@testable import KhoCore

/// Bodies are named as they stood on the as-of date: the publisher in force, and a unit that has
/// ended beside the body that followed it (pipelines/nightly.json, pipelines/units/).
@Suite(.serialized) struct OrganizationNameTests {
    static let konTum = "Ủy ban nhân dân tỉnh Kon Tum"
    static let quangNgai = "Ủy ban nhân dân tỉnh Quảng Ngãi"

    @Test(arguments: [("2026-01-15", quangNgai, konTum), ("2025-06-30", konTum, quangNgai)])
    func theBundlesAndCatalogsNameThePublisherInForce(asOf: String, publisher: String, other: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run("kdl-run", ["--as-of", asOf])
        #expect([0, 65].contains(result.status), "\(result.stderr)")
        for side in ["shared", "open"] {
            let zip = "\(side)/ho-ngheo/ho-ngheo_\(asOf).zip"
            let readme = try sandbox.text(zip, entry: "README.md")
            #expect(readme.contains("- Cơ quan công bố: \(publisher)\n"))
            #expect(readme.contains("## Cách trích dẫn\n\n\(publisher) (\(asOf)). *"))
            #expect(readme.contains("published by \(publisher), merged from 3 unit(s)"))
            #expect(readme.contains("Cite as: \(publisher) (\(asOf))."))
            #expect(!readme.contains(other), "\(zip) names \(other)")
            let package = try sandbox.json(zip, entry: "datapackage.json")
            #expect(package["contributors"] as? [[String: String]] == [["title": publisher, "role": "publisher"]])
        }
        let catalog = try sandbox.json("open/catalog.jsonld")
        #expect(Sandbox.text(Sandbox.nodes(catalog["dct:publisher"]).first?["foaf:name"]) == publisher)
        let datasets = Sandbox.nodes(catalog["dcat:dataset"])
        #expect(!datasets.isEmpty && datasets.allSatisfy { Sandbox.text(Sandbox.nodes($0["dct:publisher"]).first?["foaf:name"]) == publisher })
        #expect(try sandbox.json("shared/services.json")["publisher"] as? String == publisher)
    }

    /// The district committees ended on 2025-06-30 and no successor is on record: after that the
    /// bundle says so, and keeps them as the senders; on 2025-06-30 they are named as they were.
    @Test func aDistrictCommitteeEndedWithoutSuccessorIsNamedWithItsEnd() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.run("kdl-run", ["--as-of", "2026-01-15"])
        let zip = "shared/ho-ngheo/ho-ngheo_2026-01-15.zip"
        let sources = try sandbox.json(zip, entry: "datapackage.json")["sources"] as? [[String: Any]] ?? []
        let dakHa = try #require(sources.first { $0["unit"] as? String == "ubnd-dak-ha" })
        #expect(dakHa["title"] as? String == "Ủy ban nhân dân huyện Đắk Hà (hoạt động đến 2025-06-30; chưa ghi nhận đơn vị kế thừa)")
        #expect(dakHa["agencyCode"] as? String == "000.00.35.H33")
        #expect(dakHa["sentBy"] as? [String: String] == ["title": "Ủy ban nhân dân huyện Đắk Hà", "agencyCode": "000.00.35.H33", "validTo": "2025-06-30"])

        let before = try Sandbox()
        defer { before.remove() }
        try before.run("kdl-run", ["--as-of", "2025-06-30"])
        let then = try before.json("shared/ho-ngheo/ho-ngheo_2025-06-30.zip", entry: "datapackage.json")["sources"] as? [[String: Any]] ?? []
        #expect(then.compactMap { $0["title"] as? String } == ["Ủy ban nhân dân huyện Đắk Hà", "Ủy ban nhân dân huyện Kon Rẫy", "Ủy ban nhân dân huyện Sa Thầy"])
        #expect(then.allSatisfy { $0["sentBy"] == nil })
    }

    /// With a successor on record, a unit that ended before the as-of date is named
    /// "successor (trước đây là unit)" wherever the bundle and the catalog name it; the rows keep
    /// the unit's id as their provenance.
    @Test func aUnitThatEndedIsNamedByItsSuccessorWithTheSenderBeside() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.configure("units/ubnd-kon-ray.json") { json in
            json["successor"] = ["name": "Cơ quan kế thừa thử", "agencyCode": "000.00.99.X99"]
        }
        let result = try sandbox.run("kdl-run", ["--as-of", "2026-01-15"])
        #expect([0, 65].contains(result.status), "\(result.stderr)")
        let named = "Cơ quan kế thừa thử (trước đây là Ủy ban nhân dân huyện Kon Rẫy)"
        for side in ["shared", "open"] {
            let zip = "\(side)/ho-ngheo/ho-ngheo_2026-01-15.zip"
            #expect(try sandbox.text(zip, entry: "README.md").contains("| \(named) | 000.00.99.X99 | 42 |\n"))
            let package = try sandbox.json(zip, entry: "datapackage.json")
            let source = (package["sources"] as? [[String: Any]])?.first { $0["unit"] as? String == "ubnd-kon-ray" }
            #expect(source?["title"] as? String == named)
            #expect(source?["sentBy"] as? [String: String] == ["title": "Ủy ban nhân dân huyện Kon Rẫy", "agencyCode": "000.00.34.H33", "validTo": "2025-06-30"])
            let quality = try sandbox.json(zip, entry: "quality.json")
            #expect((quality["units"] as? [[String: Any]])?.contains { $0["unitName"] as? String == named } == true)
        }
        let rows = try sandbox.csv("shared/ho-ngheo/ho-ngheo_2026-01-15.zip", entry: "data/ho-ngheo.csv")
        #expect(rows.filter { $0["nguon_du_lieu"] == "ubnd-kon-ray" }.count == 42)   // with the newer record of the man who moved
        let catalog = try sandbox.json("open/catalog.jsonld")
        let poor = Sandbox.nodes(catalog["dcat:dataset"]).first { $0["dct:identifier"] as? String == "ho-ngheo" }
        #expect(Sandbox.nodes(poor?["dct:contributor"]).contains { Sandbox.text($0["foaf:name"]) == named })
        let services = try sandbox.json("shared/services.json")["services"] as? [[String: Any]] ?? []
        #expect((services.first { $0["identifier"] as? String == "ho-ngheo" }?["units"] as? [String])?.contains(named) == true)
    }

    /// A dated configuration that leaves a date with two publishers, or a successor with no name,
    /// stops the run before anything is written, naming the file and the key.
    @Test func anInvalidDatedConfigurationIsRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.configure("nightly.json") { json in
            var entries = json["publisher"] as? [[String: Any]] ?? []
            entries[1]["validFrom"] = "2025-01-01"
            json["publisher"] = entries
        }
        try sandbox.configure("units/ubnd-dak-ha.json") { json in
            json["successor"] = ["agencyCode": "000.00.99.X99"]
        }
        let result = try sandbox.run("kdl-run", ["--as-of", "2026-01-15", "--lang", "en"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("pipelines/nightly.json: publisher[1].validFrom: 2025-01-01 overlaps publisher[0] (valid to 2025-06-30); it must be 2025-07-01"), "\(result.stderr)")
        #expect(result.stderr.contains("pipelines/units/ubnd-dak-ha.json: successor.name: is required"), "\(result.stderr)")
        #expect(!sandbox.exists("shared/ho-ngheo/ho-ngheo_2026-01-15.zip"))
    }
}
