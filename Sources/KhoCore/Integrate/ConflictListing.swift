import Foundation

/// Every version of a key in conflict, the kept one and those set aside, so that a conflict is
/// never resolved silently. The second pass writes them to `work/_bundle/<dataset>/conflicts.csv`
/// in reading order, as it meets them; the shared bundle's table is that file read back with the
/// fields in which each version differs from the kept one — which may come later in reading
/// order, hence the file rather than memory: the versions can be as many as the rows.
final class ConflictListing {
    /// One version as the bundle lists it.
    struct Version {
        var values: FieldRow
        /// The unit, or for the kept version every unit that sent it, `;` between them.
        var units: String
        /// The as-of date of the night its export was read.
        var dataAsOf: String
        /// Where the version was read: `unit/file:line`.
        var lineage: String
        var kept: Bool
        /// For a version set aside, the fields it differs in from the kept one; for the kept
        /// version, every field in which some version differs from it.
        var differing: FieldSet
    }

    /// The columns after the dataset's fields in the work file.
    static let workColumns = ["_src", "_units", "_as_of", "_kept"]

    private let dataset: DatasetSchema
    private let keyFields: [Int]
    private let url: URL
    private let file: AtomicFile
    private let writer: CSVWriter
    /// The kept version of each key in conflict, one hash per field: what the others are compared with.
    private var keptFields: [UInt64: [UInt64]] = [:]
    private(set) var versions = 0

    init(dataset: DatasetSchema, keyFields: [Int], workspace: Workspace) throws {
        self.dataset = dataset
        self.keyFields = keyFields
        url = workspace.bundleWork(dataset.id).appendingPathComponent("conflicts.csv")
        file = try AtomicFile(url)
        writer = CSVWriter(file: file)
        try writer.write(dataset.fields.map(\.name), extra: ConflictListing.workColumns)
    }

    /// A version of the key `key`, in reading order.
    func add(_ values: FieldRow, key: UInt64, file: String, line: Int, units: String, dataAsOf: String, kept: Bool) throws {
        versions += 1
        if kept { keptFields[key] = FieldDifference.hashes(of: values) }
        try writer.write(values, lineage: (file, line), extra: [units, dataAsOf, kept ? "true" : "false"])
    }

    func commit() throws { try file.commit() }

    func discard() { file.discard() }

    /// The versions as written, each with the fields that differ: the file is read twice, first
    /// to learn, for each kept version, in which fields the others differ from it.
    func forEach(_ body: (Version) throws -> Void) throws {
        guard versions > 0 else { return }
        var differingFromKept: [UInt64: FieldSet] = [:]
        try read { version, key in
            guard !version.kept, let kept = keptFields[key] else { return }
            differingFromKept[key, default: FieldSet()].formUnion(FieldDifference.fields(FieldDifference.hashes(of: version.values), kept))
        }
        try read { version, key in
            var version = version
            if version.kept {
                version.differing = differingFromKept[key] ?? FieldSet()
            } else if let kept = keptFields[key] {
                version.differing = FieldDifference.fields(FieldDifference.hashes(of: version.values), kept)
            }
            try body(version)
        }
    }

    private func read(_ body: (Version, UInt64) throws -> Void) throws {
        let reader = CSVReader(stream: try FileByteStream(path: url.path), delimiter: UInt8(ascii: ","))
        guard let header = try reader.next() else { return }
        let fieldCount = dataset.fields.count
        let values = Array(0..<fieldCount).map(Optional.some)
        var row = CSVReader.Row()
        while try reader.next(into: &row) {
            guard row.issue == nil, row.cells.count == header.cells.count else {
                throw ReadError(code: .fileUnreadable, message: "\(url.path):\(row.line): damaged work file; run kdl-bundle again", line: row.line)
            }
            let fields = row.cells.selecting(values)
            let version = Version(values: fields, units: row.cells.string(fieldCount + 1), dataAsOf: row.cells.string(fieldCount + 2),
                                  lineage: row.cells.string(fieldCount), kept: row.cells.string(fieldCount + 3) == "true",
                                  differing: FieldSet())
            try body(version, OnceOnlyKeys.hash(keyFields, of: fields))
        }
    }
}
