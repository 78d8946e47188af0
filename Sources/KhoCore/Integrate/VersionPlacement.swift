import Foundation

/// Where each row goes once it is known which version of its key is kept: the kept version into
/// the provincial table, naming every unit that sent it; an identical copy merged into it (listed
/// in `duplicates.csv` with the kept row's position); a version with other values set aside as a
/// losing version of a conflict (`ConflictListing`). A row whose `unique` field — other than the
/// key — repeats a value already in the table is set aside too, as a duplicate across units.
/// Every accepted row ends in exactly one of these, and the counts say so.
final class VersionPlacement {
    private let dataset: DatasetSchema
    private let table: IntegratedTable
    private let keyFields: [Int]
    private let personalKey: Bool
    private let uniqueValues: OnceOnlyKeys
    private let duplicatesFile: AtomicFile
    private let duplicatesWriter: CSVWriter
    let conflicts: ConflictListing
    private var tally = FindingTally()
    private var rowsPerUnit: [String: Int] = [:]
    /// The unit being read and its rows in the table so far, counted apart from `rowsPerUnit`
    /// so that a row costs no dictionary lookup.
    private var unit = ""
    private var unitRows = 0
    private var rowsBundled = 0
    private var mergedIdentical = 0
    private var duplicates = 0
    private var conflictKeys = 0
    private var conflictVersions = 0
    private var pairs: [String: [String: Int]] = [:]

    init(dataset: DatasetSchema, keyFields: [Int], workspace: Workspace, table: IntegratedTable) throws {
        self.dataset = dataset
        self.table = table
        self.keyFields = keyFields
        personalKey = keyFields.contains { dataset.fields[$0].classification == .personal }
        uniqueValues = OnceOnlyKeys(schema: dataset, includingPrimaryKey: false)
        duplicatesFile = try AtomicFile(workspace.bundleWork(dataset.id).appendingPathComponent("duplicates.csv"))
        duplicatesWriter = CSVWriter(file: duplicatesFile)
        try duplicatesWriter.write(dataset.fields.map(\.name), extra: ["_src", "_errors", "_first"])
        conflicts = try ConflictListing(dataset: dataset, keyFields: keyFields, workspace: workspace)
    }

    func beginUnit(_ unit: String) {
        countUnitRows()
        self.unit = unit
        rowsPerUnit[unit] = rowsPerUnit[unit] ?? 0
    }

    private func countUnitRows() {
        if unitRows > 0 { rowsPerUnit[unit, default: 0] += unitRows }
        unitRows = 0
    }

    /// A row of the current unit that goes into the table: the only version of its key, or the
    /// kept one, which `alsoFrom` sent too.
    func keep(_ values: FieldRow, alsoFrom: [String] = [], provenance: Provenance, file: String, line: Int) throws {
        if let repeated = uniqueValues.take(values, file: file, line: line) {
            duplicates += 1
            // No field in the finding to mask it by, so a personal value is masked here.
            let shown = repeated.keySet.fields.map { values.string($0) }.joined(separator: ", ")
            finding(.duplicateAcrossUnits, unit: unit, file: file, line: line,
                    value: repeated.keySet.isPersonal ? Masking.mask(shown) : shown, detail: "first at \(repeated.first)")
            try duplicatesWriter.write(values, lineage: (file, line), extra: [FindingCode.duplicateAcrossUnits.rawValue, repeated.first])
            return
        }
        rowsBundled += 1
        unitRows += 1
        for other in alsoFrom { rowsPerUnit[other, default: 0] += 1 }
        try table.add(values, provenance: provenance, file: file, line: line)
    }

    /// The kept version of a key in conflict: listed with the versions set aside.
    func listKept(_ values: FieldRow, key: UInt64, provenance: Provenance, file: String, line: Int) throws {
        conflictKeys += 1
        try conflicts.add(values, key: key, file: file, line: line, units: provenance.unit, dataAsOf: provenance.dataAsOf, kept: true)
    }

    /// A copy, identical in every field, of the version kept at `kept` (`file:line`).
    func merge(_ values: FieldRow, unit: String, file: String, line: Int, kept: String) throws {
        mergedIdentical += 1
        finding(.identicalAcrossUnits, unit: unit, file: file, line: line, value: shownKey(values), detail: "merged into \(kept)")
        try duplicatesWriter.write(values, lineage: (file, line), extra: [FindingCode.identicalAcrossUnits.rawValue, kept])
    }

    /// A version with other values than the one `keptUnit` sent, which the rule kept.
    func setAside(_ values: FieldRow, key: UInt64, provenance: Provenance, file: String, line: Int, keptUnit: String) throws {
        conflictVersions += 1
        pairs[keptUnit, default: [:]][provenance.unit, default: 0] += 1
        finding(.conflictAcrossUnits, unit: provenance.unit, file: file, line: line, value: shownKey(values),
                detail: "kept: \(keptUnit) (\(dataset.conflictRule.id))")
        try conflicts.add(values, key: key, file: file, line: line, units: provenance.unit, dataAsOf: provenance.dataAsOf, kept: false)
    }

    /// Gives the night's files up: a later pass writes them again.
    func discard() {
        duplicatesFile.discard()
        conflicts.discard()
    }

    /// The table takes no more rows (`IntegratedTable.close`).
    func closeTable() throws {
        try table.close()
    }

    func finish(contributions: [UnitContribution]) throws -> Integration {
        countUnitRows()
        try duplicatesFile.commit()
        try conflicts.commit()
        let units = pairs.keys.sorted().flatMap { kept in
            (pairs[kept] ?? [:]).keys.sorted().map { ConflictSummary.UnitPair(kept: kept, setAside: $0, versions: pairs[kept]?[$0] ?? 0) }
        }
        return Integration(contributions: contributions, rowsPerUnit: rowsPerUnit, rowsBundled: rowsBundled, mergedIdentical: mergedIdentical,
                           conflicts: ConflictSummary(rule: dataset.conflictRule.id, keys: conflictKeys, versionsSetAside: conflictVersions, units: units),
                           duplicatesAcrossUnits: duplicates, findings: tally, conflictVersions: conflicts)
    }

    /// The key's values as a finding shows them: masked when the key holds personal data.
    private func shownKey(_ values: FieldRow) -> String {
        let key = keyFields.map { values.string($0) }.joined(separator: ", ")
        return personalKey ? Masking.mask(key) : key
    }

    private func finding(_ code: FindingCode, unit: String, file: String, line: Int, value: String, detail: String) {
        tally.addRow([FindingCatalog.finding(code, at: Location(unit: unit, file: file, line: line), value: value, detail: detail,
                                             severity: dataset.severity(of: code))], weights: dataset.scoreWeights)
    }
}
