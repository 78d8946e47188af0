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
        let datasets = try PortalDataset.load(config: config, workspace: workspace)
        let root = folder(workspace)
        let site = PortalShell.Site(publisher: config.pipeline.publisher.inForce(on: asOf).name, asOf: asOf)
        // Every page links to the catalog and embeds its records: without it the site would
        // state less than the open side does, so a missing catalog is a damaged out folder.
        guard FileManager.default.fileExists(atPath: workspace.openCatalog.path) || !datasets.isEmpty else {
            return Outcome(datasets: [], files: 0, folder: root)
        }
        let catalog = try PortalReadError.wrap(workspace.openCatalog.path) { try Data(contentsOf: workspace.openCatalog) }
        let nodes = PortalJSONLD.datasets(in: catalog)
        var written: Set<String> = []
        func write(_ path: String, _ bytes: some Collection<UInt8>) throws {
            try AtomicFile.write(bytes, to: root.appendingPathComponent(path))
            written.insert(path)
        }

        for language in [Language.vi, .en] {
            try write(PortalPage(kind: .home, language: language).path, Array(PortalHomePage.render(datasets, site: site, language: language).utf8))
            for dataset in datasets {
                let context = PortalDatasetPage.Context(site: site, config: config, jsonLD: nodes[dataset.id])
                try write(PortalPage(kind: .dataset(dataset.id), language: language).path,
                          Array(PortalDatasetPage.render(dataset, context: context, language: language).utf8))
            }
        }
        for dataset in datasets {
            let files = filesFolder(dataset.id)
            try copy(dataset.bundle, to: root.appendingPathComponent(files + dataset.pointer.file),
                     bytes: dataset.pointer.bytes, sha256: dataset.pointer.sha256)
            written.insert(files + dataset.pointer.file)
            try write(files + dataset.pointer.sha256File, sidecar(dataset.pointer))
            let archive = try PortalReadError.wrap(dataset.bundle.path) { try ZipArchive(path: dataset.bundle.path) }
            for table in dataset.tables {
                let source = try PortalReadError.wrap("\(dataset.bundle.path)!\(table.resource.path)") {
                    try PortalDataset.stream(table.resource.path, of: archive)
                }
                try copy(source, named: "\(dataset.bundle.path)!\(table.resource.path)", to: root.appendingPathComponent(files + table.resource.fileName),
                         bytes: table.resource.bytes, sha256: table.resource.sha256)
                written.insert(files + table.resource.fileName)
            }
        }
        try write("catalog.jsonld", catalog)
        let base = config.pipeline.publication.baseURL + "portal/"
        try write("sitemap.xml", Array(sitemap(datasets, base: base, asOf: asOf).utf8))
        try write("robots.txt", Array("User-agent: *\nAllow: /\nSitemap: \(base)sitemap.xml\n".utf8))
        try prune(root, keeping: written)
        return Outcome(datasets: datasets.map(\.id), files: written.count, folder: root)
    }

    // MARK: - Files

    private static func copy(_ file: URL, to target: URL, bytes: Int64, sha256: String) throws {
        let source = try PortalReadError.wrap(file.path) { try FileByteStream(path: file.path) }
        try copy(source, named: file.path, to: target, bytes: bytes, sha256: sha256)
    }

    /// Copies a stream to `target`, atomically, hashing on the way: a copy whose size or SHA-256
    /// is not what the page will print is never committed. Hashing and writing take each chunk on
    /// a second thread while the next is read: a table is inflated from its bundle at the end of the
    /// night, when the other core has nothing else to do.
    private static func copy(_ source: ByteStream, named name: String, to target: URL, bytes: Int64, sha256: String) throws {
        let file = try AtomicFile(target)
        var digest = SHA256()
        try BatchPipe<[UInt8]>.run(batchSize: 1, consume: { chunk in
            try chunk.withUnsafeBytes { part in
                digest.update(part)
                try file.write(part)
            }
        }) { chunks in
            var ended = false
            while !ended {
                // Filled by the reads, not zeroed first: at the end of a night that was a 59 MB memset.
                let chunk = try [UInt8](unsafeUninitializedCapacity: 1 << 20) { buffer, filled in
                    let bytes = UnsafeMutableRawBufferPointer(buffer)
                    while filled < bytes.count {
                        let count = try PortalReadError.wrap(name) { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[filled...])) }
                        if count == 0 { ended = true; break }
                        filled += count
                    }
                }
                if !chunk.isEmpty { try chunks.send(chunk) }
            }
        }
        guard file.count == bytes, digest.finalizeHex() == sha256 else {
            file.discard()
            throw PortalReadError(path: name, reason: "size or SHA-256 differs from what the bundle declares (\(bytes) bytes, \(sha256))")
        }
        try file.commit()
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
