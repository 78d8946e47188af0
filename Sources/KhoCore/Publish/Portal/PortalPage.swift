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
