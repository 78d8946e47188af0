import Foundation

/// Bundling a dataset: every unit's rows through its integration into its publication. `kdl-run`
/// feeds tonight's rows straight from each unit's flow; `kdl-bundle` and units not read tonight
/// replay their `normalized.csv`, as does the second pass of an integration whose keys repeat.
public final class DatasetBundling {
    public let integration: DatasetIntegration
    private let dataset: DatasetSchema
    private let config: Configuration
    private let workspace: Workspace
    private let asOf: CivilDate
    private var publication: DatasetPublication?
    /// Left by the writer of a unit's `normalized.csv` for the first pass's shared tables, which are
    /// given the same rows next; nil when there is no first pass to give them to.
    public let escapedRows: EscapedRowMemo?

    /// - Parameter units: how many units will feed rows (tonight's and carried forward): with one,
    ///   the bundles are written while the rows are read the first time.
    public init(dataset: DatasetSchema, config: Configuration, workspace: Workspace, asOf: CivilDate, units: Int) throws {
        self.dataset = dataset
        self.config = config
        self.workspace = workspace
        self.asOf = asOf
        escapedRows = units <= 1 ? EscapedRowMemo() : nil
        let publication = units <= 1 ? try DatasetPublication(dataset: dataset, config: config, workspace: workspace, asOf: asOf,
                                                              escapedRows: escapedRows) : nil
        self.publication = publication
        integration = try DatasetIntegration(dataset: dataset, workspace: workspace, into: publication)
    }

    /// Feeds a unit's `normalized.csv` from an earlier run: a work-file source into the integration.
    public func replay(unit: UnitConfig, dataset: DatasetSchema, dataAsOf: String, workspace: Workspace) throws {
        try replay(unit: unit.id, dataAsOf: dataAsOf)
    }

    private func replay(unit: String, dataAsOf: String) throws {
        integration.beginUnit(unit, dataAsOf: dataAsOf)
        let input = workspace.normalized(unit, dataset.id)
        guard FileManager.default.fileExists(atPath: input.path) else { return }
        let source = WorkFileSource(url: input, schema: dataset, report: ExtractReport(unit: unit, dataset: dataset.id, asOf: dataAsOf))
        try Flow(context: nil, normalize: false, check: false).run(source, into: [integration])
    }

    /// Completes the bundles. When several units feed the dataset, or a key came twice, the table
    /// is written now from every unit's `normalized.csv`, the version to keep of each key known.
    public func finish(contributions: [UnitContribution]) throws -> BundleReport {
        if integration.needsSecondPass {
            try publication?.abandon()
            let publication = try DatasetPublication(dataset: dataset, config: config, workspace: workspace, asOf: asOf)
            self.publication = publication
            try integration.beginSecondPass(into: publication)
            for unit in integration.units { try replay(unit: unit.id, dataAsOf: unit.dataAsOf) }
        }
        guard let publication else { preconditionFailure("the second pass makes the publication") }
        return try publication.finish(integration.finish(contributions: contributions))
    }

    /// `kdl-bundle` for one dataset: every unit's rows on disk, tonight's or carried forward. Nil
    /// when no unit has rows of tonight: nothing new, so no bundle is written and the last one stands.
    public static func run(dataset: DatasetSchema, config: Configuration, workspace: Workspace, asOf: CivilDate) throws -> BundleReport? {
        let units = config.units.filter { unit in unit.sources.contains { $0.dataset == dataset.id } }
        let contributions = units.map { unit in
            UnitContribution.onDisk(unit, dataset: dataset.id, workspace: workspace, asOf: asOf, window: config.pipeline.carryForwardDays)
        }
        guard contributions.contains(where: { $0.kind == .tonight }) else { return nil }
        let bundling = try DatasetBundling(dataset: dataset, config: config, workspace: workspace, asOf: asOf,
                                           units: contributions.filter { $0.kind != .missing }.count)
        for contribution in contributions where contribution.kind != .missing {
            guard let dataAsOf = contribution.dataAsOf else { continue }
            try bundling.replay(unit: contribution.unit, dataset: dataset, dataAsOf: dataAsOf, workspace: workspace)
        }
        return try bundling.finish(contributions: contributions)
    }
}
