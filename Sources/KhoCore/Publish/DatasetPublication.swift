import Foundation

/// A dataset's bundles for the night, filled as the integrated rows arrive: the shared side gets
/// every field, the open side what `OpenDataPolicy` allows (open fields, or the declared
/// aggregates); every text cell that would run as a spreadsheet formula is neutralized on both
/// sides. `finish` computes the quality summary, applies the policy's gates, and completes the
/// bundles, or drops the open one.
public final class DatasetPublication: IntegratedTable {
    /// The columns bundles add after the dataset's fields: which unit provided the row, and the
    /// as-of date of the night its export was read (earlier than the bundle's for rows carried forward).
    static let unitColumn = "nguon_du_lieu"
    static let dataDateColumn = "ngay_du_lieu"

    static let provenanceFields = [
        TableSchema.Field(name: unitColumn, title: "Nguồn dữ liệu",
                          description: "Đơn vị cung cấp bản ghi (mã đơn vị trong pipelines/units); nhiều đơn vị gửi bản ghi giống hệt nhau thì ghi tất cả, cách nhau bằng dấu chấm phẩy. / The unit that sent the record; every unit, separated by semicolons, when several sent it identically.",
                          type: .string, classification: .open, required: true),
        TableSchema.Field(name: dataDateColumn, title: "Ngày dữ liệu",
                          description: "Ngày dữ liệu (as-of) của lần đọc tệp xuất của đơn vị (mới nhất nếu nhiều đơn vị); sớm hơn ngày của gói khi dữ liệu được mang sang vì đơn vị chưa gửi tệp mới. / The as-of date of the night the unit's export was read (the newest, for several units).",
                          type: .date, classification: .open, required: true),
    ]

    /// The shared bundle's table of the versions of each key in conflict: `data/conflicts.csv`.
    static let conflictsTable = "conflicts"

    /// The columns of the conflicts table after the dataset's fields and provenance.
    static let versionFields = [
        TableSchema.Field(name: "vi_tri_nguon", title: "Vị trí trong tệp nguồn",
                          description: "Tệp xuất và dòng của phiên bản (đơn vị/tệp:dòng). / The export file and line the version was read from.",
                          type: .string, classification: .open, required: true),
        TableSchema.Field(name: "duoc_chon", title: "Được chọn",
                          description: "true: phiên bản có trong bảng dữ liệu; false: phiên bản bị để riêng theo quy tắc xung đột của bộ dữ liệu. / true: the version in the data table; false: set aside by the dataset's conflict rule.",
                          type: .boolean, classification: .open, required: true),
        TableSchema.Field(name: "truong_khac_nhau", title: "Trường khác nhau",
                          description: "Các trường mà phiên bản khác phiên bản được chọn (với phiên bản được chọn: mọi trường mà một phiên bản khác khác nó), cách nhau bằng dấu chấm phẩy. / The fields in which the version differs from the kept one (for the kept one: every field in which another version differs), separated by semicolons.",
                          type: .string, classification: .open),
    ]

    private let dataset: DatasetSchema
    private let config: Configuration
    private let workspace: Workspace
    private let asOf: CivilDate
    private let policy: OpenDataPolicy
    private let shared: [any BundleWriter]
    private let open: [any BundleWriter]
    private let sharedTables: [CSVWriter]
    private let openTables: [CSVWriter]
    private var aggregates: [OpenAggregate]
    private var communes: CommuneCoverage
    /// Text fields, whose cells may start like a formula.
    private let textFields: [Int]
    private var isText = FieldSet()
    /// `policy.openFields`, read for every row.
    private let openFields: [Int]
    private var provenanceRow: [String] = ["", ""]
    private var row = FieldRow()
    private var tally = FindingTally()
    private var openMasked = 0
    private var sharedNeutralized = 0
    private var openNeutralized = 0
    private var personalDataInOpenText = 0
    /// What the open aggregates hid, for the open bundle's descriptor and README.
    private var suppressionNote: DataPackage.SmallCellSuppression?
    /// Whether the tables were given up (`abandon`).
    private var abandoned = false

