import Foundation
import Testing
@testable import KhoCore

/// `portal/`, the static open-data site: written by `kdl-run` after bundling and by `kdl-publish`
/// alone, the same bytes either way; pages in both languages whose structure a browser and a
/// screen reader rely on; every link and download resolving inside the folder; values escaped.
@Suite(.serialized) struct PortalTests {
    static let languages = [("vi", ""), ("en", "en/")]

    /// Every file the samples' night gives the portal, and nothing else.
    static func expectedFiles() -> [String] {
        var files = ["portal/catalog.jsonld", "portal/index.html", "portal/en/index.html", "portal/robots.txt", "portal/sitemap.xml"]
        let tables = ["co-so-giao-duc": ["co-so-giao-duc.csv"], "ho-kinh-doanh": ["ho-kinh-doanh.csv"],
                      "ho-ngheo": ["so-ho-theo-xa.csv"], "quan-trac-moi-truong": ["quan-trac-moi-truong.csv"]]
        for dataset in RunTests.datasets {
            files += ["portal/datasets/\(dataset).html", "portal/en/datasets/\(dataset).html",
                      "portal/files/\(dataset)/\(dataset)_\(RunTests.asOf).zip", "portal/files/\(dataset)/\(dataset)_\(RunTests.asOf).zip.sha256"]
            files += (tables[dataset] ?? []).map { "portal/files/\(dataset)/\($0)" }
        }
        return files.sorted()
    }

