import Foundation
import Testing
@testable import KhoCore

/// The nodes the catalogs are made of: typed as the DCAT-AP shapes check them, with the URIs of
/// `CatalogURIs`.
@Suite struct DCATNodesTests {
    static let config = TestSupport.configuration
    static let uris = CatalogURIs(settings: config.pipeline.publication)

    private func member(_ node: JSONLD, _ key: String) -> JSONLD? {
        guard case .object(let members) = node else { return nil }
        return members[key]
    }

    private func id(_ node: JSONLD?) -> String? {
        guard let node, case .string(let text)? = member(node, "@id") else { return nil }
        return text
    }

    /// 23425 was Xã Đắk Hà until 2025-06-30 and names Xã Tu Mơ Rông from 2025-07-01: two units,
    /// two URIs, the later one dated by its start.
    @Test func aReusedCodeGetsOneURIPerUnit() throws {
        let list = try #require(Self.config.codeLists["xa"])
        let before = list.lookup("23425", on: TestSupport.date("2025-06-30"))
        let after = list.lookup("23425", on: TestSupport.date("2025-07-01"))
        guard case .valid(let old) = before, case .valid(let new) = after else { Issue.record("23425 not in force"); return }
        #expect(Self.uris.administrativeUnit(old, list: "xa") == "https://khodulieu.kontum.example/id/dvhc/xa/23425")
        #expect(Self.uris.administrativeUnit(new, list: "xa") == "https://khodulieu.kontum.example/id/dvhc/xa/23425/2025-07-01")
        let node = DCATNodes.location(new, list: "xa", uris: Self.uris)
        #expect(member(node, "@type") == .string("dct:Location") && member(node, "dct:identifier") == .string("23425"))
        #expect(member(node, "skos:prefLabel") == JSONLD.text(new.name, "vi"))
    }

    @Test func theProvinceIsTheOneInForceOrTheOneItBecamePartOf() {
        let before = DCATNodes.province(Self.config, on: TestSupport.date("2025-06-30"), uris: Self.uris).compactMap(id)
        #expect(before == ["https://khodulieu.kontum.example/id/dvhc/tinh/62"])
        let after = DCATNodes.province(Self.config, on: TestSupport.date("2026-11-29"), uris: Self.uris).compactMap(id)
        #expect(after == ["https://khodulieu.kontum.example/id/dvhc/tinh/62", "https://khodulieu.kontum.example/id/dvhc/tinh/51/2025-07-01"])
    }

    /// The shapes check `sh:class` on the node's own type: vocabulary IRIs carry theirs.
    @Test func vocabularyNodesAreTypedAndLabelled() {
        let frequency = DCATNodes.frequency("ANNUAL")
        #expect(id(frequency) == "http://publications.europa.eu/resource/authority/frequency/ANNUAL")
        #expect(member(frequency, "@type") == .string("dct:Frequency") && member(frequency, "skos:prefLabel") == JSONLD.text("annual", "en"))
        let theme = DCATNodes.theme("SOCI")
        #expect(member(theme, "@type") == .string("skos:Concept") && member(theme, "skos:prefLabel") == JSONLD.text("Population and society", "en"))
        #expect(member(DCATNodes.vietnamese, "@type") == .string("dct:LinguisticSystem"))
        #expect(DCATNodes.period(from: "2024-11-04", to: nil) == nil)
        #expect(DCATNodes.period(from: "2024-11-04", to: "2024-12-17").flatMap { member($0, "dcat:startDate") } == JSONLD.date("2024-11-04"))
    }

    /// The open side names the office; the shared side the person too.
    @Test func aFocalPointOnEachSide() throws {
        let point = try #require(Self.config.unit("so-nnmt")?.focalPoint)
        let open = DCATNodes.contactPoint(point, unit: "so-nnmt", unitName: "Sở Nông nghiệp và Môi trường", side: .open)
        #expect(member(open, "vcard:fn") == JSONLD.text("\(point.position) — Sở Nông nghiệp và Môi trường", "vi"))
        #expect(member(open, "vcard:title") == nil && id(member(open, "vcard:hasEmail")) == "mailto:dau-moi@so-nnmt.kontum.example")
        let shared = DCATNodes.contactPoint(point, unit: "so-nnmt", unitName: "Sở Nông nghiệp và Môi trường", side: .shared)
        #expect(member(shared, "vcard:fn") == JSONLD.text(point.name, "vi") && member(shared, "vcard:title") == JSONLD.text(point.position, "vi"))
    }

    /// JSON-LD as written: sorted keys, so the same graph is the same bytes.
    @Test func writtenWithSortedKeys() throws {
        var properties: [String: JSONLD] = ["dct:title": .text("T", "vi")]
        properties.set("dcat:keyword", .many([]))
        properties.set("dct:issued", nil)
        let bytes = JSONLD.node("dcat:Dataset", id: "https://x.example/d", properties).encoded
        #expect(String(decoding: bytes, as: UTF8.self) == """
            {
              "@id" : "https://x.example/d",
              "@type" : "dcat:Dataset",
              "dct:title" : {
                "@language" : "vi",
                "@value" : "T"
              }
            }

            """)
    }
}
