/// `extracted.csv` (every record as read, with lineage `_src`), `unreadable.csv` (rows that could
/// not be read, with the reason and their raw text) and `extract.json`.
public final class ExtractedSink: RowSink {
    public let selection = RowSelection.read
    private let workspace: Workspace
    private let unit: String
    private let dataset: String
    private let extractedFile: AtomicFile
    private let unreadableFile: AtomicFile
    private let extracted: CSVWriter
    private let unreadable: CSVWriter

    public init(unit: String, schema: DatasetSchema, workspace: Workspace) throws {
        self.workspace = workspace
        self.unit = unit
        dataset = schema.id
        extractedFile = try AtomicFile(workspace.extracted(unit, schema.id), direct: true)
        unreadableFile = try AtomicFile(workspace.unreadable(unit, schema.id))
        extracted = CSVWriter(file: extractedFile)
        unreadable = CSVWriter(file: unreadableFile)
        try extracted.write(schema.fields.map(\.name), extra: ["_src"])
        try unreadable.write(["_src", "_errors", "_raw"])
    }

    public func unreadable(_ row: UnreadableRow) throws {
        try unreadable.write([row.source, row.code.rawValue, row.text])
    }

    public func accept(_ row: FlowRow) throws {
        try extracted.write(row.record.values, lineage: (row.record.file, row.record.line))
    }

    public func finish(_ summary: FlowSummary) throws {
        try extractedFile.commit()
        try unreadableFile.commit()
        try JSONOutput.write(summary.extract, to: workspace.extractReport(unit, dataset))
    }
}
