/// `normalized.csv` (accepted rows in canonical form, with lineage and, in `_flags`, what the rules
/// changed: `ngay_sinh:date`) and `normalize.json` (the changes counted per kind).
public final class NormalizedSink: RowSink {
    public let selection = RowSelection.accepted
    private let unit: String
    private let schema: DatasetSchema
    private let workspace: Workspace
    private let asOf: CivilDate
    private let file: AtomicFile
    private let writer: CSVWriter
    private var counts = ChangeCounts()
    private var rows = 0
    private var flags: [String] = [""]
    private let names: [String]
    /// `normalize.json` as written, once finished.
    public private(set) var report: NormalizeReport?

    public init(unit: String, schema: DatasetSchema, workspace: Workspace, asOf: CivilDate) throws {
        self.unit = unit
        self.schema = schema
        self.workspace = workspace
        self.asOf = asOf
        names = schema.fields.map(\.name)
        file = try AtomicFile(workspace.normalized(unit, schema.id))
        writer = CSVWriter(file: file)
        try writer.write(names, extra: ["_src", "_flags"])
    }

    public func accept(_ row: FlowRow) throws {
        rows += 1
        counts.add(row.changes)
        flags[0] = row.changes.isEmpty ? "" : row.changes.map { "\(names[$0.field]):\($0.change.rawValue)" }.joined(separator: ";")
        try writer.write(row.canonical ?? row.record.values, lineage: (row.record.file, row.record.line), extra: flags)
    }

    public func finish(_ summary: FlowSummary) throws {
        try file.commit()
        let report = NormalizeReport(unit: unit, dataset: schema.id, asOf: asOf.description, rowsIn: rows, rowsOut: rows,
                                     changes: counts.byKind)
        try JSONOutput.write(report, to: workspace.normalizeReport(unit, schema.id))
        self.report = report
    }
}
