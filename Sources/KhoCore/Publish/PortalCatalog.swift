import Foundation

/// Writes what describes the night's bundles for others to harvest, from the current bundle of
/// each dataset on disk (the one its `latest.json` names): `open/catalog.jsonld` (`OpenCatalog`), `shared/catalog.jsonld`
/// (`SharedCatalog`) and `shared/services.json` (`SharedServices`). Bodies are named as on the
/// as-of date, even for a bundle of an earlier night that still stands.
enum PortalCatalog {
    /// Returns the datasets described, for the plan's bookkeeping in the night's reports.
    @discardableResult
    static func write(config: Configuration, workspace: Workspace, asOf: CivilDate) throws -> [PublishedDataset] {
        let datasets = try PublishedDataset.find(config: config, workspace: workspace)
        // Each file on a thread of its own: building one overlaps another's wait for the disk.
        let writes: [@Sendable () throws -> Void] = [
            { try JSONOutput.write(OpenCatalog.make(datasets, config: config, asOf: asOf), to: workspace.openCatalog) },
            { try JSONOutput.write(SharedCatalog.make(datasets, config: config, asOf: asOf), to: workspace.sharedCatalog) },
            { try writeServices(datasets, config: config, workspace: workspace, asOf: asOf) },
        ]
        try ParallelMap.forEachOnThreads(writes.count) { try writes[$0]() }
        // The DCAT-style listing of earlier versions: left in place, a portal would go on
        // harvesting a catalog nobody updates.
        try FileSystem.remove(workspace.out.appendingPathComponent("open/catalog.json"))
        return datasets
    }

    /// `shared/services.json` alone, with each recipient's last delivery: written again once the
    /// night's deliveries are done.
    static func writeServices(_ datasets: [PublishedDataset], config: Configuration, workspace: Workspace, asOf: CivilDate) throws {
        try JSONOutput.write(SharedServices.make(datasets, config: config, asOf: asOf, deliveries: Deliveries.loadState(workspace)),
                             to: workspace.sharedServices)
    }
}
