import Foundation

/// The page shell every portal page shares: the document head with its content security policy,
/// the site header with the language switch, and the footer. Pages load nothing: the style is
/// inline, the one script is inline and allowed by its hash, and the policy forbids everything else.
enum PortalShell {
    struct Site: Sendable {
        /// The publisher in force on the as-of date.
        var publisher: String
        var asOf: CivilDate
    }

    static func render(_ page: PortalPage, site: Site, title: String, description: String, main: String,
                       jsonLD: String? = nil, script: Bool = false) -> String {
        let siteName = page.say("Cổng dữ liệu mở", "Open data portal")
        let other = page.translation
        var html = """
        <!DOCTYPE html>
        <html lang="\(page.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
        <title>\(HTML.escape(title)) — \(HTML.escape(siteName))</title>
        <meta name="description" content="\(HTML.escape(description))">
        <link rel="icon" href="data:,">
        <link rel="alternate" hreflang="\(other.language.rawValue)" href="\(page.href(to: other))">
        <style>
        \(PortalStyle.css)
        </style>

        """
        if let jsonLD { html += "<script type=\"application/ld+json\">\n\(jsonLD)</script>\n" }
        html += """
        </head>
        <body>
        <a class="skip" href="#main">\(page.say("Bỏ qua, đến nội dung chính", "Skip to main content"))</a>
        <header class="site"><div class="wrap">
        <p class="brand"><a href="\(page.href(to: PortalPage(kind: .home, language: page.language)))">\(HTML.escape(siteName))</a>
        <span class="by">\(HTML.escape(site.publisher))</span></p>
        <p class="switch"><a href="\(page.href(to: other))" hreflang="\(other.language.rawValue)" lang="\(other.language.rawValue)">\(other.language == .en ? "English" : "Tiếng Việt")</a></p>
        </div></header>
        <main id="main" class="wrap">
        \(main)
        </main>
        <footer class="wrap">
        <p>\(HTML.escape(page.say("Dữ liệu mở do \(site.publisher) công bố theo Điều 18 Nghị định 47/2020/NĐ-CP, cập nhật hằng đêm. Dữ liệu ngày \(HTML.date(site.asOf.description, .vi)).",
                                   "Open data published by \(site.publisher) under Article 18 of Decree 47/2020/ND-CP, refreshed nightly. Data as of \(site.asOf).")))</p>
        <p><a href="\(page.href("catalog.jsonld"))">\(page.say("Danh mục dữ liệu mở cho máy đọc (DCAT-AP, JSON-LD)", "Machine-readable open data catalog (DCAT-AP, JSON-LD)"))</a></p>
        </footer>

        """
        if script { html += "<script>\(PortalScript.source)</script>\n" }
        return html + "</body>\n</html>\n"
    }

    /// Nothing may load but the inline style and the filter script, identified by its hash; the
    /// empty icon keeps browsers from asking the server for `/favicon.ico`.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src '\(PortalScript.hash)'; img-src data:; base-uri 'none'; form-action 'none'"
}
