import Foundation

/// `kdl-validate`: `extracted.csv` through the normalization rules and the checks into
/// `validated.csv`, `rejected.csv` and `quality.json`.
public enum ValidateCommand: CommandDefinition {
    public static let name = "validate"
    public static let summary = Message(vi: "Kiểm tra chất lượng theo Điều 9: ghi validated.csv, rejected.csv, quality.json.",
                                        en: "Check quality against Article 9: write validated.csv, rejected.csv and quality.json.")
    public static let flags: [CommandFlag] = [.unit, .dataset, .task]
    public static let examples = ["swift run kdl-validate --unit ubnd-dak-ha --dataset ho-ngheo --as-of 2026-11-29"]

    public static func execute(_ setup: StageSetup, _ run: CommandRun) throws -> ExitCode {
        var reports: [QualityReport] = []
        for (unit, dataset) in setup.pairs {
            let report = try validate(unit, dataset, setup)
            run.summary.quality(report)
            reports.append(report)
        }
        // A unit's report covers all its datasets; a task sees one, so the report is left to local runs.
        if !setup.options.task { try UnitReporter.write(reports, workspace: setup.workspace, asOf: setup.options.asOf) }
        return reports.contains(where: \.blocked) ? .dataBlocked : .ok
    }

    static func validate(_ unit: UnitConfig, _ dataset: DatasetSchema, _ setup: StageSetup) throws -> QualityReport {
        let workspace = setup.workspace, asOf = setup.options.asOf
        let extractURL = workspace.extractReport(unit.id, dataset.id)
        guard FileManager.default.fileExists(atPath: extractURL.path) else {
            throw MissingStageOutput(path: extractURL.path, stage: "kdl-extract")
        }
        let extract = try JSONOutput.read(ExtractReport.self, from: extractURL)
        // Judging one night's rows as of another would date them wrongly, and the bundle would take
        // a unit that sent nothing tonight for one that did.
        guard extract.asOf == asOf.description else {
            throw MissingStageOutput(path: extractURL.path, stage: "kdl-extract --as-of \(asOf)", foundAsOf: extract.asOf)
        }
        let context = DatasetContext(schema: unit.schema(for: dataset), unit: unit.id, asOf: asOf, codeLists: setup.config.codeLists,
                                     codeSystems: unit.codeSystems(for: dataset.id), unitCodes: unit.ownCodes)
        for file in extract.files { context.cells.learn(file) }
        let sink = try ValidatedSink(unit: unit, schema: dataset, workspace: workspace, asOf: asOf)
        try Flow(context: context, normalize: true, check: true)
            .run(WorkFileSource(url: workspace.extracted(unit.id, dataset.id), schema: dataset, report: extract), into: [sink])
        guard let report = sink.report else { throw MissingStageOutput(path: workspace.qualityReport(unit.id, dataset.id).path, stage: name) }
        return report
    }
}
