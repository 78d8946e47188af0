import Foundation

/// `portal/`: the static open-data website, built from what the night published on the open side
/// (`PortalDataset`). Every page in Vietnamese and in English, each dataset's downloads copied
/// beside its pages (checked against their SHA-256 on the way), the open catalog at the root, a
/// sitemap and `robots.txt`. The same open bundles give the same bytes; files of datasets no
/// longer published are removed, so the folder holds exactly tonight's site.
public enum PortalSite {
    /// What was written, for the run's summary.
    public struct Outcome: Sendable {
        public var datasets: [String]
        public var files: Int
        public var folder: URL
    }

    static func folder(_ workspace: Workspace) -> URL { workspace.out.appendingPathComponent("portal", isDirectory: true) }

    /// The folder of a dataset's downloads under `portal/`.
    static func filesFolder(_ id: String) -> String { "files/\(id)/" }

    /// The bundle's sidecar, as the bundle stage writes it, for `sha256sum -c`.
    static func sidecar(_ pointer: LatestPointer) -> [UInt8] { Array("\(pointer.sha256)  \(pointer.file)\n".utf8) }

    @discardableResult
    public static func write(config: Configuration, workspace: Workspace, asOf: CivilDate) throws -> Outcome {
        try write(config: config, workspace: workspace, asOf: asOf, downloads: nil,
                  history: QualityHistory.load(from: QualityHistory.folder(in: workspace)))
    }

    /// - Parameters:
    ///   - downloads: the downloads, already being copied (`kdl-run`); nil copies them here.
    ///   - history: the nights of `reports/history/`, for the trends.
    static func write(config: Configuration, workspace: Workspace, asOf: CivilDate, downloads: PortalDownloads?,
                      history: [QualityHistory]) throws -> Outcome {
        let datasets = try (downloads?.datasets() ?? PortalDataset.load(config: config, workspace: workspace)).map { $0.trending(history) }
        let root = folder(workspace)
        let site = PortalShell.Site(publisher: config.pipeline.publisher.inForce(on: asOf).name, asOf: asOf)
        // Every page links to the catalog and embeds its records: without it the site would
        // state less than the open side does, so a missing catalog is a damaged out folder.
        guard FileManager.default.fileExists(atPath: workspace.openCatalog.path) || !datasets.isEmpty else {
            return Outcome(datasets: [], files: 0, folder: root)
        }
        let catalog = try PortalReadError.wrap(workspace.openCatalog.path) { try Data(contentsOf: workspace.openCatalog) }
        let nodes = PortalJSONLD.datasets(in: catalog)
        // Each page rendered and committed on a thread of its own: one page's rendering overlaps
        // another's wait for the disk.
        var pages: [Page] = []
        for language in [Language.vi, .en] {
            pages.append(Page(path: PortalPage(kind: .home, language: language).path) {
                Array(PortalHomePage.render(datasets, site: site, language: language).utf8)
            })
            for dataset in datasets {
                let context = PortalDatasetPage.Context(site: site, config: config, jsonLD: nodes[dataset.id])
                pages.append(Page(path: PortalPage(kind: .dataset(dataset.id), language: language).path) {
                    Array(PortalDatasetPage.render(dataset, context: context, language: language).utf8)
                })
            }
        }
        try commit(pages, under: root)
        var written = Set(pages.map(\.path))
        written.formUnion(try downloads?.wait() ?? PortalDownloads.copy(datasets, to: root))
        let base = config.pipeline.publication.baseURL + "portal/"
        let ends = [Page(path: "catalog.jsonld") { [UInt8](catalog) },
                    Page(path: "sitemap.xml") { Array(sitemap(datasets, base: base, asOf: asOf).utf8) },
                    Page(path: "robots.txt") { Array("User-agent: *\nAllow: /\nSitemap: \(base)sitemap.xml\n".utf8) }]
        try commit(ends, under: root)
        written.formUnion(ends.map(\.path))
        try prune(root, keeping: written)
        return Outcome(datasets: datasets.map(\.id), files: written.count, folder: root)
    }

    /// A file of the site and how to make its bytes.
    private struct Page: Sendable {
        let path: String
        let bytes: @Sendable () -> [UInt8]
    }

    private static func commit(_ pages: [Page], under root: URL) throws {
        try ParallelMap.forEachOnThreads(pages.count) { index in
            try AtomicFile.write(pages[index].bytes(), to: root.appendingPathComponent(pages[index].path))
        }
    }

    /// Removes every file under `portal/` the site no longer has (a dataset withdrawn, a bundle
    /// replaced), and the folders left empty.
    private static func prune(_ root: URL, keeping written: Set<String>) throws {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return }
        var folders: [String] = []
        while let path = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue { folders.append(path) } else if !written.contains(path) { try FileSystem.remove(root.appendingPathComponent(path)) }
        }
        for path in folders.sorted(by: >) { FileSystem.removeIfEmpty(root.appendingPathComponent(path)) }
    }

    // MARK: - Sitemap

    static func sitemap(_ datasets: [PortalDataset], base: String, asOf: CivilDate) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        let newest = datasets.map(\.pointer.asOf).max() ?? asOf.description
        for language in [Language.vi, .en] {
            xml += "<url><loc>\(HTML.escape(base + PortalPage(kind: .home, language: language).path))</loc><lastmod>\(HTML.escape(newest))</lastmod></url>\n"
            for dataset in datasets {
                xml += "<url><loc>\(HTML.escape(base + PortalPage(kind: .dataset(dataset.id), language: language).path))</loc>"
                    + "<lastmod>\(HTML.escape(dataset.pointer.asOf))</lastmod></url>\n"
            }
        }
        return xml + "</urlset>\n"
    }
}
