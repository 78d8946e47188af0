import Foundation
import Testing
@testable import KhoCore

/// The "Report a problem" link: a `mailto:` URI a mail client reads back to the same recipients,
/// subject and body, Vietnamese included.
@Suite struct ProblemReportLinkTests {
    /// RFC 6068 read back: `mailto:` addresses `?` header fields joined by `&`, each `name=value`
    /// percent-decoded as UTF-8. Refuses anything not encoded (a space, a non-ASCII byte, a bad escape).
    static func parse(_ uri: String) throws -> (to: [String], fields: [String: String]) {
        guard uri.hasPrefix("mailto:") else { throw ParseError.scheme }
        let rest = uri.dropFirst("mailto:".count)
        let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%@,?=&")
        guard rest.allSatisfy(allowed.contains) else { throw ParseError.unencoded }
        let to = try parts[0].split(separator: ",").map { try decode($0) }
        var fields: [String: String] = [:]
        for field in parts.count > 1 ? parts[1].split(separator: "&") : [] {
            let pair = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { throw ParseError.field }
            fields[try decode(pair[0]).lowercased()] = try decode(pair[1])
        }
        return (to, fields)
    }

    enum ParseError: Error { case scheme, unencoded, field, escape }

    static func decode(_ text: Substring) throws -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "%") {
                let high = utf8.index(after: index), low = utf8.index(after: high)
                guard low < utf8.endIndex, let byte = UInt8(String(decoding: utf8[high...low], as: UTF8.self), radix: 16) else { throw ParseError.escape }
                bytes.append(byte)
                index = utf8.index(after: low)
            } else {
                bytes.append(utf8[index])
                index = utf8.index(after: index)
            }
        }
        guard let string = String(validating: bytes, as: UTF8.self) else { throw ParseError.escape }
        return string
    }

    @Test func vietnameseSubjectAndBodyRoundTrip() throws {
        let config = TestSupport.configuration
        let link = try #require(ProblemReportLink(dataset: "ho-ngheo", title: "Danh sách hộ nghèo, hộ cận nghèo", version: "2026-11-29",
                                                  bundleFile: "ho-ngheo_2026-11-29.zip", exampleTable: "data/ho-ngheo.csv",
                                                  units: ["ubnd-dak-ha", "ubnd-kon-ray", "ubnd-dak-ha"], config: config))
        let parsed = try Self.parse(link.uri)
        let expected = ["ubnd-dak-ha", "ubnd-kon-ray"].compactMap { config.unit($0)?.focalPoint?.email }.sorted()
        #expect(!expected.isEmpty && parsed.to == expected)
        #expect(parsed.fields["subject"] == "Báo lỗi dữ liệu / Data problem: Danh sách hộ nghèo, hộ cận nghèo (ho-ngheo, 2026-11-29)")
        #expect(parsed.fields["body"] == "Bộ dữ liệu / Dataset: ho-ngheo\r\nPhiên bản / Version: 2026-11-29 (ho-ngheo_2026-11-29.zip)\r\n"
            + "Dòng (ví dụ) / Row (example): data/ho-ngheo.csv, dòng / line 2\r\nTrường / Field: \r\nMô tả lỗi / What is wrong: \r\n")
        #expect(parsed.fields.keys.sorted() == ["body", "subject"])
        // Precomposed (NFC) UTF-8: "ệ" is one code point, three bytes.
        #expect(link.uri.contains("l%E1%BB%97i"))
    }

    @Test func theDataDeskTakesEveryReportWhenConfigured() throws {
        let config = try TestSupport.pipelines(changing: "nightly.json") { json in
            var publication = json["publication"] as? [String: Any] ?? [:]
            publication["dataDesk"] = "du-lieu+bao-loi@stttt.kontum.example"
            json["publication"] = publication
        }.get()
        let link = try #require(ProblemReportLink(dataset: "ho-ngheo", title: "T", version: "2026-11-29", bundleFile: "f.zip", exampleTable: nil,
                                                  units: ["ubnd-dak-ha"], config: config))
        #expect(link.uri.hasPrefix("mailto:du-lieu%2Bbao-loi@stttt.kontum.example?subject="))
        #expect(try Self.parse(link.uri).to == ["du-lieu+bao-loi@stttt.kontum.example"])
        #expect(try Self.parse(link.uri).fields["body"]?.contains("f.zip, dòng / line 2") == true)
    }

    @Test func noAddressNoLink() {
        #expect(ProblemReportLink(dataset: "x", title: "T", version: "2026-11-29", bundleFile: "f.zip", exampleTable: nil,
                                  units: ["no-such-unit"], config: TestSupport.configuration) == nil)
    }

    @Test func aBadDataDeskIsRefusedByKey() throws {
        let result = try TestSupport.pipelines(changing: "nightly.json") { json in
            var publication = json["publication"] as? [String: Any] ?? [:]
            publication["dataDesk"] = "bàn dữ liệu"
            json["publication"] = publication
        }
        guard case .failure(let error) = result else { Issue.record("accepted"); return }
        #expect(error.problems.map { "\($0.path): \($0.message.en)" } == ["publication.dataDesk: \"bàn dữ liệu\" is not an e-mail address (name@agency.gov.vn)"])
    }
}
