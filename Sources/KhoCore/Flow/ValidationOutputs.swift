/// A row after the checks, on its way to the files.
struct JudgedRow {
    /// The values as found, with their lineage.
    var record: Record
    /// The canonical values (accepted rows, when they are normalized or bundled).
    var canonical: FieldRow?
    var findings: [Finding]
    var rejected: Bool
}

/// What validation writes: `validated.csv`, `rejected.csv` and, in the fused run, `normalized.csv`
/// and the rows the bundle takes. Fed through a `BatchPipe`, so that judging rows and
/// serializing them run on two cores; it sees rows in the order they were read.
final class ValidationOutputs {
    private let validatedFile: AtomicFile
    private let rejectedFile: AtomicFile
    private let validatedWriter: CSVWriter
    private let rejectedWriter: CSVWriter
    private let normalizedFile: AtomicFile?
    private let normalizedWriter: CSVWriter?
    private let bundle: BundleAssembler?
    private var notes: [String] = [""]

    /// Accepted rows need their canonical values: `normalized.csv` or the bundle takes them.
    let needsCanonicalValues: Bool
    var writesNormalized: Bool { normalizedFile != nil }

    init(unit: UnitConfig, schema: DatasetSchema, workspace: Workspace, writeNormalized: Bool, bundle: BundleAssembler?) throws {
        self.bundle = bundle
        validatedFile = try AtomicFile(workspace.validated(unit.id, schema.id))
        rejectedFile = try AtomicFile(workspace.rejected(unit.id, schema.id))
        validatedWriter = CSVWriter(file: validatedFile)
        rejectedWriter = CSVWriter(file: rejectedFile)
        let names = schema.fields.map(\.name)
        try validatedWriter.write(names, extra: ["_src", "_flags"])
        try rejectedWriter.write(names, extra: ["_src", "_errors"])
        if writeNormalized {
            let file = try AtomicFile(workspace.normalized(unit.id, schema.id))
            normalizedFile = file
            normalizedWriter = CSVWriter(file: file)
            try normalizedWriter?.write(names, extra: ["_src"])
        } else {
            normalizedFile = nil
            normalizedWriter = nil
        }
        needsCanonicalValues = writeNormalized || bundle != nil
    }

    func write(_ row: JudgedRow) throws {
        let record = row.record
        let lineage = (record.file, record.line)
        if row.rejected {
            notes[0] = ValidationOutputs.describe(row.findings.filter { $0.severity == .error })
            try rejectedWriter.write(record.values, lineage: lineage, extra: notes)
            return
        }
        notes[0] = row.findings.isEmpty ? "" : ValidationOutputs.describe(row.findings)
        try validatedWriter.write(record.values, lineage: lineage, extra: notes)
        if let canonical = row.canonical {
            try normalizedWriter?.write(canonical, lineage: lineage)
            try bundle?.accept(canonical, file: record.file, line: record.line)
        }
    }

    /// Commits `validated.csv`, `rejected.csv` and `normalized.csv`.
    func commit() throws {
        try validatedFile.commit()
        try rejectedFile.commit()
        try normalizedFile?.commit()
    }

    /// `field:code` for each finding, `;`-separated, in the order found.
    static func describe(_ findings: [Finding]) -> String {
        findings.map { ($0.location.field.map { $0 + ":" } ?? "") + $0.code.rawValue }.joined(separator: ";")
    }
}
