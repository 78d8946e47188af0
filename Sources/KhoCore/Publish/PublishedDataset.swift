import Foundation

/// One dataset as the catalogs describe it: its configuration and, on each side, the current bundle
/// standing on disk with the quality summary inside it. The catalogs describe the bundle they point
/// at — which may be an earlier night's, when nothing new arrived or tonight's open bundle was
/// withheld — so its coverage and contributors are read from that bundle, not from tonight's report.
struct PublishedDataset {
    struct Side {
        var file: BundleFile
        /// The bundle's own `quality.json`; nil when it cannot be read (a bundle of an old version).
        var quality: BundleQuality?
        /// The communes of its rows, known when the bundle report is of the same night.
        var communes: [String]?
    }

    /// A unit whose rows are in a bundle, named as on the as-of date.
    struct Unit {
        var id: String
        var name: String
        var agencyCode: String?
        var focalPoint: FocalPoint?
    }

    let schema: DatasetSchema
    let open: Side?
    let shared: Side?

    /// Every configured dataset with at least one bundle on disk, in id order.
    static func find(config: Configuration, workspace: Workspace) throws -> [PublishedDataset] {
        try config.datasetIDs.compactMap { id in
            guard let schema = config.datasets[id] else { return nil }
            let report = try? JSONOutput.read(BundleReport.self, from: workspace.bundleReport(id))
            let open = try side(.open, id, workspace, report: report)
            let shared = try side(.shared, id, workspace, report: report)
            return open == nil && shared == nil ? nil : PublishedDataset(schema: schema, open: open, shared: shared)
        }
    }

    /// The units whose rows a side holds, with their focal points: the contact points.
    func units(_ side: Side, config: Configuration, on date: CivilDate) -> [Unit] {
        (side.quality?.units ?? []).map { line in
            let unit = config.unit(line.unit)
            return Unit(id: line.unit, name: UnitName.text(of: line.unit, reported: line.unitName, in: config, on: date),
                        agencyCode: unit.flatMap { UnitName($0, on: date).agencyCode }, focalPoint: unit?.focalPoint)
        }
    }

    /// The current bundle of a side — the one `latest.json` names, or for an out folder written
    /// before pointers existed the newest by name — with its name, size, SHA-256 and summary.
    private static func side(_ side: BundleSide, _ dataset: String, _ workspace: Workspace, report: BundleReport?) throws -> Side? {
        let folder = workspace.out.appendingPathComponent("\(side.rawValue)/\(dataset)")
        if let pointer = try? JSONOutput.read(LatestPointer.self, from: workspace.latestPointer(side, dataset)),
           FileManager.default.fileExists(atPath: folder.appendingPathComponent(pointer.file).path) {
            let file = BundleFile(name: pointer.file, bytes: pointer.bytes, sha256: pointer.sha256, date: pointer.asOf)
            return Side(file: file, quality: quality(in: folder.appendingPathComponent(pointer.file)),
                        communes: report?.asOf == pointer.asOf ? report?.communes : nil)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        guard let name = names.filter({ $0.hasPrefix(dataset + "_") && $0.hasSuffix(".zip") }).sorted().last else { return nil }
        let url = folder.appendingPathComponent(name)
        let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0
        let sidecar = (try? String(contentsOf: url.appendingPathExtension("sha256"), encoding: .utf8))?.split(separator: " ").first.map(String.init)
        let date = String(name.dropFirst(dataset.count + 1).dropLast(4))
        let file = BundleFile(name: name, bytes: size, sha256: try sidecar ?? BundleArchive.sha256(of: url), date: date)
        return Side(file: file, quality: quality(in: url), communes: report?.asOf == date ? report?.communes : nil)
    }

    /// `quality.json` of a bundle, read with the project's own archive reader.
    private static func quality(in url: URL) -> BundleQuality? {
        guard let archive = try? ZipArchive(path: url.path),
              let member = archive.members.first(where: { $0.name == "quality.json" }),
              let bytes = try? archive.open(member, limit: 16 << 20, maxRatio: 1000).readPrefix(16 << 20) else { return nil }
        return try? JSONDecoder().decode(BundleQuality.self, from: Data(bytes))
    }
}
