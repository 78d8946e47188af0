import Foundation

/// Writes one bundle: a deterministic ZIP holding `datapackage.json`, `README.md`, the data CSVs
/// under `data/` and `quality.json`, in that order, then its `.sha256` sidecar. The ZIP appears
/// only when complete (atomic rename), and the sidecar after it.
struct BundleWriter {
    let dataset: DatasetSchema
    let config: Configuration
    let asOf: CivilDate
    let sources: [DataPackage.Source]
    let quality: BundleQuality

    func write(side: BundleSide, to url: URL, resources: [BundleResource], qualityJSON: [UInt8]) throws -> BundleReport.Output {
        let package = descriptor(side: side, resources: resources)
        let readme = BundleReadme.render(dataset: dataset, side: side, package: package, publisher: config.pipeline.publisher,
                                         fileName: url.lastPathComponent)
        let file = try AtomicFile(url)
        let zip = ZipWriter(file: file, level: config.pipeline.compressionLevel, date: asOf)
        try zip.addEntry("datapackage.json", bytes: try JSONOutput.encode(package))
        try zip.addEntry("README.md", bytes: Array(readme.utf8))
        for resource in resources {
            let stream = try FileByteStream(path: resource.file.path)
            try zip.addEntry("data/\(resource.name).csv") { write in
                var buffer = [UInt8](repeating: 0, count: 1 << 18)
                while true {
                    let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
                    if count == 0 { break }
                    try buffer.withUnsafeBytes { try write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                }
            }
        }
        try zip.addEntry("quality.json", bytes: qualityJSON)
        try zip.finish()
        try file.commit()

        let sha256 = try BundleWriter.sha256(of: url)
        try AtomicFile.write(Array("\(sha256)  \(url.lastPathComponent)\n".utf8), to: url.appendingPathExtension("sha256"))
        return BundleReport.Output(side: side, path: "\(side.rawValue)/\(dataset.id)/\(url.lastPathComponent)", sha256: sha256,
                                   bytes: file.count, rows: resources.first?.rows ?? 0)
    }

    private func descriptor(side: BundleSide, resources: [BundleResource]) -> DataPackage {
        let publisher = config.pipeline.publisher
        let license = side == .open
            ? DataPackage.License(name: "other-at", title: "Điều 18 Nghị định 47/2020/NĐ-CP: tự do sử dụng, ghi rõ nguồn (xem README.md)")
            : DataPackage.License(name: "other-closed", title: "Chỉ chia sẻ giữa các cơ quan nhà nước theo Nghị định 47/2020/NĐ-CP (xem README.md)")
        return DataPackage(
            name: dataset.id,
            id: "\(dataset.id)/\(side.rawValue)/\(asOf)",
            title: dataset.title + (side == .open ? " (dữ liệu mở)" : " (dữ liệu dùng chung)"),
            description: dataset.description,
            keywords: dataset.keywords,
            version: asOf.description,
            created: "\(asOf)T00:00:00Z",
            classification: side,
            licenses: [license],
            sources: sources,
            contributors: [.init(title: publisher.name, role: "publisher")],
            resources: resources.map { resource in
                DataPackage.Resource(name: resource.name, title: resource.title, path: "data/\(resource.name).csv",
                                     bytes: resource.bytes, hash: "sha256:\(resource.sha256)", rows: resource.rows, schema: resource.schema)
            },
            quality: quality)
    }

    static func sha256(of url: URL) throws -> String {
        let stream = try FileByteStream(path: url.path)
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            if count == 0 { break }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        return hasher.finalizeHex()
    }
}

/// Keeps the newest N dated bundles of a dataset (names sort by date) and their sidecars.
enum Retention {
    static func prune(folder: URL, dataset: String, keep: Int) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let bundles = names.filter { $0.hasPrefix(dataset + "_") && $0.hasSuffix(".zip") }.sorted()
        for name in bundles.dropLast(keep) {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name + ".sha256"))
        }
    }
}
