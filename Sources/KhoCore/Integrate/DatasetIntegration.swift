import Foundation

/// One dataset across units. Each unit's accepted rows arrive in unit order (tonight's, or carried
/// forward from an earlier night) and the provincial table keeps one row per primary key:
/// identical versions from several units become one row naming every unit; versions that differ
/// are a conflict, which the dataset's `conflictRule` decides and `ConflictListing` lists.
///
/// Which version wins is known only when every unit is in, and memory must not hold the rows, so
/// it takes two passes: the first learns, per key, the version kept (`KeyVersions`); the second
/// reads every unit's `normalized.csv` again and places each row (`VersionPlacement`). A dataset fed
/// by one unit has its table written on the first pass, as the second would write it, unless a key
/// comes twice after all: it reads its rows once.
public final class DatasetIntegration: RowSink {
    private enum Pass { case first, second }

    private let dataset: DatasetSchema
    private let workspace: Workspace
    private let rule: ConflictRule
    private let keyFields: [Int]
    private let dateField: Int?
    private let versions = KeyVersions()
    /// The units whose rows came, in order, with the as-of date of those rows.
    public private(set) var units: [(id: String, dataAsOf: String)] = []
    private var unit = -1
    /// The current unit's provenance, made once per unit rather than per row.
    private var current = Provenance(unit: "", dataAsOf: "")
    private var pass = Pass.first
    /// Nil once a key came twice in the first pass, until the second pass begins.
    private var placement: VersionPlacement?
    /// Where the kept version of a key with identical copies was read, for the copies' lineage;
    /// the kept version is read before its copies.
    private let keptAt = FirstSeenTable()
    /// The current unit's keys are known to be once only and are not recorded (`beginUnit`).
    private var keysTrusted = false
    /// The current unit is the dataset's only one (`beginUnit`).
    private var onlyUnit = false

    /// - Parameter table: where the first pass writes the table while no key has come twice; nil
    ///   to write it only in the second pass — when several units feed the dataset, a repeated key
    ///   is likely, and the rows written before it would have been compressed for nothing.
    public init(dataset: DatasetSchema, workspace: Workspace, into table: IntegratedTable?) throws {
        self.dataset = dataset
        self.workspace = workspace
        rule = dataset.conflictRule
        let keyFields = dataset.primaryKey.compactMap(dataset.fieldIndex)
        self.keyFields = keyFields
        dateField = dataset.conflictRule.dateField(in: dataset)
        placement = try table.map { try VersionPlacement(dataset: dataset, keyFields: keyFields, workspace: workspace, table: $0) }
    }

    /// Rows that follow come from this unit, read from its export of `dataAsOf`, until the next
    /// call. In the second pass the units come again, in the same order.
    ///
    /// - Parameter keysOnceOnly: the unit is the dataset's only one and its rows come from a flow
    ///   whose checks already keep each primary key once among accepted rows
    ///   (`UniquenessCheck.acceptsEachPrimaryKeyOnce`). With the table written in the first pass no
    ///   key can come twice then, so the keys are not indexed again: one key index per row, not two.
    /// - Parameter onlyUnit: no unit follows this one: when its rows end, a table written in the
    ///   first pass takes no more (`rowsEnded`).
    public func beginUnit(_ id: String, dataAsOf: String, keysOnceOnly: Bool = false, onlyUnit: Bool = false) {
        precondition(!keysTrusted, "a unit whose keys were not indexed must be the dataset's only one")
        precondition(!self.onlyUnit, "a unit came after the dataset's only one")
        self.onlyUnit = onlyUnit && pass == .first
        unit += 1
        keysTrusted = keysOnceOnly && pass == .first && placement != nil
        if pass == .first { units.append((id, dataAsOf)) }
        precondition(units[unit].id == id, "the second pass reads the units in the order of the first")
        current = Provenance(unit: id, dataAsOf: dataAsOf)
        placement?.beginUnit(id)
    }

    /// Whether the table is still to be written, from the units' `normalized.csv`: several units
    /// feed the dataset, or a key came twice.
    public var needsSecondPass: Bool { pass == .first && placement == nil }

    /// Starts the second pass into a new table; then each unit of `units` is fed again.
    public func beginSecondPass(into table: IntegratedTable) throws {
        precondition(needsSecondPass)
        placement = try VersionPlacement(dataset: dataset, keyFields: keyFields, workspace: workspace, table: table)
        pass = .second
        unit = -1
        onlyUnit = false
    }

    // MARK: - As a sink of each unit's flow

    public var selection: RowSelection { .accepted }

    public func accept(_ row: FlowRow) throws {
        try accept(row.canonical ?? row.record.values, file: row.record.file, line: row.record.line)
    }