    /// - Parameter escapedRows: where the shared tables find the escaped values of a row
    ///   `normalized.csv` has just been written with, when rows come straight from a unit's flow.
    public init(dataset: DatasetSchema, config: Configuration, workspace: Workspace, asOf: CivilDate,
                escapedRows: EscapedRowMemo? = nil) throws {
        self.dataset = dataset
        self.config = config
        self.workspace = workspace
        self.asOf = asOf
        policy = OpenDataPolicy(dataset: dataset, gates: config.pipeline.gates, openData: config.pipeline.openData)
        openFields = policy.openFields
        let level = config.pipeline.compressionLevel
        shared = try BundleFormats.all.map { try $0.init(dataset: dataset.id, side: .shared, asOf: asOf, workspace: workspace, level: level) }
        open = try BundleFormats.all.map { try $0.init(dataset: dataset.id, side: .open, asOf: asOf, workspace: workspace, level: level) }
        let key = Set(dataset.primaryKey)
        let sharedSchema = TableSchema(fields: dataset.fields.map { TableSchema.Field($0, isKey: key.contains($0.name)) } + DatasetPublication.provenanceFields,
                                       primaryKey: dataset.primaryKey.isEmpty ? nil : dataset.primaryKey)
        sharedTables = try shared.map { try $0.beginTable(name: dataset.id, title: dataset.title, schema: sharedSchema) }
        for table in sharedTables { table.reusing = escapedRows }
        if policy.publishesRows {
            let openSchema = policy.tableSchema(provenance: DatasetPublication.provenanceFields)
            openTables = try open.map { try $0.beginTable(name: dataset.id, title: dataset.title, schema: openSchema) }
        } else {
            openTables = []
        }
        aggregates = policy.aggregates.map { OpenAggregate(spec: $0, schema: dataset) }
        communes = CommuneCoverage(dataset: dataset, communeCatalog: config.pipeline.publication.communeCatalog)
        textFields = dataset.fields.indices.filter { dataset.fields[$0].type == .string }
        for index in textFields { isText[index] = true }
    }

    // MARK: - Rows

    /// Hands both sides' last blocks to the workers before either is waited for: ended one after
    /// the other, the open table's last block was not even handed over until the shared one's was
    /// done. Called when the rows end (a dataset's one unit) and again, to no effect, by `finish`.
    public func close() throws {
        for writer in shared { try writer.closeTable() }
        for writer in open where !openTables.isEmpty { try writer.closeTable() }
    }

    public func add(_ values: FieldRow, provenance: Provenance, file: String, line: Int) throws {
        // Rows come unit by unit: storing the same strings again would retain and release them.
        if provenanceRow[0] != provenance.unit { provenanceRow[0] = provenance.unit }
        if provenanceRow[1] != provenance.dataAsOf { provenanceRow[1] = provenance.dataAsOf }
        if startsFormula(values) {
            neutralizeShared(values)
            for table in sharedTables { try table.write(row, extra: provenanceRow) }
        } else {
            for table in sharedTables { try table.write(values, extra: provenanceRow) }
        }
        for index in aggregates.indices { aggregates[index].add(values, unit: provenance.unit) }
        communes.add(values)
        guard !openTables.isEmpty else { return }
        if let open = plainOpenCells(values) {
            for table in openTables { try table.write(open, extra: provenanceRow) }
            return
        }
        row.removeAll()
        for index in openFields {
            values.withField(index) { bytes in
                let masked = policy.openValue(bytes, field: index)
                var value = masked?.value
                if let masked {
                    openMasked += 1
                    personalDataInOpenText += masked.found
                    finding(.personalDataInOpenText, provenance: provenance, file: file, line: line, field: index)
                }
                if isText[index], let first = value?.utf8.first ?? bytes.first, SpreadsheetSafety.startsFormula(first) {
                    value = "'" + (value ?? String(decoding: bytes, as: UTF8.self))
                    openNeutralized += 1
                    finding(.formulaNeutralized, provenance: provenance, file: file, line: line, field: index)
                }
                if let value { row.append(value) } else { row.append(bytes) }
            }
        }
        for table in openTables { try table.write(row, extra: provenanceRow) }
    }

