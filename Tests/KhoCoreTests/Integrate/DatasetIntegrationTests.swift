import Foundation
import Testing
@testable import KhoCore

/// One dataset across units, in process: one row per key, identical copies merged naming every
/// unit, conflicts decided by the rule and listed, and every row accounted for.
@Suite struct DatasetIntegrationTests {
    final class CollectedTable: IntegratedTable {
        var rows: [(values: [String], units: String, dataAsOf: String, source: String)] = []
        var closed = 0

        func add(_ values: FieldRow, provenance: Provenance, file: String, line: Int) throws {
            rows.append((values.strings, provenance.unit, provenance.dataAsOf, "\(file):\(line)"))
        }

        func close() throws { closed += 1 }
    }

    struct Outcome {
        var table: CollectedTable
        var integration: Integration
        var passes: Int
        var out: URL

        func work(_ name: String) throws -> [[String]] {
            try TestSupport.parseCSV(String(contentsOf: out.appendingPathComponent("work/_bundle/ho-ngheo/\(name)"), encoding: .utf8))
                .dropFirst().map(\.fields)
        }

        var accounted: Int {
            integration.rowsBundled + integration.mergedIdentical + integration.conflicts.versionsSetAside + integration.duplicatesAcrossUnits
        }
    }

    private static let person: [String: String] = [
        "ma_ho": "H1", "ho_ten": "A Byưn", "ngay_sinh": "2001-10-27", "gioi_tinh": "1", "ma_dan_toc": "16",
        "so_dinh_danh": "062201596666", "quan_he_chu_ho": "04", "ma_xa": "23510", "loai_ho": "2", "ngay_cap_nhat": "2024-11-26",
    ]

    private static func person(_ changes: [String: String]) -> [String: String] { person.merging(changes) { _, new in new } }

    /// Feeds the units' rows as the bundle stage does: once, and again when a key came twice.
    /// - Parameter firstPass: whether the table is written on the first pass, as for one unit.
    /// - Parameter keysOnceOnly: the units' checks already kept each key once (the fused run's one unit).
    private func integrate(_ units: [(id: String, asOf: String, rows: [[String: String]])], rule: ConflictRule? = nil, firstPass: Bool = true,
                           keysOnceOnly: Bool = false, schema change: (inout DatasetSchema) -> Void = { _ in }) throws -> Outcome {
        var schema = TestSupport.dataset("ho-ngheo")
        if let rule { schema.conflictRule = rule }
        change(&schema)
        let out = try TestSupport.temporaryFolder()
        var table = CollectedTable()
        let integration = try DatasetIntegration(dataset: schema, workspace: Workspace(inbox: out, out: out), into: firstPass ? table : nil)
        func feed() throws {
            for unit in units {
                integration.beginUnit(unit.id, dataAsOf: unit.asOf, keysOnceOnly: keysOnceOnly)
                for (index, row) in unit.rows.enumerated() {
                    try integration.accept(FieldRow(schema.fields.map { row[$0.name] ?? "" }), file: "\(unit.id)/x.csv", line: index + 2)
                }
            }
        }
        try feed()
        var passes = 1
        if integration.needsSecondPass {
            table = CollectedTable()
            try integration.beginSecondPass(into: table)
            try feed()
            passes = 2
        }
        return Outcome(table: table, integration: try integration.finish(contributions: []), passes: passes, out: out)
    }

