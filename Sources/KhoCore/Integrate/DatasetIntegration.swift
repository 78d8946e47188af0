import Foundation

/// One dataset across units: each unit's accepted rows arrive in unit order (tonight's, or
/// carried forward from an earlier night); a record another unit already reported is set aside
/// (Article 9.3, once only) into `work/_bundle/<dataset>/duplicates.csv`, the others go on to the
/// provincial table with their provenance (the unit, and the night its export was read).
public final class DatasetIntegration: RowSink {
    private let dataset: DatasetSchema
    private let table: IntegratedTable
    private let keys: OnceOnlyKeys
    private let duplicatesFile: AtomicFile
    private let duplicatesWriter: CSVWriter
    private let primaryKeyFields: [Int]
    private let personalKey: Bool
    private var provenance = Provenance(unit: "", dataAsOf: "")
    private var tally = FindingTally()
    private var rowsPerUnit: [String: Int] = [:]
    private var duplicates = 0

    public init(dataset: DatasetSchema, workspace: Workspace, into table: IntegratedTable) throws {
        self.dataset = dataset
        self.table = table
        keys = OnceOnlyKeys(schema: dataset)
        duplicatesFile = try AtomicFile(workspace.bundleWork(dataset.id).appendingPathComponent("duplicates.csv"))
        duplicatesWriter = CSVWriter(file: duplicatesFile)
        try duplicatesWriter.write(dataset.fields.map(\.name), extra: ["_src", "_errors", "_first"])
        primaryKeyFields = dataset.primaryKey.compactMap(dataset.fieldIndex)
        personalKey = dataset.primaryKey.contains { dataset.field($0)?.classification == .personal }
    }

    /// Rows that follow come from this unit, read from its export of `dataAsOf`, until the next call.
    public func beginUnit(_ unit: String, dataAsOf: String) {
        provenance = Provenance(unit: unit, dataAsOf: dataAsOf)
        rowsPerUnit[unit] = rowsPerUnit[unit] ?? 0
    }

    // MARK: - As a sink of each unit's flow

    public var selection: RowSelection { .accepted }

    public func accept(_ row: FlowRow) throws {
        try accept(row.canonical ?? row.record.values, file: row.record.file, line: row.record.line)
    }

    /// An accepted row in canonical form, with its lineage.
    public func accept(_ values: FieldRow, file: String, line: Int) throws {
        if let repeated = keys.take(values, file: file, line: line) {
            try setAside(values, file: file, line: line, first: repeated.first)
            return
        }
        rowsPerUnit[provenance.unit, default: 0] += 1
        try table.add(values, provenance: provenance, file: file, line: line)
    }

    /// A unit's rows are complete; the table is finished once every unit is in (`finish(contributions:)`).
    public func finish(_ summary: FlowSummary) throws {}

    /// A record another unit already reported: into `duplicates.csv`, with a finding naming the first.
    private func setAside(_ values: FieldRow, file: String, line: Int, first: String) throws {
        duplicates += 1
        let key = primaryKeyFields.map { values.string($0) }.joined(separator: ", ")
        tally.addRow([FindingCatalog.finding(.duplicateAcrossUnits, at: Location(unit: provenance.unit, file: file, line: line),
                                             value: personalKey ? Masking.mask(key) : key, detail: "first at \(first)",
                                             severity: dataset.severity(of: .duplicateAcrossUnits))], weights: dataset.scoreWeights)
        try duplicatesWriter.write(values, lineage: (file, line), extra: [FindingCode.duplicateAcrossUnits.rawValue, first])
    }

    /// Every unit is in: what the provincial table holds, for the bundles and their reports.
    public func finish(contributions: [UnitContribution]) throws -> Integration {
        try duplicatesFile.commit()
        return Integration(contributions: contributions, rowsPerUnit: rowsPerUnit, duplicatesAcrossUnits: duplicates, findings: tally)
    }
}

/// Where an integrated row came from: the unit, and the as-of date of the night its export was read.
public struct Provenance: Sendable {
    public var unit: String
    public var dataAsOf: String
}

/// The provincial table being built: the rows integration keeps, in order. Rows as a concrete
/// `FieldRow`: a generic requirement called through the protocol would not be specialized, and
/// every value of every row would go through a witness table.
public protocol IntegratedTable: AnyObject {
    func add(_ values: FieldRow, provenance: Provenance, file: String, line: Int) throws
}

/// What integrating a dataset's units gave.
public struct Integration: Sendable {
    /// The units feeding the dataset, in order: tonight's, carried forward, or missing.
    public var contributions: [UnitContribution]
    public var rowsPerUnit: [String: Int]
    /// Records another unit had already reported, set aside.
    public var duplicatesAcrossUnits: Int
    /// Findings made while integrating (duplicates across units).
    public var findings: FindingTally
}