    /// The open side's cells read in place from `values`, when none is masked or neutralized (nearly
    /// every row): copying them into a row of their own cost more than writing them.
    @inline(__always)
    private func plainOpenCells(_ values: FieldRow) -> SelectedFields? {
        for index in openFields {
            let plain = values.withField(index) { bytes in
                !(isText[index] && bytes.first.map(SpreadsheetSafety.startsFormula) == true) && policy.openValue(bytes, field: index) == nil
            }
            if !plain { return nil }
        }
        return SelectedFields(values, openFields)
    }

    /// The shared side's row into `row`, each text cell that starts like a formula neutralized.
    private func neutralizeShared(_ values: FieldRow) {
        row.removeAll()
        for index in 0..<values.count {
            values.withField(index) { bytes in
                if isText[index], let first = bytes.first, SpreadsheetSafety.startsFormula(first) {
                    sharedNeutralized += 1
                    row.append(SpreadsheetSafety.neutralizeFormula(String(decoding: bytes, as: UTF8.self)).value)
                } else {
                    row.append(bytes)
                }
            }
        }
    }

    /// A text cell of the row starts like a spreadsheet formula: one first byte per text field.
    @inline(__always)
    private func startsFormula(_ values: FieldRow) -> Bool {
        for index in textFields where values.withField(index, { $0.first.map(SpreadsheetSafety.startsFormula) ?? false }) {
            return true
        }
        return false
    }

    private func finding(_ code: FindingCode, provenance: Provenance, file: String, line: Int, field: Int) {
        tally.addRow([FindingCatalog.finding(code, at: Location(unit: provenance.unit, file: file, line: line, field: dataset.fields[field].name),
                                             severity: dataset.severity(of: code))], weights: dataset.scoreWeights)
    }

    // MARK: - Finishing

    /// Gives tonight's bundles up unwritten (integration writes the table again): the tables are
    /// ended, so no worker still writes, and nothing appears under the bundles' names.
    func abandon() throws {
        abandoned = true
        for writer in shared { try writer.endTable() }
        for writer in open where !openTables.isEmpty { try writer.endTable() }
        for writer in shared + open { writer.abandon() }
    }

