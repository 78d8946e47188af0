/// `validated.csv` (which rows of `extracted.csv` pass, with their warnings in `_flags`: a
/// `VerdictIndex`, the values staying in `extracted.csv`), `rejected.csv` (rows with an error, values
/// as found, reasons in `_errors`) and `quality.json`: the scores, counts and examples of one unit's
/// dataset.
public final class ValidatedSink: RowSink {
    public let selection = RowSelection.judged
    private let unit: UnitConfig
    private let schema: DatasetSchema
    private let workspace: Workspace
    private let asOf: CivilDate
    private let validatedFile: AtomicFile
    private let rejectedFile: AtomicFile
    private let validated: CSVWriter
    private let rejected: CSVWriter
    private var notes: [String] = [""]
    private var tally = FindingTally()
    private var filled: [Int]
    private var account = RowAccount()
    private var newest: CivilDate?
    /// With `newest`, the records' date range: the temporal coverage the catalogs publish.
    private var oldest: CivilDate?
    /// `quality.json`, once the flow has summarized the rows (written when the sink finishes).
    public private(set) var report: QualityReport?

    public init(unit: UnitConfig, schema: DatasetSchema, workspace: Workspace, asOf: CivilDate) throws {
        self.unit = unit
        self.schema = schema
        self.workspace = workspace
        self.asOf = asOf
        validatedFile = try AtomicFile(workspace.validated(unit.id, schema.id), direct: true)
        rejectedFile = try AtomicFile(workspace.rejected(unit.id, schema.id), direct: true)
        validated = CSVWriter(file: validatedFile)
        rejected = CSVWriter(file: rejectedFile)
        let names = schema.fields.map(\.name)
        try validated.write(VerdictIndex.header)
        try rejected.write(names, extra: ["_src", "_errors"])
        filled = [Int](repeating: 0, count: schema.fields.count)
    }

    public func accept(_ row: FlowRow) throws {
        account.extracted += 1
        for index in 0..<filled.count where !row.empty[index] { filled[index] += 1 }
        if !row.findings.isEmpty { tally.addRow(row.findings, weights: schema.scoreWeights) }
        let lineage = (row.record.file, row.record.line)
        if row.rejected {
            account.rejected += 1
            notes[0] = ValidatedSink.describe(row.findings.filter { $0.severity == .error })
            try rejected.write(row.record.values, lineage: lineage, extra: notes)
            return
        }
        account.validated += 1
        if let date = row.recordDate {
            if newest.map({ date > $0 }) ?? true { newest = date }
            if oldest.map({ date < $0 }) ?? true { oldest = date }
        }
        notes[0] = row.findings.isEmpty ? "" : ValidatedSink.describe(row.findings)
        // Rows reach this sink in the order of extracted.csv, one each: the count is the row's number there.
        try validated.write(number: account.extracted, lineage: lineage, extra: notes, hash: RecordFingerprint.of(row.record.values))
    }

    public func summarize(_ summary: FlowSummary) throws {
        let extract = summary.extract
        for finding in summary.tableFindings { tally.add(finding) }
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
        report = QualityReport(unit: unit.id, unitName: unit.name, dataset: schema.id, asOf: asOf.description,
                               rows: account, score: score, blocked: extract.isBlocked, checks: combined.summaries,
                               completeness: completeness, fileFindings: extract.fileFindings, tally: combined,
                               newestRecordDate: newest?.description, oldestRecordDate: oldest?.description, scoreWeights: schema.scoreWeights.shares,
                               habits: Habit.found(in: combined, schema: schema))
    }

    public func finish(_ summary: FlowSummary) throws {
        guard let report else { preconditionFailure("the flow summarizes every sink before it finishes them") }
        try validatedFile.commit()
        try rejectedFile.commit()
        try JSONOutput.write(report, to: workspace.qualityReport(unit.id, schema.id))
    }

    /// `field:code` for each finding, `;`-separated, in the order found; a field of a workbook row
    /// also names its cell (`so_dinh_danh:personal-id-checksum (DanhSach!D12)`), as `_src` names the line.
    static func describe(_ findings: [Finding]) -> String {
        findings.map { finding in
            (finding.location.field.map { $0 + ":" } ?? "") + finding.code.rawValue + (finding.location.cell.map { " (" + $0 + ")" } ?? "")
        }.joined(separator: ";")
    }
}
