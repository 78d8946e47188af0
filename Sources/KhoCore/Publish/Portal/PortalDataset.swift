import Foundation

/// One open dataset as the portal shows it, read only from what the night published on the open
/// side — `open/<id>/latest.json`, the bundle it names and the entries inside it — plus the
/// dataset lines of `reports/history/` (grades and scores, no record values) for the trend. Never
/// from `work/` or `shared/`: whatever is not in an open bundle cannot reach the portal.
struct PortalDataset: Sendable {
    /// A CSV of the bundle and its first rows (the preview).
    struct Table: Sendable {
        var resource: PortalPackage.Resource
        var header: [String]
        var preview: [[String]]
    }

    /// One night's grade of the merged dataset.
    struct Night: Sendable {
        var asOf: String
        var overall: Double
        var grade: Grade
    }

    let schema: DatasetSchema
    let pointer: LatestPointer
    let bundle: URL
    let package: PortalPackage
    let tables: [Table]
    private(set) var trend: [Night] = []

    var id: String { schema.id }

    /// Rows shown in a dataset page's preview.
    static let previewRows = 10

    /// Every configured dataset with a current open bundle, in id order, without its trend.
    static func load(config: Configuration, workspace: Workspace) throws -> [PortalDataset] {
        try config.datasetIDs.compactMap { id in
            guard let schema = config.datasets[id] else { return nil }
            return try load(schema, workspace: workspace)
        }
    }

    private static func load(_ schema: DatasetSchema, workspace: Workspace) throws -> PortalDataset? {
        let pointerURL = workspace.latestPointer(.open, schema.id)
        guard FileManager.default.fileExists(atPath: pointerURL.path) else { return nil }
        let pointer = try PortalReadError.wrap(pointerURL.path) { try JSONOutput.read(LatestPointer.self, from: pointerURL) }
        let bundle = pointerURL.deletingLastPathComponent().appendingPathComponent(pointer.file)
        // The pointer names only complete bundles; a bundle that is gone or differs is a broken
        // out folder, said as such rather than published.
        let archive = try PortalReadError.wrap(bundle.path) { try ZipArchive(path: bundle.path) }
        let package = try PortalReadError.wrap("\(bundle.path)!datapackage.json") {
            try JSONDecoder().decode(PortalPackage.self, from: Data(entry("datapackage.json", of: archive)))
        }
        let tables = try package.resources.map { resource in
            let (header, rows) = try PortalReadError.wrap("\(bundle.path)!\(resource.path)") {
                try preview(stream(resource.path, of: archive))
            }
            return Table(resource: resource, header: header, preview: rows)
        }
        return PortalDataset(schema: schema, pointer: pointer, bundle: bundle, package: package, tables: tables)
    }

    /// The dataset with its trend from `history` (the nights of `reports/history/`, loaded by the
    /// caller: a year of them takes longer to decode than a small night takes to run).
    func trending(_ history: [QualityHistory]) -> PortalDataset {
        var dataset = self
        dataset.trend = history.compactMap { night in
            night.datasets.first { $0.dataset == id }.map { Night(asOf: night.asOf, overall: $0.overall, grade: $0.grade) }
        }
        return dataset
    }

    /// An entry of the bundle as a stream: a CSV is copied out of it, never held whole.
    static func stream(_ name: String, of archive: ZipArchive) throws -> ByteStream {
        guard let member = archive.members.first(where: { $0.name == name }) else {
            throw PortalReadError(path: "\(archive.path)!\(name)", reason: "no such entry")
        }
        return try archive.open(member, limit: 1 << 40, maxRatio: 100_000)
    }

    /// A small entry inflated whole (`datapackage.json`).
    private static func entry(_ name: String, of archive: ZipArchive) throws -> [UInt8] {
        let stream = try stream(name, of: archive)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }

    /// The header and the first rows of a bundle CSV (UTF-8, RFC 4180, comma).
    private static func preview(_ stream: ByteStream) throws -> (header: [String], rows: [[String]]) {
        let reader = CSVReader(stream: stream, delimiter: UInt8(ascii: ","), bufferSize: 1 << 16)
        guard var header = try reader.next()?.fields else { return ([], []) }
        if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
        var rows: [[String]] = []
        while rows.count < previewRows, let row = try reader.next() { rows.append(row.fields) }
        return (header, rows)
    }
}
