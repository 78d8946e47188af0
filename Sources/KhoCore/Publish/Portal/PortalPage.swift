import Foundation

/// Where a page of the portal sits and how it links to the others. Vietnamese pages at the root
/// (`index.html`, `datasets/<id>.html`), English ones under `en/`; every link is relative and names
/// its file (`…/index.html`, never a bare folder), so the site works from `file://` as from a server.
struct PortalPage: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case home
        case dataset(String)
    }

    let kind: Kind
    let language: Language

    /// The page's path under `portal/`.
    var path: String {
        let prefix = language == .en ? "en/" : ""
        switch kind {
        case .home: return prefix + "index.html"
        case .dataset(let id): return prefix + "datasets/\(id).html"
        }
    }

    /// The way back to `portal/` from this page's folder.
    var root: String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }

    /// A relative link from this page to a file under `portal/`.
    func href(_ portalPath: String) -> String { root + portalPath }

    func href(to page: PortalPage) -> String { href(page.path) }

    /// The same page in the other language.
    var translation: PortalPage { PortalPage(kind: kind, language: language == .vi ? .en : .vi) }

    /// Text in the page's language.
    func say(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
}

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

/// The home page's filter, in place: the list is complete without it, and the script only hides
/// what does not match. Accents and đ are folded so that "ho ngheo" finds "hộ nghèo".
enum PortalScript {
    static let source = #"""
    (function () {
      var form = document.getElementById("filter");
      var list = document.getElementById("datasets");
      if (!form || !list) { return; }
      var items = Array.prototype.slice.call(list.children);
      var status = document.getElementById("filter-status");
      function fold(text) {
        return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
      }
      function has(list, value) { return (" " + list + " ").indexOf(" " + value + " ") >= 0; }
      function apply() {
        var words = fold(form.elements.q.value).split(/\s+/).filter(Boolean);
        var theme = form.elements.theme.value, unit = form.elements.unit.value, shown = 0;
        items.forEach(function (item) {
          var text = fold(item.getAttribute("data-text"));
          var match = words.every(function (word) { return text.indexOf(word) >= 0; })
            && (!theme || has(item.getAttribute("data-themes"), theme))
            && (!unit || has(item.getAttribute("data-units"), unit));
          item.hidden = !match;
          if (match) { shown += 1; }
        });
        status.textContent = status.getAttribute("data-template").replace("{shown}", shown).replace("{total}", items.length);
      }
      form.hidden = false;
      form.addEventListener("input", apply);
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    })();
    """#

    /// `sha256-<base64>` of the script's UTF-8, as a content security policy names it.
    static let hash: String = {
        var digest = SHA256()
        digest.update(Array(source.utf8))
        return "sha256-" + Data(digest.finalize()).base64EncodedString()
    }()
}
