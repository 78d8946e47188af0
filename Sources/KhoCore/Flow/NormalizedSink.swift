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
    /// `field:kind` for every field and kind, as bytes in one buffer, with where each starts and
    /// ends: built once, not per row.
    private let flagBytes: [UInt8]
    private let flagBounds: [Range<Int>]
    private var flags: [UInt8] = []
    private let names: [String]
    /// `normalize.json` as written, once finished.
    public private(set) var report: NormalizeReport?

    /// - Parameter escapedRows: where each row's escaped values are left for the next writer given it.
    public init(unit: String, schema: DatasetSchema, workspace: Workspace, asOf: CivilDate, escapedRows: EscapedRowMemo? = nil) throws {
        self.unit = unit
        self.schema = schema
        self.workspace = workspace
        self.asOf = asOf
        names = schema.fields.map(\.name)
        var bytes: [UInt8] = [], bounds: [Range<Int>] = []
        for name in names {
            for change in NormalizationChange.byOrdinal {
                let start = bytes.count
                bytes += "\(name):\(change.rawValue)".utf8
                bounds.append(start..<bytes.count)
            }
        }
        flagBytes = bytes
        flagBounds = bounds
        file = try AtomicFile(workspace.normalized(unit, schema.id), direct: true)
        writer = CSVWriter(file: file)
        try writer.write(names, extra: ["_src", "_flags"])
        writer.remembering = escapedRows
    }

    public func accept(_ row: FlowRow) throws {
        rows += 1
        counts.add(row.changes)
        flags.removeAll(keepingCapacity: true)
        row.changes.forEach { field, change in
            if !flags.isEmpty { flags.append(UInt8(ascii: ";")) }
            flags += flagBytes[flagBounds[field * NormalizationChange.count + change.ordinal]]
        }
        try flags.withUnsafeBufferPointer { flags in
            try writer.write(row.canonical ?? row.record.values, lineage: (row.record.file, row.record.line), lastField: flags)
        }
    }

    public func finish(_ summary: FlowSummary) throws {
        try file.commit()
        let report = NormalizeReport(unit: unit, dataset: schema.id, asOf: asOf.description, rowsIn: rows, rowsOut: rows,
                                     changes: counts.byKind)
        try JSONOutput.write(report, to: workspace.normalizeReport(unit, schema.id))
        self.report = report
    }
}