    /// Completes the night's bundles: the shared one and, unless a gate withholds it, the open one.
    public func finish(_ integration: Integration) throws -> BundleReport {
        precondition(!abandoned, "an abandoned publication cannot be finished")
        try close()
        for writer in shared { try writer.endTable() }
        try writeConflicts(integration.conflictVersions)
        for writer in open where !openTables.isEmpty { try writer.endTable() }
        var smallCells: [BundleReport.SmallCells] = []
        var suppressionNote: [DataPackage.SmallCellSuppression.Table] = []
        for aggregate in aggregates {
            let schema = aggregate.schema(of: dataset)
            let cells = aggregate.cells()
            let outcome = policy.suppression(cells, aggregate: aggregate.spec)
            let rows = aggregate.rows(cells, suppressed: outcome.suppressed)
            for writer in open {
                let table = try writer.beginTable(name: aggregate.spec.name, title: aggregate.spec.title, schema: schema)
                for row in rows { try table.write(row) }
                try writer.endTable()
            }
            smallCells.append(.init(table: aggregate.spec.name, cells: rows.count, primary: outcome.primary,
                                    complementary: outcome.complementary, exposed: outcome.exposed.count))
            let minCounts = zip(aggregate.spec.measures, policy.minCounts(aggregate.spec)).map { ($0.name, $1) }
            suppressionNote.append(.init(resource: aggregate.spec.name, minCount: Dictionary(minCounts, uniquingKeysWith: { first, _ in first }),
                                         cells: rows.count, suppressed: outcome.primary + outcome.complementary))
        }
        self.suppressionNote = suppressionNote.isEmpty ? nil : DataPackage.SmallCellSuppression(tables: suppressionNote)
        var bundling = integration.findings
        bundling.merge(tally)
        let fed = integration.contributions.filter { $0.kind != .missing }
        var combined = bundling
        for contribution in fed { if let report = contribution.quality { combined.merge(report.tally) } }
        let quality = bundleQuality(integration, tally: combined)
        let withheld = policy.withheld(quality: quality, contributions: fed, personalDataInOpenText: personalDataInOpenText,
                                       smallCells: smallCells)
        let sources = fed.map { contribution in
            let name = UnitName(contribution.unit, on: asOf)
            return DataPackage.Source(title: name.text, unit: contribution.unit.id, agencyCode: name.agencyCode,
                                      rows: integration.rowsPerUnit[contribution.unit.id] ?? 0, asOf: contribution.dataAsOf ?? asOf.description,
                                      carriedForward: contribution.kind == .carriedForward ? true : nil, sentBy: name.sentBy)
        }
        // The quality summary holds counts only, no example values, so both sides can carry it.
        let qualityJSON = try JSONOutput.encode(quality)
        if !withheld.isEmpty { for writer in open { writer.abandon() } }
        let completion = Completion(publication: self, writers: shared.map { ($0, .shared) } + (withheld.isEmpty ? open.map { ($0, .open) } : []))
        // The bundles are completed at once, each on a core: what is left of each (the last entries,
        // the fsyncs, hashing the archive) runs on one thread or waits on the disk.
        let results = ParallelMap.map(completion.writers.count) { index in
            let (writer, side) = completion.writers[index]
            return Result { try completion.publication.complete(writer, side: side, sources: sources, quality: quality, qualityJSON: qualityJSON) }
        }
        // The shared side's error first, as when the sides were completed in turn.
        let outputs = try results.map { try $0.get() }
        // The pointers move only to a bundle now complete with its sidecar, and before retention
        // can remove the bundle they pointed at; both sides' at once, each a commit waiting on the disk.
        try ParallelMap.forEachOnThreads(outputs.count) { [id = dataset.id, asOf = asOf, workspace = workspace] index in
            try LatestPointer.update(to: outputs[index], dataset: id, asOf: asOf, workspace: workspace)
        }
        var removed: [Retention.Removal] = []
        for side in BundleSide.allCases {
            let folder = workspace.bundle(side, dataset.id, asOf: asOf).deletingLastPathComponent()
            removed += try Retention.prune(folder: folder, side: side, dataset: dataset.id, keep: config.pipeline.bundlesKept(side))
            FileSystem.removeIfEmpty(folder)
        }
        let report = BundleReport(dataset: dataset.id, asOf: asOf.description, quality: quality, outputs: outputs,
                                  openWithheld: withheld, findings: bundling, openMasked: openMasked, openNeutralized: openNeutralized,
                                  personalDataInOpenText: policy.publishesRows ? personalDataInOpenText : nil,
                                  smallCells: smallCells.isEmpty ? nil : smallCells,
                                  communes: communes.sortedCodes, removed: removed.isEmpty ? nil : removed)
        try JSONOutput.write(report, to: workspace.bundleReport(dataset.id))
        return report
    }

    /// The shared bundle's conflicts table: every version of each key in conflict, the kept one
    /// and those set aside, with the fields that differ. Written even when empty, so that a
    /// recipient finds the same tables every night.
    private func writeConflicts(_ versions: ConflictListing) throws {
        let key = Set(dataset.primaryKey)
        let fields = dataset.fields.map { field in
            // Several versions share a key: no field of this table is unique.
            var described = TableSchema.Field(field, isKey: key.contains(field.name))
            described.constraints?.unique = nil
            if described.constraints?.isEmpty == true { described.constraints = nil }
            return described
        }
        let schema = TableSchema(fields: fields + DatasetPublication.provenanceFields + DatasetPublication.versionFields, primaryKey: nil)
        let tables = try shared.map {
            try $0.beginTable(name: DatasetPublication.conflictsTable, title: "Các phiên bản khác nhau của cùng một bản ghi (xung đột giữa các đơn vị)",
                              schema: schema)
        }
        try versions.forEach { version in
            let extra = [version.units, version.dataAsOf, version.lineage, version.kept ? "true" : "false",
                         FieldDifference.names(version.differing, in: dataset)]
            if startsFormula(version.values) {
                neutralizeShared(version.values)
                for table in tables { try table.write(row, extra: extra) }
            } else {
                for table in tables { try table.write(version.values, extra: extra) }
            }
        }
        for writer in shared { try writer.endTable() }
    }

