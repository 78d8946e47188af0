import Foundation

/// Validate: judges each extracted row against the dataset schema and the shared code lists and
/// writes `validated.csv` (rows that pass, warnings in `_flags`), `rejected.csv` (rows with an
/// error, reasons in `_errors`) and `quality.json`. In `kdl-run` it also writes `normalized.csv`
/// from the canonical values the checks computed, so nothing is parsed twice.
public final class ValidationStep: RecordSink {
    private let schema: DatasetSchema
    private let unit: UnitConfig
    private let workspace: Workspace
    private let validator: Validator
    private let outputs: ValidationOutputs
    /// Judged rows go to `outputs` on a thread of their own.
    private let written: BatchPipe<JudgedRow>
    private var tally = FindingTally()
    private var filled: [Int]
    private var account = RowAccount()
    private var newest: CivilDate?

    /// - Parameters:
    ///   - writeNormalized: also write `normalized.csv` (the fused run).
    ///   - bundle: where accepted rows go on, in canonical form (the fused run).
    public init(unit: UnitConfig, schema: DatasetSchema, config: Configuration, workspace: Workspace,
                asOf: CivilDate, writeNormalized: Bool, bundle: BundleAssembler? = nil) throws {
        self.schema = schema
        self.unit = unit
        self.workspace = workspace
        validator = Validator(context: ValidationContext(schema: schema, unit: unit.id, asOf: asOf,
                                                         codeLists: config.codeLists,
                                                         codeSystems: unit.codeSystems(for: schema.id)))
        let outputs = try ValidationOutputs(unit: unit, schema: schema, workspace: workspace,
                                            writeNormalized: writeNormalized, bundle: bundle)
        self.outputs = outputs
        written = BatchPipe(batchSize: 256) { try outputs.write($0) }
        filled = [Int](repeating: 0, count: schema.fields.count)
    }

    private var row = RowState()

    public func accept(_ record: Record) throws {
        // Work on a local row: every use of a struct stored in a class would copy it (and retain
        // its buffers) to guard the access. Swapping moves it out and back for free.
        var row = RowState()
        swap(&row, &self.row)
        defer { swap(&row, &self.row) }
        validator.validate(record, into: &row)
        account.extracted += 1
        for index in 0..<row.count where !row.isEmpty(index) { filled[index] += 1 }
        if !row.findings.isEmpty { tally.addRow(row.findings) }
        let rejected = row.isRejected
        if rejected {
            account.rejected += 1
        } else {
            account.validated += 1
            if let date = row.recordDate, newest.map({ date > $0 }) ?? true { newest = date }
        }
        try written.send(JudgedRow(record: record, canonical: !rejected && outputs.needsCanonicalValues ? row.canonicalRow() : nil,
                                   findings: row.findings.isEmpty ? [] : row.findings, rejected: rejected))
    }

    /// Waits for the rows still being written, when the run stops early; the files are not committed.
    public func abandon() {
        try? written.finish()
    }

    /// Commits the outputs and writes `quality.json` (and `normalize.json` when normalizing).
    public func finish(extract: ExtractReport) throws -> QualityReport {
        try written.finish()
        for finding in validator.finish() { tally.add(finding) }
        try outputs.commit()
        account.read = extract.rowsRead
        account.unreadable = extract.rowsUnreadable
        var combined = tally
        combined.merge(extract.rowFindings)
        for finding in extract.fileFindings { combined.add(finding) }
        let score = QualityScore(tally: combined, rowsRead: account.read, fileLevelError: extract.isBlocked)
        let completeness = schema.fields.enumerated().map { index, field in
            FieldCompleteness(field: field.name, filled: filled[index], total: account.extracted,
                              ratio: account.extracted == 0 ? 0 : QualityScore.round(100 * Double(filled[index]) / Double(account.extracted)) / 100)
        }
        let report = QualityReport(unit: unit.id, unitName: unit.name, dataset: schema.id, asOf: validator.context.asOf.description,
                                   rows: account, score: score, blocked: extract.isBlocked, checks: combined.summaries,
                                   completeness: completeness, fileFindings: extract.fileFindings, tally: combined,
                                   newestRecordDate: newest?.description)
        try JSONOutput.write(report, to: workspace.qualityReport(unit.id, schema.id))
        if outputs.writesNormalized {
            try JSONOutput.write(NormalizeReport(unit: unit.id, dataset: schema.id, asOf: validator.context.asOf.description,
                                                 rowsIn: account.validated, rowsOut: account.validated,
                                                 changes: validator.context.normalizations),
                                 to: workspace.normalizeReport(unit.id, schema.id))
        }
        return report
    }
}

public enum ValidateStage {
    /// Validates one unit's dataset from the `extracted.csv` and `extract.json` the extract stage left.
    public static func run(unit: UnitConfig, dataset: DatasetSchema, config: Configuration, workspace: Workspace,
                           asOf: CivilDate) throws -> QualityReport {
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
        let step = try ValidationStep(unit: unit, schema: dataset, config: config, workspace: workspace, asOf: asOf, writeNormalized: false)
        do {
            // Reading the work file, judging and writing run on three threads.
            _ = try BatchPipe<Record>.run(consume: step.accept) { pipe in
                try WorkFileReader.read(workspace.extracted(unit.id, dataset.id), schema: dataset, into: pipe)
            }
        } catch {
            step.abandon()
            throw error
        }
        return try step.finish(extract: extract)
    }
}

/// A stage run alone before the stage it depends on (or after it ran for another night): maps
/// to exit code 66 (no input).
public struct MissingStageOutput: Error, CustomStringConvertible, UserFacingError, Sendable {
    public let path: String
    public let stage: String
    /// The as-of date of the file found, when it is there but from another night.
    public var foundAsOf: String?

    public init(path: String, stage: String, foundAsOf: String? = nil) {
        self.path = path
        self.stage = stage
        self.foundAsOf = foundAsOf
    }

    public func message(_ language: Language) -> String {
        if let foundAsOf {
            return language == .vi ? "\(path) là của ngày \(foundAsOf): hãy chạy \(stage) trước (hoặc kdl-run)"
                                   : "\(path) is for \(foundAsOf): run \(stage) first (or kdl-run)"
        }
        return language == .vi ? "\(path) không tồn tại: hãy chạy \(stage) trước (hoặc kdl-run)"
                               : "\(path) does not exist: run \(stage) first (or kdl-run)"
    }

    public var description: String { message(.en) }
}