    /// An accepted row in canonical form, with its lineage.
    public func accept(_ values: FieldRow, file: String, line: Int) throws {
        // A row without its whole key is nobody's version: it goes into the table as it is.
        guard !keyFields.isEmpty, !keyFields.contains(where: { values.isEmpty($0) }) else {
            try placement?.keep(values, provenance: current, file: file, line: line)
            return
        }
        if keysTrusted, let placement {
            try placement.keep(values, provenance: current, file: file, line: line)
            return
        }
        let key = OnceOnlyKeys.hash(keyFields, of: values)
        switch pass {
        case .first:
            let date = dateField.flatMap { field in values.withField(field) { ConflictRule.instant($0) } }
            let repeated = versions.record(key, RecordVersion(unit: unit, date: date, fingerprint: RecordFingerprint.of(values)), rule: rule)
            guard let placement else { return }
            if repeated {
                placement.discard()
                self.placement = nil
            } else {
                try placement.keep(values, provenance: current, file: file, line: line)
            }
        case .second:
            try place(values, key: key, file: file, line: line)
        }
    }

    /// The second pass: the row is the kept version of its key, a copy of it, or set aside.
    private func place(_ values: FieldRow, key: UInt64, file: String, line: Int) throws {
        guard let placement, let entry = versions.entry(key) else { return }
        guard RecordFingerprint.of(values) == entry.kept.fingerprint else {
            try placement.setAside(values, key: key, provenance: current, file: file, line: line, keptUnit: units[entry.kept.unit].id)
            return
        }
        guard versions.claimKept(key) else {
            try placement.merge(values, unit: current.unit, file: file, line: line, kept: keptAt.position(of: key) ?? "")
            return
        }
        let others = versions.copyingUnits(key)
        var provenance = current
        if !others.isEmpty {
            let sending = [unit] + others
            provenance = Provenance(unit: sending.map { units[$0].id }.joined(separator: ";"),
                                    dataAsOf: sending.map { units[$0].dataAsOf }.max() ?? current.dataAsOf)
        }
        if entry.copied { keptAt.insert(key, file: file, line: line) }
        if entry.contested { try placement.listKept(values, key: key, provenance: provenance, file: file, line: line) }
        try placement.keep(values, alsoFrom: others.map { units[$0].id }, provenance: provenance, file: file, line: line)
    }

    /// The dataset's only unit has sent its last row: a table written in the first pass takes no
    /// more, and its last rows are compressed while the unit's work files are committed.
    public func rowsEnded() throws {
        guard onlyUnit, pass == .first, let placement else { return }
        try placement.closeTable()
    }

    /// A unit's rows are complete; the table is finished once every unit is in (`finish(contributions:)`).
    public func finish(_ summary: FlowSummary) throws {}

    /// Every unit is in: what the provincial table holds, for the bundles and their reports.
    public func finish(contributions: [UnitContribution]) throws -> Integration {
        guard let placement, !needsSecondPass else { preconditionFailure("a key came twice: the second pass must run first") }
        return try placement.finish(contributions: contributions)
    }
}

/// Where an integrated row came from: the unit — every unit, `;` between them, for a record
/// several units sent identically — and the as-of date of the night its export was read (the
/// newest of them).
public struct Provenance: Sendable {
    public var unit: String
    public var dataAsOf: String
}

/// The provincial table being built: the rows integration keeps, in order. Rows as a concrete
/// `FieldRow`: a generic requirement called through the protocol would not be specialized, and
/// every value of every row would go through a witness table.
public protocol IntegratedTable: AnyObject {
    func add(_ values: FieldRow, provenance: Provenance, file: String, line: Int) throws
    /// No rows after it: the last ones can be compressed before the table is finished.
    func close() throws
}

/// What integrating a dataset's units gave. Every accepted row is in exactly one of: the table
/// (`rowsBundled`), merged into an identical row (`mergedIdentical`), a version set aside by the
/// conflict rule (`conflicts.versionsSetAside`), or set aside for a repeated unique value
/// (`duplicatesAcrossUnits`).
public struct Integration {
    /// The units feeding the dataset, in order: tonight's, carried forward, or missing.
    public var contributions: [UnitContribution]
    /// Rows of the table that name each unit (a row several units sent counts for each).
    public var rowsPerUnit: [String: Int]
    public var rowsBundled: Int
    /// Rows identical in every field to a row of the table, merged into it.
    public var mergedIdentical: Int
    public var conflicts: ConflictSummary
    /// Rows whose unique field (other than the key) repeats a value already in the table.
    public var duplicatesAcrossUnits: Int
    /// Findings made while integrating (identical copies, conflicts, duplicates).
    public var findings: FindingTally
    /// Every version of the keys in conflict, for the shared bundle.
    let conflictVersions: ConflictListing
}