    /// The bundles being completed, handed to the threads that complete them. `@unchecked`: each
    /// thread touches its own writer only, and the publication is only read meanwhile.
    private struct Completion: @unchecked Sendable {
        let publication: DatasetPublication
        let writers: [(any BundleWriter, BundleSide)]
    }

    private func complete(_ writer: any BundleWriter, side: BundleSide, sources: [DataPackage.Source], quality: BundleQuality,
                          qualityJSON: [UInt8]) throws -> BundleReport.Output {
        let publisher = config.pipeline.publisher.inForce(on: asOf).name
        let legal = config.pipeline.legal
        let terms = side == .open ? legal.open.license : legal.shared.license
        let license = DataPackage.License(name: terms.name, title: terms.title, path: terms.uri)
        let package = DataPackage(
            name: dataset.id, id: "\(dataset.id)/\(side.rawValue)/\(asOf)",
            title: dataset.title + (side == .open ? " (dữ liệu mở)" : " (dữ liệu dùng chung)"),
            description: dataset.description, keywords: dataset.keywords, version: asOf.description, created: "\(asOf)T00:00:00Z",
            classification: side, licenses: [license], sources: sources,
            contributors: [.init(title: publisher, role: "publisher")], resources: writer.resources,
            formulaNeutralization: .init(cells: side == .open ? openNeutralized : sharedNeutralized),
            smallCellSuppression: side == .open ? suppressionNote : nil, quality: quality)
        let link = ProblemReportLink(dataset: dataset.id, title: dataset.title, version: asOf.description, bundleFile: writer.fileName,
                                     exampleTable: writer.resources.first?.path, units: sources.map(\.unit), config: config)
        let readme = BundleReadme.render(dataset: dataset, side: side, package: package, publisher: publisher, legal: legal,
                                         fileName: writer.fileName, problemLink: link)
        return try writer.finish(package: package, readme: readme, quality: qualityJSON)
    }

    private func bundleQuality(_ integration: Integration, tally: FindingTally) -> BundleQuality {
        let reports = integration.contributions.filter { $0.kind != .missing }.compactMap(\.quality)
        let rows = reports.map(\.rows).reduce(RowAccount(), +)
        let score = QualityScore(tally: tally, rowsRead: rows.read, fileLevelError: reports.contains(where: \.blocked))
        let newest = reports.compactMap(\.newestRecordDate).max()
        // A unit reused from a report of an earlier version has no oldest date: the range is then
        // unknown, rather than the range of the other units.
        let oldest = reports.contains { $0.newestRecordDate != nil && $0.oldestRecordDate == nil } ? nil : reports.compactMap(\.oldestRecordDate).min()
        let stale = newest.flatMap { CivilDate(iso: $0) }.map { asOf.daysSinceEpoch - $0.daysSinceEpoch > DatasetPublication.openDataWindowDays } ?? true
        var findings: [String: Int] = [:]
        for summary in tally.summaries { findings[summary.code.rawValue] = summary.count }
        let units = reports.map { report in
            BundleQuality.UnitLine(unit: report.unit, unitName: UnitName.text(of: report.unit, reported: report.unitName, in: config, on: asOf),
                                   asOf: report.asOf, rows: report.rows, grade: report.score.grade, overall: report.score.overall,
                                   scores: report.score.scores, blocked: report.blocked)
        }
        let missing = integration.contributions.filter { $0.kind == .missing }.map { contribution in
            var line = contribution.line
            line.unitName = UnitName(contribution.unit, on: asOf).text
            return line
        }
        return BundleQuality(asOf: asOf.description, grade: score.grade, overall: score.overall, scores: score.scores, rows: rows,
                             rowsBundled: integration.rowsBundled, mergedIdentical: integration.mergedIdentical,
                             conflicts: integration.conflicts, duplicatesAcrossUnits: integration.duplicatesAcrossUnits,
                             newestRecordDate: newest, oldestRecordDate: oldest, stale: stale, units: units, missingUnits: missing.isEmpty ? nil : missing,
                             formulaCellsNeutralized: ["shared": sharedNeutralized, "open": openNeutralized], findings: findings)
    }

    /// Article 19: published open data is updated within three months.
    public static let openDataWindowDays = 92
}
