import Foundation

/// Normalize: rewrites validated rows in canonical form — NFC text, ISO dates, `.` decimals,
/// 10-digit phones, shared-list codes (carried to the code in force on the as-of date) — into
/// `normalized.csv`, and counts what each rule changed in `normalize.json`.
///
/// The checks compute the canonical values as they judge them, so this stage replays them on
/// the validated rows; `kdl-run` skips the replay by writing `normalized.csv` during validation.
public enum NormalizeStage {
    public static func run(unit: UnitConfig, dataset: DatasetSchema, config: Configuration, workspace: Workspace,
                           asOf: CivilDate) throws -> NormalizeReport {
        let input = workspace.validated(unit.id, dataset.id)
        guard FileManager.default.fileExists(atPath: input.path) else {
            throw MissingStageOutput(path: input.path, stage: "kdl-validate")
        }
        let qualityURL = workspace.qualityReport(unit.id, dataset.id)
        if let quality = try? JSONOutput.read(QualityReport.self, from: qualityURL), quality.asOf != asOf.description {
            throw MissingStageOutput(path: qualityURL.path, stage: "kdl-validate --as-of \(asOf)", foundAsOf: quality.asOf)
        }
        let context = ValidationContext(schema: dataset, unit: unit.id, asOf: asOf, codeLists: config.codeLists, codeSystems: unit.codeSystems(for: dataset.id))
        let sink = try Replay(validator: Validator(context: context), output: workspace.normalized(unit.id, dataset.id),
                              names: dataset.fields.map(\.name))
        // Reading the work file and replaying the checks run on two threads.
        let rows = try BatchPipe<Record>.run(consume: sink.accept) { pipe in
            try WorkFileReader.read(input, schema: dataset, into: pipe)
        }
        try sink.file.commit()
        let report = NormalizeReport(unit: unit.id, dataset: dataset.id, asOf: asOf.description, rowsIn: rows,
                                     rowsOut: sink.writer.rows - 1, changes: context.normalizations)
        try JSONOutput.write(report, to: workspace.normalizeReport(unit.id, dataset.id))
        return report
    }

    private final class Replay: RecordSink {
        let validator: Validator
        let file: AtomicFile
        let writer: CSVWriter

        init(validator: Validator, output: URL, names: [String]) throws {
            self.validator = validator
            file = try AtomicFile(output)
            writer = CSVWriter(file: file)
            try writer.write(names, extra: ["_src"])
        }

        private var row = RowState()

        func accept(_ record: Record) throws {
            var row = RowState()
            swap(&row, &self.row)   // a local row is not copied on every use, as a stored one would be
            defer { swap(&row, &self.row) }
            validator.validate(record, into: &row)
            try writer.write(row, lineage: (record.file, record.line))
        }
    }
}
