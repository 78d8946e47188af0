import Foundation

/// Bundling a dataset: every unit's rows through its integration into its publication. `kdl-run`
/// feeds tonight's rows straight from each unit's flow; `kdl-bundle` and units not read tonight
/// replay their `normalized.csv`.
public final class DatasetBundling {
    public let integration: DatasetIntegration
    private let publication: DatasetPublication

    public init(dataset: DatasetSchema, config: Configuration, workspace: Workspace, asOf: CivilDate) throws {
        publication = try DatasetPublication(dataset: dataset, config: config, workspace: workspace, asOf: asOf)
        integration = try DatasetIntegration(dataset: dataset, workspace: workspace, into: publication)
    }

    /// Feeds a unit's `normalized.csv` from an earlier run: a work-file source into the integration.
    public func replay(unit: UnitConfig, dataset: DatasetSchema, dataAsOf: String, workspace: Workspace) throws {
        integration.beginUnit(unit.id, dataAsOf: dataAsOf)
        let input = workspace.normalized(unit.id, dataset.id)
        guard FileManager.default.fileExists(atPath: input.path) else { return }
        let source = WorkFileSource(url: input, schema: dataset, report: ExtractReport(unit: unit.id, dataset: dataset.id, asOf: dataAsOf))
        try Flow(context: nil, normalize: false, check: false).run(source, into: [integration])
    }

    public func finish(contributions: [UnitContribution]) throws -> BundleReport {
        try publication.finish(integration.finish(contributions: contributions))
    }

    /// `kdl-bundle` for one dataset: every unit's rows on disk, tonight's or carried forward. Nil
    /// when no unit has rows of tonight: nothing new, so no bundle is written and the last one stands.
    public static func run(dataset: DatasetSchema, config: Configuration, workspace: Workspace, asOf: CivilDate) throws -> BundleReport? {
        let units = config.units.filter { unit in unit.sources.contains { $0.dataset == dataset.id } }
        let contributions = units.map { unit in
            UnitContribution.onDisk(unit, dataset: dataset.id, workspace: workspace, asOf: asOf, window: config.pipeline.carryForwardDays)
        }
        guard contributions.contains(where: { $0.kind == .tonight }) else { return nil }
        let bundling = try DatasetBundling(dataset: dataset, config: config, workspace: workspace, asOf: asOf)
        for contribution in contributions where contribution.kind != .missing {
            guard let dataAsOf = contribution.dataAsOf else { continue }
            try bundling.replay(unit: contribution.unit, dataset: dataset, dataAsOf: dataAsOf, workspace: workspace)
        }
        return try bundling.finish(contributions: contributions)
    }
}
