import Foundation

/// `kdl-normalize`: the rows of `extracted.csv` that `validated.csv` accepts through the
/// normalization rules into `normalized.csv` and `normalize.json`.
public enum NormalizeCommand: CommandDefinition {
    public static let name = "normalize"
    public static let summary = Message(vi: "Chuẩn hóa các dòng hợp lệ: ghi normalized.csv và normalize.json.",
                                        en: "Normalize validated rows: write normalized.csv and normalize.json.")
    public static let flags: [CommandFlag] = [.unit, .dataset, .task]
    public static let examples = ["swift run kdl-normalize --unit ubnd-dak-ha --dataset ho-ngheo --as-of 2026-11-29"]

    public static func execute(_ setup: StageSetup, _ run: CommandRun) throws -> ExitCode {
        let workspace = setup.workspace, asOf = setup.options.asOf
        for (unit, dataset) in setup.pairs {
            let accepted = workspace.validated(unit.id, dataset.id)
            guard FileManager.default.fileExists(atPath: accepted.path) else {
                throw MissingStageOutput(path: accepted.path, stage: "kdl-validate")
            }
            let input = workspace.extracted(unit.id, dataset.id)
            guard FileManager.default.fileExists(atPath: input.path) else {
                throw MissingStageOutput(path: input.path, stage: "kdl-extract")
            }
            let qualityURL = workspace.qualityReport(unit.id, dataset.id)
            if let quality = try? JSONOutput.read(QualityReport.self, from: qualityURL), quality.asOf != asOf.description {
                throw MissingStageOutput(path: qualityURL.path, stage: "kdl-validate --as-of \(asOf)", foundAsOf: quality.asOf)
            }
            let context = DatasetContext(schema: unit.schema(for: dataset), unit: unit.id, asOf: asOf, codeLists: setup.config.codeLists,
                                         codeSystems: unit.codeSystems(for: dataset.id), unitCodes: unit.ownCodes)
            if let extract = try? JSONOutput.read(ExtractReport.self, from: workspace.extractReport(unit.id, dataset.id)) {
                for file in extract.files { context.cells.learn(file) }
            }
            let sink = try NormalizedSink(unit: unit.id, schema: dataset, workspace: workspace, asOf: asOf)
            let source = WorkFileSource(url: input, schema: dataset, report: ExtractReport(unit: unit.id, dataset: dataset.id, asOf: asOf.description),
                                        accepted: accepted)
            try Flow(context: context, normalize: true, check: false).run(source, into: [sink])
            if let report = sink.report { run.summary.normalize(report) }
        }
        return .ok
    }
}
