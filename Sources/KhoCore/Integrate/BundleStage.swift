import Foundation

/// Bundle, alone: merges every unit's `normalized.csv` for a dataset, in unit order, into the
/// shared and open bundles (see `BundleAssembler`). `kdl-run` feeds the same assembler directly
/// from validation instead, so the rows are not read back.
public enum BundleStage {
    /// Article 19: published open data is updated within three months.
    public static let openDataWindowDays = 92

    /// Bundles the dataset from every unit's rows on disk: tonight's, or carried forward. Nil when
    /// no unit has rows of tonight: nothing new, so no bundle is written and the last one stands.
    public static func run(dataset: DatasetSchema, config: Configuration, workspace: Workspace, asOf: CivilDate) throws -> BundleReport? {
        let units = config.units.filter { unit in unit.sources.contains { $0.dataset == dataset.id } }
        let contributions = units.map { unit in
            UnitContribution.onDisk(unit, dataset: dataset.id, workspace: workspace, asOf: asOf, window: config.pipeline.carryForwardDays)
        }
        guard contributions.contains(where: { $0.kind == .tonight }) else { return nil }
        let assembler = try BundleAssembler(dataset: dataset, config: config, workspace: workspace, asOf: asOf)
        for contribution in contributions where contribution.kind != .missing {
            guard let dataAsOf = contribution.dataAsOf else { continue }
            try replay(unit: contribution.unit, dataset: dataset, dataAsOf: dataAsOf, workspace: workspace, into: assembler)
        }
        return try assembler.finish(contributions: contributions)
    }

    /// Feeds a unit's `normalized.csv` from an earlier run to the assembler: a work-file source
    /// into the assembler as the flow's one sink.
    static func replay(unit: UnitConfig, dataset: DatasetSchema, dataAsOf: String, workspace: Workspace, into assembler: BundleAssembler) throws {
        assembler.beginUnit(unit.id, dataAsOf: dataAsOf)
        let input = workspace.normalized(unit.id, dataset.id)
        guard FileManager.default.fileExists(atPath: input.path) else { return }
        let source = WorkFileSource(url: input, schema: dataset, report: ExtractReport(unit: unit.id, dataset: dataset.id, asOf: dataAsOf))
        try Flow(context: nil, normalize: false, check: false).run(source, into: [assembler])
    }
}
