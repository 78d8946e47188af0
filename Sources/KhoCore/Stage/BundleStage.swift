import Foundation

/// Bundle, alone: merges every unit's `normalized.csv` for a dataset, in unit order, into the
/// shared and open bundles (see `BundleAssembler`). `kdl-run` feeds the same assembler directly
/// from validation instead, so the rows are not read back.
public enum BundleStage {
    /// Article 19: published open data is updated within three months.
    public static let openDataWindowDays = 92

    public static func run(dataset: DatasetSchema, config: Configuration, workspace: Workspace, asOf: CivilDate) throws -> BundleReport {
        let units = config.units.filter { unit in unit.sources.contains { $0.dataset == dataset.id } }
        let reports = units.compactMap { unit -> (UnitConfig, QualityReport)? in
            let url = workspace.qualityReport(unit.id, dataset.id)
            guard let report = try? JSONOutput.read(QualityReport.self, from: url) else { return nil }
            return (unit, report)
        }
        guard !reports.isEmpty else {
            throw MissingStageOutput(path: workspace.work("*", dataset.id).path, stage: "kdl-validate")
        }
        let assembler = try BundleAssembler(dataset: dataset, config: config, workspace: workspace, asOf: asOf)
        for (unit, _) in reports {
            try replay(unit: unit, dataset: dataset, workspace: workspace, into: assembler)
        }
        return try assembler.finish(units: reports)
    }

    /// Feeds a unit's `normalized.csv` from an earlier run to the assembler.
    static func replay(unit: UnitConfig, dataset: DatasetSchema, workspace: Workspace, into assembler: BundleAssembler) throws {
        assembler.beginUnit(unit.id)
        let input = workspace.normalized(unit.id, dataset.id)
        guard FileManager.default.fileExists(atPath: input.path) else { return }
        _ = try WorkFileReader.read(input, schema: dataset, into: AssemblerSink(assembler))
    }
}

/// Hands records to an assembler as accepted, canonical rows.
final class AssemblerSink: RecordSink {
    private let assembler: BundleAssembler

    init(_ assembler: BundleAssembler) { self.assembler = assembler }

    func accept(_ record: Record) throws { try assembler.accept(record.values, file: record.file, line: record.line) }
}
