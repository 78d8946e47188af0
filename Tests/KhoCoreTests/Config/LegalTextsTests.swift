import Foundation
import Testing
@testable import KhoCore

@Suite struct LegalTextsTests {
    /// Without `legal`, the texts bundles have always carried.
    @Test func theDefaultsAreTheTextsBundlesCarried() {
        let legal = TestSupport.configuration.pipeline.legal
        #expect(legal == LegalTexts())
        #expect(legal.open.terms.vi.hasPrefix("Dữ liệu mở được cung cấp theo Điều 18 Nghị định 47/2020/NĐ-CP"))
        #expect(legal.open.license.name == "other-at")
        #expect(legal.shared.license.name == "other-closed")
        let values = ["publisher": "P", "asOf": "2026-01-15", "title": "T", "file": "f.zip"]
        #expect(legal.citation.vi.render(values) == "P (2026-01-15). *T*. Gói dữ liệu `f.zip`.")
        #expect(legal.citation.en.render(values) == "P (2026-01-15). T. Bundle `f.zip`.")
    }

    @Test func eachKeyReplacesOnlyItsOwnText() throws {
        let config = try TestSupport.pipelines(changing: "nightly.json") { json in
            json["legal"] = [
                "open": ["terms": ["vi": "Theo Nghị định 278/2025/NĐ-CP.", "en": "Under Decree 278/2025/ND-CP."]],
                "citation": ["vi": "{publisher}, {title} ({asOf}), {dataset}", "en": "{publisher}, {title} ({asOf})"],
            ]
        }.get()
        let legal = config.pipeline.legal
        #expect(legal.open.terms == Message(vi: "Theo Nghị định 278/2025/NĐ-CP.", en: "Under Decree 278/2025/ND-CP."))
        #expect(legal.open.license == LegalTexts().open.license)
        #expect(legal.shared == LegalTexts().shared)
        #expect(legal.citation.vi.render(["publisher": "P", "title": "T", "asOf": "D", "dataset": "d"]) == "P, T (D), d")
    }

    @Test func anUnknownPlaceholderOrAMissingLanguageIsRefusedWithItsPath() throws {
        let result = try TestSupport.pipelines(changing: "nightly.json") { json in
            json["legal"] = [
                "citation": ["vi": "{publisher} ({ngay})", "en": "{publisher}"],
                "shared": ["terms": ["vi": "Chỉ cơ quan nhà nước."], "licence": [:]],
            ]
        }
        guard case .failure(let error) = result else { Issue.record("loaded"); return }
        let problems = error.problems.map { "\($0.file): \($0.path): \($0.message.en)" }
        #expect(problems.contains("pipelines/nightly.json: legal.citation.vi: unknown placeholder {ngay} (known: {asOf}, {dataset}, {file}, {publisher}, {title})"), "\(problems)")
        #expect(problems.contains("pipelines/nightly.json: legal.shared.terms.en: is required"), "\(problems)")
        #expect(problems.contains("pipelines/nightly.json: legal.shared.licence: unknown key"), "\(problems)")
    }

    /// The old `publisher.terms` still sets the open terms, but not beside `legal`.
    @Test func publisherTermsOfEarlierVersionsStillCountButNotBesideLegal() throws {
        let old = try TestSupport.pipelines(changing: "nightly.json") { json in
            json["publisher"] = ["name": "Ủy ban nhân dân tỉnh Kon Tum", "terms": "Điều khoản cũ.", "termsEnglish": "Old terms."]
        }.get()
        #expect(old.pipeline.legal.open.terms == Message(vi: "Điều khoản cũ.", en: "Old terms."))
        let both = try TestSupport.pipelines(changing: "nightly.json") { json in
            json["publisher"] = ["name": "Ủy ban nhân dân tỉnh Kon Tum", "terms": "Điều khoản cũ."]
            json["legal"] = ["open": ["terms": ["vi": "Mới.", "en": "New."]]]
        }
        guard case .failure(let error) = both else { Issue.record("loaded"); return }
        #expect(error.problems.map(\.path) == ["publisher.terms"])
    }
}
