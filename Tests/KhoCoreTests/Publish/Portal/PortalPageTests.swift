import Foundation
import Testing
@testable import KhoCore

/// The pieces of the portal's pages that need no night: paths and links, the colours, the script's
/// hash, sizes, and the JSON-LD embedded in a page.
@Suite struct PortalPageTests {
    @Test func pagesLinkRelativelyAndToTheirTranslation() {
        let home = PortalPage(kind: .home, language: .vi)
        let dataset = PortalPage(kind: .dataset("ho-ngheo"), language: .vi)
        let english = PortalPage(kind: .dataset("ho-ngheo"), language: .en)
        #expect(home.path == "index.html" && dataset.path == "datasets/ho-ngheo.html" && english.path == "en/datasets/ho-ngheo.html")
        #expect(home.root == "" && dataset.root == "../" && english.root == "../../")
        #expect(dataset.href(to: home) == "../index.html")
        #expect(english.href(to: english.translation) == "../../datasets/ho-ngheo.html")
        #expect(home.href(to: home.translation) == "en/index.html")
        #expect(english.href("files/ho-ngheo/a.csv") == "../../files/ho-ngheo/a.csv")
    }

    /// WCAG 2 contrast ratio of each text colour on its background: at least 4.5:1.
    @Test func everyTextColourHasContrastOfAtLeast4_5() {
        for pair in PortalStyle.textPairs {
            let ratio = Self.contrast(pair.text, pair.background)
            #expect(ratio >= 4.5, "\(pair.name): \(pair.text) on \(pair.background) is \(ratio):1")
        }
        #expect(Self.contrast("#777777", "#ffffff") < 4.5)   // the measure can fail
        #expect(abs(Self.contrast("#000000", "#ffffff") - 21) < 0.01)
    }

    /// The policy allows the script by the hash of the exact text the home page carries.
    @Test func theScriptIsAllowedByItsHash() {
        var digest = SHA256()
        digest.update(Array(PortalScript.source.utf8))
        let expected = "sha256-" + Data(digest.finalize()).base64EncodedString()
        #expect(PortalScript.hash == expected)
        #expect(PortalShell.contentSecurityPolicy.contains("script-src '\(expected)'"))
        #expect(PortalShell.contentSecurityPolicy.hasPrefix("default-src 'none';"))
    }

    @Test func sizesAreWrittenForPeople() {
        #expect(PortalVocabulary.size(297, .vi) == "297 byte" && PortalVocabulary.size(297, .en) == "297 bytes")
        #expect(PortalVocabulary.size(10_127, .vi) == "9,9 KB" && PortalVocabulary.size(10_127, .en) == "9.9 KB")
        #expect(PortalVocabulary.size(5_500_000, .en) == "5.2 MB")
        #expect(PortalVocabulary.frequency("ANNUAL", .vi) == "hằng năm" && PortalVocabulary.frequency("ANNUAL", .en) == "Annual")
        #expect(PortalVocabulary.theme("SOCI", .vi) == "Dân số và xã hội" && PortalVocabulary.theme("SOCI", .en) == "Population and society")
    }

    /// A dataset's node keeps the catalog's context, and no value can end the script element.
    @Test func theEmbeddedRecordIsTheCatalogsNode() throws {
        let catalog = """
        {"@context": {"dct": "http://purl.org/dc/terms/"}, "@type": "dcat:Catalog",
         "dcat:dataset": [{"@type": "dcat:Dataset", "dct:identifier": "a", "dct:title": {"@value": "</script><b>", "@language": "vi"}},
                          {"@type": "dcat:Dataset", "dct:identifier": "b"}]}
        """
        let nodes = PortalJSONLD.datasets(in: Data(catalog.utf8))
        #expect(Set(nodes.keys) == ["a", "b"])
        let text = try #require(nodes["a"])
        #expect(!text.contains("<"))
        let node = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((node["dct:title"] as? [String: Any])?["@value"] as? String == "</script><b>")
        #expect((node["@context"] as? [String: Any])?["dct"] as? String == "http://purl.org/dc/terms/")
        #expect(PortalJSONLD.datasets(in: Data("not json".utf8)).isEmpty)
    }

    @Test func aCitationLosesItsMarkdownMarks() {
        #expect(PortalDatasetPage.plain("UBND (2026-11-29). *Tên*. Gói dữ liệu `a.zip`.") == "UBND (2026-11-29). Tên. Gói dữ liệu a.zip.")
    }

    static func contrast(_ first: String, _ second: String) -> Double {
        func luminance(_ hex: String) -> Double {
            let digits = Array(hex.dropFirst())
            let channels = stride(from: 0, to: 6, by: 2).map { Double(Int(String(digits[$0...$0 + 1]), radix: 16) ?? 0) / 255 }
            let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }
        let (a, b) = (luminance(first), luminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}
