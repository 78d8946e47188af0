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
                          description: "Đơn vị cung cấp bản ghi (mã đơn vị trong pipelines/units).",
                          type: .string, classification: .open, required: true),
        TableSchema.Field(name: dataDateColumn, title: "Ngày dữ liệu",
                          description: "Ngày dữ liệu (as-of) của lần đọc tệp xuất của đơn vị; sớm hơn ngày của gói khi dữ liệu được mang sang vì đơn vị chưa gửi tệp mới.",
                          type: .date, classification: .open, required: true),
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
    private var provenanceRow: [String] = ["", ""]
    private var row = FieldRow()
    private var tally = FindingTally()
    private var openMasked = 0
    private var sharedNeutralized = 0
    private var openNeutralized = 0
    private var personalDataInOpenText = 0
    /// What the open aggregates hid, for the open bundle's descriptor and README.
    private var suppressionNote: DataPackage.SmallCellSuppression?

    public init(dataset: DatasetSchema, config: Configuration, workspace: Workspace, asOf: CivilDate) throws {
        self.dataset = dataset
        self.config = config
        self.workspace = workspace
        self.asOf = asOf
        policy = OpenDataPolicy(dataset: dataset, gates: config.pipeline.gates, openData: config.pipeline.openData)
        let level = config.pipeline.compressionLevel
        shared = try BundleFormats.all.map { try $0.init(dataset: dataset.id, side: .shared, asOf: asOf, workspace: workspace, level: level) }
        open = try BundleFormats.all.map { try $0.init(dataset: dataset.id, side: .open, asOf: asOf, workspace: workspace, level: level) }
        let key = Set(dataset.primaryKey)
        let sharedSchema = TableSchema(fields: dataset.fields.map { TableSchema.Field($0, isKey: key.contains($0.name)) } + DatasetPublication.provenanceFields,
                                       primaryKey: dataset.primaryKey.isEmpty ? nil : dataset.primaryKey)
        sharedTables = try shared.map { try $0.beginTable(name: dataset.id, title: dataset.title, schema: sharedSchema) }
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

    public func add(_ values: FieldRow, provenance: Provenance, file: String, line: Int) throws {
        provenanceRow[0] = provenance.unit
        provenanceRow[1] = provenance.dataAsOf
        if startsFormula(values) {
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
            for table in sharedTables { try table.write(row, extra: provenanceRow) }
        } else {
            for table in sharedTables { try table.write(values, extra: provenanceRow) }
        }
        for index in aggregates.indices { aggregates[index].add(values, unit: provenance.unit) }
        communes.add(values)
        guard !openTables.isEmpty else { return }
        row.removeAll()
        for index in policy.openFields {
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

    /// Completes the night's bundles: the shared one, then the open one unless a gate withholds it.
    public func finish(_ integration: Integration) throws -> BundleReport {
        for writer in shared { try writer.endTable() }
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
        var outputs = try shared.map { try complete($0, side: .shared, sources: sources, quality: quality, qualityJSON: qualityJSON) }
        if withheld.isEmpty {
            outputs += try open.map { try complete($0, side: .open, sources: sources, quality: quality, qualityJSON: qualityJSON) }
        } else {
            for writer in open { writer.abandon() }
        }
        for side in BundleSide.allCases {
            let folder = workspace.bundle(side, dataset.id, asOf: asOf).deletingLastPathComponent()
            try Retention.prune(folder: folder, dataset: dataset.id, keep: config.pipeline.retention)
            FileSystem.removeIfEmpty(folder)
        }
        let report = BundleReport(dataset: dataset.id, asOf: asOf.description, quality: quality, outputs: outputs,
                                  openWithheld: withheld, findings: bundling, openMasked: openMasked, openNeutralized: openNeutralized,
                                  personalDataInOpenText: policy.publishesRows ? personalDataInOpenText : nil,
                                  smallCells: smallCells.isEmpty ? nil : smallCells,
                                  communes: communes.sortedCodes)
        try JSONOutput.write(report, to: workspace.bundleReport(dataset.id))
        return report
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
        let readme = BundleReadme.render(dataset: dataset, side: side, package: package, publisher: publisher, legal: legal,
                                         fileName: writer.fileName)
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
                             rowsBundled: integration.rowsPerUnit.values.reduce(0, +), duplicatesAcrossUnits: integration.duplicatesAcrossUnits,
                             newestRecordDate: newest, oldestRecordDate: oldest, stale: stale, units: units, missingUnits: missing.isEmpty ? nil : missing,
                             formulaCellsNeutralized: ["shared": sharedNeutralized, "open": openNeutralized], findings: findings)
    }

    /// Article 19: published open data is updated within three months.
    public static let openDataWindowDays = 92
}
