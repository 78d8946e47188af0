import Foundation

/// `open/catalog.json`: every open bundle, described with DCAT terms (W3C DCAT, as the draft
/// DCAT-VN profile uses them) for the open-data portal to harvest.
public struct OpenCatalog: Encodable, Sendable {
    public struct Distribution: Encodable, Sendable {
        public var title: String
        public var downloadURL: String
        public var mediaType = "application/zip"
        public var format = "Frictionless Data Package (ZIP)"
        public var byteSize: Int64
        public var checksum: [String: String]
    }

    public struct Dataset: Encodable, Sendable {
        public var identifier: String
        public var title: String
        public var description: String
        public var keyword: [String]
        public var publisher: String
        public var contributor: [String]
        public var modified: String
        public var accrualPeriodicity = "R/P1D"
        public var rights: String
        public var qualityGrade: String
        /// The newest record in the data, and whether it is older than Article 19's three months.
        public var newestRecordDate: String?
        public var stale: Bool
        public var distribution: [Distribution]
    }

    public var conformsTo = "https://www.w3.org/TR/vocab-dcat-3/"
    public var title: String
    public var publisher: String
    public var modified: String
    public var dataset: [Dataset]
}

/// `shared/services.json`: each shared dataset as a data sharing service (Article 24): name,
/// purpose, data and structure, how to connect, owner, terms — the descriptor fields come from
/// the dataset's `sharingService` configuration.
public struct SharedServices: Encodable, Sendable {
    public struct Field: Encodable, Sendable {
        public var name: String
        public var title: String?
        public var type: String
        public var classification: Classification
    }

    public struct Service: Encodable, Sendable {
        public var identifier: String
        public var descriptor: [String: String]
        public var dataProvided: String
        public var structure: [Field]
        public var connection: [String: String]
        public var units: [String]
        public var updated: String
    }

    public var title: String
    public var publisher: String
    public var modified: String
    public var services: [Service]
}

enum PortalCatalog {
    /// Writes both listings from the newest bundle of each dataset on disk and its bundle report.
    /// Bodies are named as on `asOf`, even for a bundle of an earlier night that still stands.
    static func write(config: Configuration, workspace: Workspace, asOf: CivilDate) throws {
        let publisher = config.pipeline.publisher.inForce(on: asOf).name
        var datasets: [OpenCatalog.Dataset] = []
        var services: [SharedServices.Service] = []
        for id in config.datasetIDs {
            guard let schema = config.datasets[id] else { continue }
            let report = try? JSONOutput.read(BundleReport.self, from: workspace.bundleReport(id))
            let units = report?.quality.units.map { UnitName.text(of: $0.unit, reported: $0.unitName, in: config, on: asOf) } ?? []
            if let (name, size, sha256) = try latest(.open, id, workspace) {
                let openReport = report?.outputs.first { $0.side == .open && $0.path.hasSuffix(name) }
                datasets.append(OpenCatalog.Dataset(
                    identifier: id, title: schema.title, description: schema.description, keyword: schema.keywords,
                    publisher: publisher, contributor: units, modified: openReport != nil ? asOf.description : bundleDate(name, id),
                    rights: config.pipeline.legal.open.terms.vi, qualityGrade: report?.quality.grade.rawValue ?? "",
                    newestRecordDate: report?.quality.newestRecordDate, stale: report?.quality.stale ?? true,
                    distribution: [.init(title: name, downloadURL: "\(id)/\(name)", byteSize: size, checksum: ["algorithm": "sha256", "value": sha256])]))
            }
            if let (name, _, sha256) = try latest(.shared, id, workspace) {
                var connection = ["method": "packaged-data", "path": "shared/\(id)/\(name)", "sha256": sha256,
                                  "format": "Frictionless Data Package (ZIP)"]
                connection["checksumFile"] = "shared/\(id)/\(name).sha256"
                services.append(SharedServices.Service(
                    identifier: id, descriptor: schema.sharingService.descriptor(on: asOf),
                    dataProvided: schema.title,
                    structure: schema.fields.map { .init(name: $0.name, title: $0.title, type: $0.type.rawValue, classification: $0.classification) },
                    connection: connection, units: units, updated: bundleDate(name, id)))
            }
        }
        try JSONOutput.write(OpenCatalog(title: "Danh mục dữ liệu mở", publisher: publisher, modified: asOf.description, dataset: datasets),
                             to: workspace.openCatalog)
        try JSONOutput.write(SharedServices(title: "Danh mục dịch vụ chia sẻ dữ liệu", publisher: publisher,
                                            modified: asOf.description, services: services),
                             to: workspace.sharedServices)
    }

    /// The newest bundle of a dataset on one side: file name, size, SHA-256 (from its sidecar).
    private static func latest(_ side: BundleSide, _ dataset: String, _ workspace: Workspace) throws -> (String, Int64, String)? {
        let folder = workspace.out.appendingPathComponent("\(side.rawValue)/\(dataset)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        guard let name = names.filter({ $0.hasPrefix(dataset + "_") && $0.hasSuffix(".zip") }).sorted().last else { return nil }
        let url = folder.appendingPathComponent(name)
        let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0
        let sidecar = (try? String(contentsOf: url.appendingPathExtension("sha256"), encoding: .utf8))?.split(separator: " ").first.map(String.init)
        return (name, size, try sidecar ?? BundleArchive.sha256(of: url))
    }

    private static func bundleDate(_ name: String, _ dataset: String) -> String {
        String(name.dropFirst(dataset.count + 1).dropLast(4))
    }
}