    /// The dataset's only unit: when its rows end, the table written in the first pass is closed, so
    /// its last rows are compressed while the unit's work files are committed. Not for a unit that
    /// others may follow, nor once a key came twice (the table is written again in a second pass).
    @Test func theOnlyUnitsTableIsClosedWhenItsRowsEnd() throws {
        let schema = TestSupport.dataset("ho-ngheo")
        func closes(_ rows: [[String: String]], onlyUnit: Bool) throws -> Int {
            let out = try TestSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: out) }
            let table = CollectedTable()
            let integration = try DatasetIntegration(dataset: schema, workspace: Workspace(inbox: out, out: out), into: table)
            integration.beginUnit("a", dataAsOf: "2026-11-29", onlyUnit: onlyUnit)
            for (index, row) in rows.enumerated() {
                try integration.accept(FieldRow(schema.fields.map { row[$0.name] ?? "" }), file: "a/x.csv", line: index + 2)
            }
            #expect(table.closed == 0)
            try integration.rowsEnded()
            return table.closed
        }
        let distinct = [Self.person, Self.person(["so_dinh_danh": "062201596667"])]
        #expect(try closes(distinct, onlyUnit: true) == 1)
        #expect(try closes(distinct, onlyUnit: false) == 0)
        #expect(try closes([Self.person, Self.person], onlyUnit: true) == 0)
    }

    @Test func keysThatNeverRepeatAreReadOnce() throws {
        let outcome = try integrate([("a", "2026-11-29", [Self.person, Self.person(["so_dinh_danh": "062201596667"])]),
                                     ("b", "2026-11-29", [Self.person(["so_dinh_danh": "062201596668"])])])
        defer { try? FileManager.default.removeItem(at: outcome.out) }
        #expect(outcome.passes == 1)
        #expect(outcome.table.rows.map(\.units) == ["a", "a", "b"])
        #expect(outcome.integration.conflicts == ConflictSummary(rule: "newest:ngay_cap_nhat", keys: 0, versionsSetAside: 0, units: []))
        #expect(outcome.accounted == 3)
        #expect(try outcome.work("conflicts.csv").isEmpty && outcome.work("duplicates.csv").isEmpty)
    }

    /// Several units: the table waits for the second pass, which writes what the first would have.
    @Test func withoutTheFirstPassTheTableIsTheSame() throws {
        let units = [("a", "2026-11-29", [Self.person, Self.person(["so_dinh_danh": "062201596667"])]),
                     ("b", "2026-11-29", [Self.person(["so_dinh_danh": "062201596668"])])]
        let once = try integrate(units), twice = try integrate(units, firstPass: false)
        defer { try? FileManager.default.removeItem(at: once.out); try? FileManager.default.removeItem(at: twice.out) }
        #expect(twice.passes == 2)
        #expect(twice.table.rows.map(\.source) == once.table.rows.map(\.source))
        #expect(twice.table.rows.map(\.values) == once.table.rows.map(\.values))
        #expect(twice.integration.rowsPerUnit == once.integration.rowsPerUnit && twice.accounted == 3)
    }

    /// The only unit, its keys kept once by its own checks: the table is what indexing the keys
    /// again would give, and the keys are not indexed again — a repeat the checks let through
    /// (they never do) would reach the table rather than start a second pass.
    @Test func theOnlyUnitsKeysKeptOnceByItsChecksAreNotIndexedAgain() throws {
        let rows = [Self.person, Self.person(["so_dinh_danh": "062201596667"]), Self.person(["so_dinh_danh": "", "ma_ho": "H2"])]
        let indexed = try integrate([("a", "2026-11-29", rows)]), trusted = try integrate([("a", "2026-11-29", rows)], keysOnceOnly: true)
        defer { try? FileManager.default.removeItem(at: indexed.out); try? FileManager.default.removeItem(at: trusted.out) }
        #expect(trusted.passes == 1 && indexed.passes == 1)
        #expect(trusted.table.rows.map(\.source) == ["a/x.csv:2", "a/x.csv:3", "a/x.csv:4"])
        #expect(trusted.table.rows.map(\.values) == indexed.table.rows.map(\.values))
        #expect(trusted.table.rows.map(\.units) == indexed.table.rows.map(\.units))
        #expect(trusted.integration.rowsPerUnit == ["a": 3] && trusted.accounted == 3)

        let repeated = try integrate([("a", "2026-11-29", [Self.person, Self.person])], keysOnceOnly: true)
        defer { try? FileManager.default.removeItem(at: repeated.out) }
        #expect(repeated.passes == 1 && repeated.table.rows.count == 2)
        // Several units: the claim is ignored without a table written in the first pass.
        let several = try integrate([("a", "2026-11-29", [Self.person]), ("b", "2026-11-29", [Self.person])], firstPass: false, keysOnceOnly: true)
        defer { try? FileManager.default.removeItem(at: several.out) }
        #expect(several.passes == 2 && several.table.rows.count == 1 && several.integration.mergedIdentical == 1)
    }

    @Test func identicalRecordsAppearOnceNamingEveryUnit() throws {
        let outcome = try integrate([("a", "2026-11-28", [Self.person]), ("b", "2026-11-29", [Self.person]), ("c", "2026-11-27", [Self.person])])
        defer { try? FileManager.default.removeItem(at: outcome.out) }
        #expect(outcome.passes == 2)
        #expect(outcome.table.rows.count == 1)
        let row = try #require(outcome.table.rows.first)
        #expect(row.units == "a;b;c" && row.dataAsOf == "2026-11-29" && row.source == "a/x.csv:2")
        #expect(outcome.integration.mergedIdentical == 2 && outcome.integration.conflicts.keys == 0)
        #expect(outcome.integration.rowsPerUnit == ["a": 1, "b": 1, "c": 1])
        #expect(try outcome.work("duplicates.csv").map { $0.suffix(3) } == [
            ["b/x.csv:2", "identical-across-units", "a/x.csv:2"], ["c/x.csv:2", "identical-across-units", "a/x.csv:2"],
        ])
        // Counted under 9.3, but costing nothing: the data is not wrong.
        let summary = try #require(outcome.integration.findings.summaries.first { $0.code == .identicalAcrossUnits })
        #expect(summary.count == 2 && summary.severity == .info && summary.principle == .onceOnly)
        #expect(outcome.integration.findings.rowCost.isEmpty)
        #expect(outcome.accounted == 3)
    }

    @Test func theNewerVersionIsKeptAndBothAreListed() throws {
        let older = Self.person, newer = Self.person(["ma_ho": "H9", "quan_he_chu_ho": "01", "ngay_cap_nhat": "2024-12-01"])
        let outcome = try integrate([("a", "2026-11-29", [older]), ("b", "2026-11-29", [newer])])
        defer { try? FileManager.default.removeItem(at: outcome.out) }
        #expect(outcome.table.rows.map(\.source) == ["b/x.csv:2"])
        #expect(outcome.table.rows.first?.values.first == "H9")
        #expect(outcome.integration.conflicts == ConflictSummary(rule: "newest:ngay_cap_nhat", keys: 1, versionsSetAside: 1,
                                                                 units: [.init(kept: "b", setAside: "a", versions: 1)]))
        let finding = try #require(outcome.integration.findings.summaries.first { $0.code == .conflictAcrossUnits }?.examples.first)
        #expect(finding.location == Location(unit: "a", file: "a/x.csv", line: 2))
        #expect(finding.detail == "kept: b (newest:ngay_cap_nhat)" && finding.severity == .warning)
        #expect(finding.value == Masking.mask("062201596666"))
        #expect(try outcome.work("conflicts.csv").map { $0.suffix(4) } == [["a/x.csv:2", "a", "2026-11-29", "false"], ["b/x.csv:2", "b", "2026-11-29", "true"]])
        var differing: [String] = []
        try outcome.integration.conflictVersions.forEach { differing.append(FieldDifference.names($0.differing, in: TestSupport.dataset("ho-ngheo"))) }
        #expect(differing == ["ma_ho;quan_he_chu_ho;ngay_cap_nhat", "ma_ho;quan_he_chu_ho;ngay_cap_nhat"])
        #expect(outcome.accounted == 2)
    }

    @Test func firstUnitKeepsTheOlderVersionOfTheUnitFirstById() throws {
        let older = Self.person, newer = Self.person(["ma_ho": "H9", "ngay_cap_nhat": "2024-12-01"])
        let outcome = try integrate([("a", "2026-11-29", [older]), ("b", "2026-11-29", [newer])], rule: .firstUnit)
        defer { try? FileManager.default.removeItem(at: outcome.out) }
        #expect(outcome.table.rows.map(\.source) == ["a/x.csv:2"])
        #expect(outcome.integration.conflicts.units == [.init(kept: "a", setAside: "b", versions: 1)])
        #expect(outcome.integration.conflicts.rule == "first-unit")
    }

    @Test func aTieOnTheDateKeepsTheUnitFirstById() throws {
        let outcome = try integrate([("a", "2026-11-29", [Self.person]), ("b", "2026-11-29", [Self.person(["ma_ho": "H9"])])])
        defer { try? FileManager.default.removeItem(at: outcome.out) }
        #expect(outcome.table.rows.map(\.source) == ["a/x.csv:2"])
    }

    /// Copies of the kept version merge; copies of a losing version are each a version set aside.
    @Test func everyRowIsInTheTableMergedOrListed() throws {
        let old = Self.person, new = Self.person(["dia_chi": "Thôn 2", "ngay_cap_nhat": "2024-12-01"])
        let other = Self.person(["so_dinh_danh": "062201596667"])
        let outcome = try integrate([
            ("a", "2026-11-29", [old, other]),
            ("b", "2026-11-29", [new, other, Self.person(["so_dinh_danh": "062201596668"])]),
            ("c", "2026-11-28", [old, new]),
        ])
        defer { try? FileManager.default.removeItem(at: outcome.out) }
        #expect(outcome.table.rows.map { "\($0.source) \($0.units) \($0.dataAsOf)" } == [
            "a/x.csv:3 a;b 2026-11-29", "b/x.csv:2 b;c 2026-11-29", "b/x.csv:4 b 2026-11-29",
        ])
        #expect(outcome.integration.mergedIdentical == 2)
        #expect(outcome.integration.conflicts.keys == 1 && outcome.integration.conflicts.versionsSetAside == 2)
        #expect(outcome.integration.conflicts.units == [.init(kept: "b", setAside: "a", versions: 1), .init(kept: "b", setAside: "c", versions: 1)])
        #expect(try outcome.work("conflicts.csv").map { $0[$0.count - 4] + " " + $0[$0.count - 1] } == [
            "a/x.csv:2 false", "b/x.csv:2 true", "c/x.csv:2 false",
        ])
        #expect(outcome.accounted == 7)
    }

    /// A unique field besides the key is still once only across the table: the later row is set aside.
    @Test func aRepeatedUniqueValueIsSetAside() throws {
        let outcome = try integrate([("a", "2026-11-29", [Self.person(["so_dien_thoai": "0905123456"])]),
                                     ("b", "2026-11-29", [Self.person(["so_dinh_danh": "062201596667", "so_dien_thoai": "0905123456"])])],
                                    schema: { $0.fields[$0.fieldIndex("so_dien_thoai")!].unique = true })
        defer { try? FileManager.default.removeItem(at: outcome.out) }
        #expect(outcome.passes == 1 && outcome.table.rows.count == 1 && outcome.integration.duplicatesAcrossUnits == 1)
        #expect(try outcome.work("duplicates.csv").map { $0.suffix(2) } == [["duplicate-across-units", "a/x.csv:2"]])
        #expect(outcome.integration.findings.summaries.first?.examples.first?.value == Masking.mask("0905123456"))
        #expect(outcome.accounted == 2)
    }

    @Test func aRowWithoutItsKeyGoesIntoTheTableAsItIs() throws {
        let outcome = try integrate([("a", "2026-11-29", [Self.person, Self.person(["so_dinh_danh": ""])]),
                                     ("b", "2026-11-29", [Self.person, Self.person(["so_dinh_danh": ""])])])
        defer { try? FileManager.default.removeItem(at: outcome.out) }
        #expect(outcome.table.rows.map { "\($0.source) \($0.units)" } == ["a/x.csv:2 a;b", "a/x.csv:3 a", "b/x.csv:3 b"])
        #expect(outcome.accounted == 4)
    }
}
