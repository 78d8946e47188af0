import Foundation
import Testing
@testable import KhoCore

/// The legal texts of the bundles come from `legal` in `nightly.json`.
@Suite(.serialized) struct LegalTextTests {
    static let asOf = "2026-11-29"
    static let open = "open/co-so-giao-duc/co-so-giao-duc_\(asOf).zip"
    static let shared = "shared/co-so-giao-duc/co-so-giao-duc_\(asOf).zip"

    @Test func withoutLegalTheBundlesCarryTheTextsTheyAlwaysHad() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf]).status == 0)
        let readme = try sandbox.text(Self.open, entry: "README.md")
        let defaults = LegalTexts()
        #expect(readme.contains("## Điều khoản sử dụng\n\n\(defaults.open.terms.vi)\n\n## Cách trích dẫn\n\n"))
        #expect(readme.contains("Dữ liệu mở được cung cấp theo Điều 18 Nghị định 47/2020/NĐ-CP"))
        #expect(readme.contains("\(defaults.open.terms.en)\n\nCite as: "))
        let package = try sandbox.json(Self.shared, entry: "datapackage.json")
        #expect((package["licenses"] as? [[String: String]])?.first == ["name": "other-closed", "title": defaults.shared.license.title])
        let catalog = try sandbox.json("open/catalog.jsonld")
        #expect(Sandbox.text(Sandbox.nodes(catalog["dct:rights"]).first?["rdfs:label"]) == defaults.open.terms.vi)
    }

    @Test func legalInTheConfigurationReplacesTheTexts() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.configure("nightly.json") { json in
            json["publisher"] = ["name": "Cơ quan công bố thử"]
            json["legal"] = [
                "open": [
                    "terms": ["vi": "Điều khoản mới theo Nghị định 278/2025/NĐ-CP.", "en": "New terms under Decree 278/2025/ND-CP."],
                    "license": ["name": "other-at", "title": "Nghị định 278/2025/NĐ-CP (xem README.md)", "uri": "https://vanban.example/nd-278-2025"],
                ],
                "shared": ["terms": ["vi": "Chỉ dùng trong cơ quan nhà nước.", "en": "State agencies only."]],
                "citation": ["vi": "Nguồn: {publisher}, {title}, {asOf} ({dataset}).", "en": "Source: {publisher}, {title}, {asOf}."],
                "staleNote": ["vi": "quá hạn cập nhật", "en": "past the update window"],
            ]
        }
        let result = try sandbox.run("kdl-run", ["--as-of", Self.asOf])
        #expect(result.status == 0, "\(result.stderr)")
        let readme = try sandbox.text(Self.open, entry: "README.md")
        #expect(readme.contains("## Điều khoản sử dụng\n\nĐiều khoản mới theo Nghị định 278/2025/NĐ-CP.\n"))
        #expect(readme.contains("New terms under Decree 278/2025/ND-CP."))
        #expect(readme.contains("## Cách trích dẫn\n\nNguồn: Cơ quan công bố thử, Danh sách cơ sở giáo dục (dữ liệu mở), \(Self.asOf) (co-so-giao-duc).\n"))
        #expect(readme.contains("Cite as: Source: Cơ quan công bố thử, Danh sách cơ sở giáo dục (dữ liệu mở), \(Self.asOf).\n"))
        #expect(!readme.contains("Nghị định 47/2020"))
        let shared = try sandbox.text(Self.shared, entry: "README.md")
        #expect(shared.contains("Chỉ dùng trong cơ quan nhà nước.") && shared.contains("State agencies only."))
        let package = try sandbox.json(Self.open, entry: "datapackage.json")
        #expect((package["licenses"] as? [[String: String]])?.first
            == ["name": "other-at", "title": "Nghị định 278/2025/NĐ-CP (xem README.md)", "path": "https://vanban.example/nd-278-2025"])
        let catalog = try sandbox.json("open/catalog.jsonld")
        let distributions = Sandbox.nodes(catalog["dcat:dataset"]).flatMap { Sandbox.nodes($0["dcat:distribution"]) }
        #expect(!distributions.isEmpty && distributions.allSatisfy {
            Sandbox.text(Sandbox.nodes($0["dct:rights"]).first?["rdfs:label"]) == "Điều khoản mới theo Nghị định 278/2025/NĐ-CP."
        })
        #expect(Sandbox.text(Sandbox.nodes(catalog["dct:license"]).first?["dct:title"]) == "Nghị định 278/2025/NĐ-CP (xem README.md)")
        #expect(Sandbox.ids(catalog["dct:license"]) == ["https://vanban.example/nd-278-2025"])
        // ho-ngheo's newest record is from 2024: the stale note is said in both languages.
        let stale = try sandbox.text("open/ho-ngheo/ho-ngheo_\(Self.asOf).zip", entry: "README.md")
        #expect(stale.contains(" — quá hạn cập nhật\n") && stale.contains(" — past the update window; details in `quality.json`."))
    }
}
