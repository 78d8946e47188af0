import Foundation
import Testing
@testable import KhoCore

/// Every bundle README and every portal dataset page carries a "Report a problem" `mailto:` link
/// to the units' focal points, with the dataset, the version and an example row filled in.
@Suite(.serialized) struct ProblemReportLinkEndToEndTests {
    /// The first `mailto:` URI after `marker`, up to the character that ends it in that format.
    static func link(in text: String, after marker: String, end: Character) throws -> (to: [String], subject: String, body: String) {
        let start = try #require(text.range(of: marker)).upperBound
        // In HTML the attribute escapes `&` (HTML.escape); a browser hands the mail client the URI unescaped.
        let uri = String(text[start...].prefix { $0 != end }).replacingOccurrences(of: "&amp;", with: "&")
        #expect(uri.hasPrefix("mailto:") && uri.unicodeScalars.allSatisfy(\.isASCII) && !uri.contains(" "), "\(uri)")
        let parts = uri.dropFirst("mailto:".count).split(separator: "?", maxSplits: 1)
        var fields: [String: String] = [:]
        for field in parts[1].split(separator: "&") {
            let pair = field.split(separator: "=", maxSplits: 1)
            fields[String(pair[0])] = String(pair[1]).removingPercentEncoding
        }
        return (parts[0].split(separator: ",").compactMap { String($0).removingPercentEncoding }, fields["subject"] ?? "", fields["body"] ?? "")
    }

    @Test func bundlesAndPortalPagesLinkToTheUnitsFocalPoints() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet"]).status == 0)
        for dataset in RunTests.datasets {
            let file = "\(dataset)_\(RunTests.asOf).zip"
            var recipients: [[String]] = []
            for side in ["open", "shared"] {
                let readme = String(decoding: try sandbox.zipEntry("\(side)/\(dataset)/\(file)", "README.md"), as: UTF8.self)
                let link = try Self.link(in: readme, after: "[Báo lỗi dữ liệu / Report a problem](", end: ")")
                #expect(link.subject.hasPrefix("Báo lỗi dữ liệu / Data problem: ") && link.subject.hasSuffix("(\(dataset), \(RunTests.asOf))"), "\(link.subject)")
                #expect(link.body.contains("Bộ dữ liệu / Dataset: \(dataset)\r\nPhiên bản / Version: \(RunTests.asOf) (\(file))\r\n"), "\(link.body)")
                #expect(link.body.contains("Dòng (ví dụ) / Row (example): data/"), "\(link.body)")
                recipients.append(link.to)
            }
            for page in ["portal/datasets/\(dataset).html", "portal/en/datasets/\(dataset).html"] {
                let html = String(decoding: try sandbox.bytes(page), as: UTF8.self)
                let link = try Self.link(in: html, after: "<a class=\"report-problem\" href=\"", end: "\"")
                #expect(link.body.contains("(\(file))"))
                recipients.append(link.to)
            }
            #expect(Set(recipients.map { $0.joined(separator: ",") }).count == 1, "\(dataset): \(recipients)")
            #expect(recipients[0].allSatisfy { $0.contains("@") } && !recipients[0].isEmpty)
        }
    }
}