    @Test func theNightWritesTheSiteAndEveryLinkResolves() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Cổng dữ liệu mở: 4 bộ dữ liệu, 25 tệp"), "\(result.stdout)")
        #expect(sandbox.outputFiles().filter { $0.hasPrefix("portal/") } == Self.expectedFiles())
        let pages = Self.expectedFiles().filter { $0.hasSuffix(".html") }
        for page in pages {
            let html = String(decoding: try sandbox.bytes(page), as: UTF8.self)
            let language = page.hasPrefix("portal/en/") ? "en" : "vi"
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language)\">\n"), "\(page)")
            #expect(Self.headingLevels(html).first == 1 && Self.headingLevels(html).filter { $0 == 1 }.count == 1, "\(page): one h1, first")
            let levels = Self.headingLevels(html)
            for (previous, next) in zip(levels, levels.dropFirst()) { #expect(next <= previous + 1, "\(page): h\(previous) then h\(next)") }
            #expect(Self.count("<table", in: html) == Self.count("<thead>", in: html), "\(page): a table without a header row")
            // Nothing outside the folder is loaded: no src, no stylesheet, no http(s) but in data.
            #expect(!html.contains(" src=") && !html.contains("rel=\"stylesheet\"") && !html.contains("@import"), "\(page)")
            #expect(html.contains("content=\"\(PortalShell.contentSecurityPolicy)\""), "\(page)")
            for link in Self.hrefs(html) where !link.hasPrefix("mailto:") && !link.hasPrefix("tel:") && !link.hasPrefix("data:") && !link.hasPrefix("#") {
                #expect(!link.contains("://"), "\(page): link out of the site \(link)")
                let target = URL(fileURLWithPath: sandbox.file(page).deletingLastPathComponent().appendingPathComponent(link).path).standardized
                #expect(FileManager.default.fileExists(atPath: target.path), "\(page): \(link) does not resolve")
                #expect(target.path.hasPrefix(sandbox.file("portal").path + "/"), "\(page): \(link) leaves portal/")
            }
        }
        // The language switch pairs each page with its translation.
        #expect(String(decoding: try sandbox.bytes("portal/datasets/ho-ngheo.html"), as: UTF8.self)
            .contains("<a href=\"../en/datasets/ho-ngheo.html\" hreflang=\"en\" lang=\"en\">English</a>"))
        #expect(String(decoding: try sandbox.bytes("portal/en/datasets/ho-ngheo.html"), as: UTF8.self)
            .contains("<a href=\"../../datasets/ho-ngheo.html\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a>"))
        for dataset in RunTests.datasets {
            let pointer = try LatestPointerTests.pointer(sandbox, "open", dataset)
            let copy = try sandbox.bytes("portal/files/\(dataset)/\(pointer.file)")
            #expect(copy == (try sandbox.bytes("open/\(dataset)/\(pointer.file)")))
            #expect(try sandbox.bytes("portal/files/\(dataset)/\(pointer.sha256File)") == sandbox.bytes("open/\(dataset)/\(pointer.sha256File)"))
            let page = String(decoding: try sandbox.bytes("portal/datasets/\(dataset).html"), as: UTF8.self)
            #expect(page.contains(">\(pointer.sha256)</td>") && page.contains("data-bytes=\"\(pointer.bytes)\""))
            // The embedded DCAT-AP record is the open catalog's node of this dataset.
            let jsonLD = try #require(Self.between(page, "<script type=\"application/ld+json\">\n", "</script>"))
            let node = try #require(try JSONSerialization.jsonObject(with: Data(jsonLD.utf8)) as? [String: Any])
            #expect(node["dct:identifier"] as? String == dataset && node["@type"] as? String == "dcat:Dataset" && node["@context"] != nil)
        }
        #expect(try sandbox.bytes("portal/catalog.jsonld") == sandbox.bytes("open/catalog.jsonld"))
        let sitemap = String(decoding: try sandbox.bytes("portal/sitemap.xml"), as: UTF8.self)
        #expect(Self.count("<loc>https://khodulieu.kontum.example/portal/", in: sitemap) == 10)
        #expect(sitemap.contains("<loc>https://khodulieu.kontum.example/portal/en/datasets/ho-ngheo.html</loc><lastmod>\(RunTests.asOf)</lastmod>"))
        #expect(String(decoding: try sandbox.bytes("portal/robots.txt"), as: UTF8.self)
            == "User-agent: *\nAllow: /\nSitemap: https://khodulieu.kontum.example/portal/sitemap.xml\n")
    }

    /// The stale notice (Article 19), the preview's first rows and the field titles come from the bundle.
    @Test func aDatasetPageShowsWhatItsBundleHolds() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet"]).status == 0)
        let page = String(decoding: try sandbox.bytes("portal/datasets/ho-ngheo.html"), as: UTF8.self)
        let rows = try sandbox.csv("open/ho-ngheo/ho-ngheo_\(RunTests.asOf).zip", entry: "data/so-ho-theo-xa.csv")
        #expect(page.contains("10 dòng đầu trong \(rows.count) dòng của so-ho-theo-xa.csv"))
        let previewBody = try #require(Self.between(page, "<caption id=\"preview-0\">", "</table>"))
        #expect(Self.count("<tr><td>", in: previewBody) == 10)
        #expect(previewBody.contains("<tr><td>\(rows[0]["ma_xa"] ?? "?")</td><td>\(rows[0]["loai_ho"] ?? "?")</td>"))
        let quality = try #require(try sandbox.json("open/ho-ngheo/ho-ngheo_\(RunTests.asOf).zip", entry: "quality.json")["stale"] as? Bool)
        #expect(page.contains("class=\"notice\"") == quality)
        #expect(page.contains("<svg") && page.contains("Điểm chất lượng qua các đêm"))
        #expect(page.contains("Ủy ban nhân dân tỉnh Quảng Ngãi (2026-11-29). Danh sách thành viên hộ nghèo, hộ cận nghèo (dữ liệu mở). Gói dữ liệu ho-ngheo_\(RunTests.asOf).zip."))
        let english = String(decoding: try sandbox.bytes("portal/en/datasets/ho-ngheo.html"), as: UTF8.self)
        #expect(english.contains("First 10 of \(rows.count) rows of so-ho-theo-xa.csv") && english.contains("<h2 id=\"downloads\">Downloads</h2>"))
    }

    /// Two nights: the trend has a point per night, and the pages name the newer bundle only.
    @Test func aSecondNightAddsToTheTrendAndReplacesTheDownloads() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-28", "--quiet"]).status == 0)
        #expect(sandbox.exists("portal/files/ho-ngheo/ho-ngheo_2026-11-28.zip"))
        #expect(try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet", "--force"]).status == 0)
        let page = String(decoding: try sandbox.bytes("portal/datasets/ho-ngheo.html"), as: UTF8.self)
        let chart = try #require(Self.between(page, "<figure>", "</figure>"))
        #expect(Self.count("<circle", in: chart) == 2 && chart.contains("<polyline"))
        #expect(chart.contains("28/11/2026:") && chart.contains("29/11/2026:"))
        #expect(!page.contains("2026-11-28.zip"))
        #expect(sandbox.outputFiles().filter { $0.hasPrefix("portal/") } == Self.expectedFiles())
    }

    /// `kdl-publish` alone gives the bytes `kdl-run` gave; `--no-portal` leaves the folder alone;
    /// a dataset no longer on the open side leaves the site with its files.
    @Test func publishingAloneIsTheSameAndRemovesWhatIsGone() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet", "--no-portal"]).status == 0)
        #expect(!sandbox.exists("portal"))
        #expect(try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet", "--force"]).status == 0)
        let night = try Dictionary(uniqueKeysWithValues: Self.expectedFiles().map { ($0, try sandbox.bytes($0)) })
        let alone = try sandbox.run("kdl-publish", ["--as-of", RunTests.asOf])
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(sandbox.outputFiles().filter { $0.hasPrefix("portal/") } == Self.expectedFiles())
        for (path, bytes) in night.sorted(by: { $0.key < $1.key }) { #expect(try sandbox.bytes(path) == bytes, "\(path) differs") }

        try FileManager.default.removeItem(at: sandbox.file("open/ho-ngheo"))
        #expect(try sandbox.run("kdl-publish", ["--as-of", RunTests.asOf, "--quiet"]).status == 0)
        let left = sandbox.outputFiles().filter { $0.hasPrefix("portal/") }
        #expect(left == Self.expectedFiles().filter { !$0.contains("ho-ngheo") })
        #expect(!String(decoding: try sandbox.bytes("portal/index.html"), as: UTF8.self).contains("ho-ngheo"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.file("portal/files/ho-ngheo").path))
    }

    /// `--no-portal` is kdl-run's alone, and its help says so.
    @Test func onlyTheNightTakesNoPortal() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        for language in ["vi", "en"] {
            #expect(try sandbox.run("kdl-run", ["--help", "--lang", language]).stdout.contains("--no-portal"))
            #expect(try !sandbox.run("kdl-publish", ["--help", "--lang", language]).stdout.contains("--no-portal"))
        }
        #expect(try sandbox.run("kdl-publish", ["--no-portal"]).status == 64)
    }

    /// Nothing published yet: nothing to build a site from.
    @Test func noOpenBundleExits66() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-publish", ["--as-of", RunTests.asOf, "--quiet"]).status == 66)
    }

    /// A bundle that does not match its pointer is a damaged out folder: 74, naming the file.
    @Test func aBundleThatDiffersFromItsPointerFailsWithItsName() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet"]).status == 0)
        let bundle = sandbox.file("open/ho-ngheo/ho-ngheo_\(RunTests.asOf).zip")
        var bytes = try Data(contentsOf: bundle)
        bytes.append(0)
        try bytes.write(to: bundle)
        let result = try sandbox.run("kdl-publish", ["--as-of", RunTests.asOf])
        #expect(result.status == 74)
        #expect(result.stderr.contains("ho-ngheo_\(RunTests.asOf).zip"), "\(result.stderr)")
    }

    /// The catalog every page links to and embeds from is part of what the portal needs.
    @Test func aMissingOpenCatalogFailsWithItsName() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet", "--no-portal"]).status == 0)
        try FileManager.default.removeItem(at: sandbox.file("open/catalog.jsonld"))
        let result = try sandbox.run("kdl-publish", ["--as-of", RunTests.asOf])
        #expect(result.status == 74)
        #expect(result.stderr.contains("open/catalog.jsonld"), "\(result.stderr)")
        #expect(!sandbox.exists("portal"))
    }

    /// Titles and descriptions come from configuration and bundles: markup in them is text on the
    /// page, and cannot close the JSON-LD script either.
    @Test func markupInADatasetsTextIsEscaped() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let hostile = "Trường <script>alert(\"x\")</script> & </script><b>"
        try sandbox.configure("datasets/co-so-giao-duc.json") { json in
            json["title"] = hostile
            json["description"] = hostile
        }
        #expect(try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet"]).status == 0)
        for page in ["portal/index.html", "portal/en/index.html", "portal/datasets/co-so-giao-duc.html", "portal/en/datasets/co-so-giao-duc.html"] {
            let html = String(decoding: try sandbox.bytes(page), as: UTF8.self)
            #expect(!html.contains("<script>alert") && !html.contains("<b>"), "\(page)")
            #expect(html.contains("Trường &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;/script&gt;&lt;b&gt;"), "\(page)")
            #expect(Self.count("</script>", in: html) == Self.count("<script", in: html), "\(page)")
        }
        let page = String(decoding: try sandbox.bytes("portal/datasets/co-so-giao-duc.html"), as: UTF8.self)
        #expect(page.contains("\\u003cscript>alert"))
    }

    // MARK: - Reading pages

    static func headingLevels(_ html: String) -> [Int] {
        var levels: [Int] = []
        var rest = html[...]
        while let range = rest.range(of: "<h") {
            let after = rest[range.upperBound...]
            if let digit = after.first, let level = Int(String(digit)), (1...6).contains(level),
               after.dropFirst().first == ">" || after.dropFirst().first == " " {
                levels.append(level)
            }
            rest = after
        }
        return levels
    }

    static func hrefs(_ html: String) -> [String] {
        html.components(separatedBy: " href=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
            .map { $0.replacingOccurrences(of: "&amp;", with: "&") }
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let from = text.range(of: start), let to = text.range(of: end, range: from.upperBound..<text.endIndex) else { return nil }
        return String(text[from.upperBound..<to.lowerBound])
    }
}
