import Foundation

/// What every stage command resolves before it works: the configuration, the folders, and the
/// (unit, dataset) pairs the flags select.
public struct StageSetup: Sendable {
    public let config: Configuration
    public let workspace: Workspace
    public let options: StageOptions

    public init(options: StageOptions) throws {
        self.options = options
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let pipelineURL = URL(fileURLWithPath: options.pipeline, relativeTo: cwd).standardizedFileURL
        let config = try Configuration.load(pipelineFile: pipelineURL)
        self.config = config
        func resolve(_ flag: String?, _ configured: String) -> URL {
            if let flag { return URL(fileURLWithPath: flag, relativeTo: cwd).standardizedFileURL }
            return URL(fileURLWithPath: configured, relativeTo: config.projectRoot).standardizedFileURL
        }
        workspace = Workspace(inbox: resolve(options.inbox, config.pipeline.inbox), out: resolve(options.out, config.pipeline.out))
        for unit in options.units where config.unit(unit) == nil {
            let known = config.units.map(\.id).joined(separator: ", ")
            throw UsageError(vi: "--unit \(unit): không có đơn vị này (có: \(known))", en: "--unit \(unit): no such unit (known: \(known))")
        }
        for unit in options.purgeUnits where config.unit(unit) == nil {
            let known = config.units.map(\.id).joined(separator: ", ")
            throw UsageError(vi: "--purge-unit \(unit): không có đơn vị này (có: \(known))", en: "--purge-unit \(unit): no such unit (known: \(known))")
        }
        for dataset in options.datasets where config.datasets[dataset] == nil {
            let known = config.datasetIDs.joined(separator: ", ")
            throw UsageError(vi: "--dataset \(dataset): không có bộ dữ liệu này (có: \(known))", en: "--dataset \(dataset): no such dataset (known: \(known))")
        }
    }

    /// The units to process: those named by `--unit`, else those in `nightly.json`, else all.
    public var units: [UnitConfig] {
        let wanted = options.units.isEmpty ? config.pipeline.units : options.units
        return wanted.isEmpty ? config.units : config.units.filter { wanted.contains($0.id) }
    }

    /// Selected (unit, dataset) pairs, in unit then dataset order.
    public var pairs: [(unit: UnitConfig, dataset: DatasetSchema)] {
        units.flatMap { unit in
            Set(unit.sources.map(\.dataset)).sorted()
                .filter { options.datasets.isEmpty || options.datasets.contains($0) }
                .compactMap { id in config.datasets[id].map { (unit, $0) } }
        }
    }

    /// Datasets to bundle: those named by `--dataset`, else every dataset a selected unit feeds.
    public var bundleDatasets: [DatasetSchema] {
        let ids = options.datasets.isEmpty ? Set(units.flatMap { $0.sources.map(\.dataset) }).sorted() : options.datasets
        return ids.compactMap { config.datasets[$0] }
    }

    /// Text in the chosen language.
    public func say(_ vi: String, _ en: String) -> String { options.language == .vi ? vi : en }
}
