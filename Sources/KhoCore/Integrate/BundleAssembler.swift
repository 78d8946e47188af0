import Foundation

/// Builds one dataset's bundles while the units' rows arrive, in unit order: each accepted row is
/// checked once-only against the rows of the units before it, written into the shared bundle's
/// data as it comes (compressed on worker threads), and into the open bundle's data (open fields,
/// sanitized) or its aggregates. `finish` applies the quality gates and completes both ZIPs.
///
/// A record another unit already reported is set aside (Article 9.3, once only) into
/// `work/_bundle/<dataset>/duplicates.csv`.
///
/// Every CSV written into a bundle, shared or open, is safe to open in a spreadsheet: a text cell
/// that would run as a formula is neutralized there (work files keep values verbatim).
public final class BundleAssembler: RowSink {
    /// The columns bundles add after the dataset's fields: which unit provided the row, and the
    /// as-of date of the night its export was read (earlier than the bundle's for rows carried forward).
    static let unitColumn = "nguon_du_lieu"
    static let dataDateColumn = "ngay_du_lieu"

    private let dataset: DatasetSchema
    private let config: Configuration
    private let workspace: Workspace
    private let asOf: CivilDate
    private let shared: BundleArchive
    private let sharedData: BundleArchive.DataFile
    private let open: BundleArchive
    private let openData: BundleArchive.DataFile?
    private var aggregates: [OpenAggregate]
    private let duplicatesFile: AtomicFile
    private let duplicatesWriter: CSVWriter
    private let keys: KeyIndex
    private let openFields: [Int]
    private let freeText: FieldSet
    private let textFields: FieldSet
    /// Text fields of the shared side, whose cells may start like a formula.
    private let sharedTextFields: [Int]
    private var sharedRow = FieldRow()
    private let primaryKeyFields: [Int]
    private let personalKey: Bool
    private var tally = FindingTally()
    private var rowsPerUnit: [String: Int] = [:]
    private var currentUnit: String = ""
    private var unitRow: [String] = ["", ""]
    private var openRow = FieldRow()
    private var duplicates = 0
    private var openMasked = 0
    private var openNeutralized = 0
    private var sharedNeutralized = 0

    public init(dataset: DatasetSchema, config: Configuration, workspace: Workspace, asOf: CivilDate) throws {
        self.dataset = dataset
        self.config = config
        self.workspace = workspace
        self.asOf = asOf
        let level = config.pipeline.compressionLevel
        shared = try BundleArchive(url: workspace.bundle(.shared, dataset.id, asOf: asOf), side: .shared, level: level, asOf: asOf)
        open = try BundleArchive(url: workspace.bundle(.open, dataset.id, asOf: asOf), side: .open, level: level, asOf: asOf)
        let key = Set(dataset.primaryKey)
        sharedData = try shared.beginData(name: dataset.id, title: dataset.title, schema: TableSchema(
            fields: dataset.fields.map { TableSchema.Field($0, isKey: key.contains($0.name)) } + BundleAssembler.provenanceFields,
            primaryKey: dataset.primaryKey.isEmpty ? nil : dataset.primaryKey))

        openFields = dataset.fields.indices.filter { dataset.fields[$0].classification == .open }
        var freeText = FieldSet(), textFields = FieldSet()
        for index in openFields {
            if dataset.fields[index].role == .freeText { freeText[index] = true }
            if dataset.fields[index].type == .string { textFields[index] = true }
        }
        self.freeText = freeText
        self.textFields = textFields
        sharedTextFields = dataset.fields.indices.filter { dataset.fields[$0].type == .string }
        if dataset.openData.mode == .fields {
            let openKey = !dataset.primaryKey.isEmpty && dataset.primaryKey.allSatisfy { dataset.field($0)?.classification == .open }
            openData = try open.beginData(name: dataset.id, title: dataset.title, schema: TableSchema(
                fields: openFields.map { TableSchema.Field(dataset.fields[$0], isKey: openKey && key.contains(dataset.fields[$0].name)) }
                    + BundleAssembler.provenanceFields,
                primaryKey: openKey ? dataset.primaryKey : nil))
            aggregates = []
        } else {
            openData = nil
            aggregates = dataset.openData.aggregates.map { OpenAggregate(spec: $0, schema: dataset) }
        }
        duplicatesFile = try AtomicFile(workspace.bundleWork(dataset.id).appendingPathComponent("duplicates.csv"))
        duplicatesWriter = CSVWriter(file: duplicatesFile)
        try duplicatesWriter.write(dataset.fields.map(\.name), extra: ["_src", "_errors", "_first"])
        keys = KeyIndex(schema: dataset)
        primaryKeyFields = dataset.primaryKey.compactMap(dataset.fieldIndex)
        personalKey = dataset.primaryKey.contains { dataset.field($0)?.classification == .personal }
    }

    static let provenanceFields = [
        TableSchema.Field(name: unitColumn, title: "Nguồn dữ liệu",
                          description: "Đơn vị cung cấp bản ghi (mã đơn vị trong pipelines/units).",
                          type: .string, classification: .open, required: true),
        TableSchema.Field(name: dataDateColumn, title: "Ngày dữ liệu",
                          description: "Ngày dữ liệu (as-of) của lần đọc tệp xuất của đơn vị; sớm hơn ngày của gói khi dữ liệu được mang sang vì đơn vị chưa gửi tệp mới.",
                          type: .date, classification: .open, required: true),
    ]

    /// Rows that follow come from this unit, read from its export of `dataAsOf`, until the next call.
    public func beginUnit(_ unit: String, dataAsOf: String) {
        currentUnit = unit
        unitRow[0] = unit
        unitRow[1] = dataAsOf
        rowsPerUnit[unit] = rowsPerUnit[unit] ?? 0
    }

    // MARK: - As a sink of each unit's flow

    public var selection: RowSelection { .accepted }

    public func accept(_ row: FlowRow) throws {
        try accept(row.canonical ?? row.record.values, file: row.record.file, line: row.record.line)
    }

    /// A unit's rows are complete; the bundles are finished once every unit is in (`finish(contributions:)`).
    public func finish(_ summary: FlowSummary) throws {}

    /// An accepted row in canonical form, with its lineage.
    public func accept<Fields: ByteFields>(_ values: Fields, file: String, line: Int) throws {
        if let first = keys.firstOccurrence(values, file: file, line: line) {
            duplicates += 1
            let key = primaryKeyFields.map { index in values.withField(index) { String(decoding: $0, as: UTF8.self) } }.joined(separator: ", ")
            tally.addRow([FindingCatalog.finding(.duplicateAcrossUnits, at: Location(unit: currentUnit, file: file, line: line),
                                                 value: personalKey ? Masking.mask(key) : key, detail: "first at \(first)",
                                                 severity: dataset.severity(of: .duplicateAcrossUnits))])
            try duplicatesWriter.write(values, lineage: (file, line), extra: [FindingCode.duplicateAcrossUnits.rawValue, first])
            return
        }
        rowsPerUnit[currentUnit, default: 0] += 1
        if needsNeutralizing(values) {
            sharedRow.removeAll()
            for index in 0..<values.count {
                values.withField(index) { bytes in
                    if sharedTextFields.contains(index), let first = bytes.first, PrivacyCheck.startsFormula(first) {
                        sharedNeutralized += 1
                        sharedRow.append(PrivacyCheck.neutralizeFormula(String(decoding: bytes, as: UTF8.self)).value)
                    } else {
                        sharedRow.append(bytes)
                    }
                }
            }
            try sharedData.writer.write(sharedRow, extra: unitRow)
        } else {
            try sharedData.writer.write(values, extra: unitRow)
        }
        for index in aggregates.indices { aggregates[index].add(values) }
        if let openData {
            openRow.removeAll()
            for index in openFields {
                let sanitized = values.withField(index) { bytes -> String? in
                    sanitize(bytes, field: index, file: file, line: line)
                }
                if let sanitized { openRow.append(sanitized) } else { values.withField(index) { openRow.append($0) } }
            }
            try openData.writer.write(openRow, extra: unitRow)
        }
    }

    /// A text cell of the row starts like a spreadsheet formula: one first byte per text field.
    @inline(__always)
    private func needsNeutralizing<Fields: ByteFields>(_ values: Fields) -> Bool {
        for index in sharedTextFields where values.withField(index, { $0.first.map(PrivacyCheck.startsFormula) ?? false }) {
            return true
        }
        return false
    }

    /// The open value when it must change (personal-looking data masked, a formula neutralized), else nil.
    private func sanitize(_ bytes: UnsafeBufferPointer<UInt8>, field index: Int, file: String, line: Int) -> String? {
        var value: String? = nil
        if freeText[index], PrivacyCheck.mayHoldPersonalData(bytes) {
            let (masked, changed) = PrivacyCheck.maskPersonalData(String(decoding: bytes, as: UTF8.self))
            if changed {
                value = masked
                openMasked += 1
                privacyFinding(.personalDataInOpenText, file: file, line: line, field: index)
            }
        }
        if textFields[index], let first = value?.utf8.first ?? bytes.first, PrivacyCheck.startsFormula(first) {
            value = "'" + (value ?? String(decoding: bytes, as: UTF8.self))
            openNeutralized += 1
            privacyFinding(.formulaNeutralized, file: file, line: line, field: index)
        }
        return value
    }

    /// Completes the bundles for the night: gates first, then the shared bundle, then the open one
    /// unless a gate withholds it. `contributions` are the units in the order their rows came.
    public func finish(contributions: [UnitContribution]) throws -> BundleReport {
        try duplicatesFile.commit()
        try shared.endData(sharedData)
        if let openData { try open.endData(openData) }
        for aggregate in aggregates {
            let schema = aggregate.schema(of: dataset)
            let data = try open.beginData(name: aggregate.spec.name, title: aggregate.spec.title, schema: schema)
            for row in aggregate.rows() { try data.writer.write(row) }
            try open.endData(data)
        }

        let fed = contributions.filter { $0.kind != .missing }
        var combined = tally
        for contribution in fed { if let report = contribution.quality { combined.merge(report.tally) } }
        let quality = bundleQuality(contributions: contributions, tally: combined)
        let withheld = gates(quality: quality, contributions: fed)
        let sources = fed.map { contribution in
            DataPackage.Source(title: contribution.unit.name, unit: contribution.unit.id, agencyCode: contribution.unit.agencyCode,
                               rows: rowsPerUnit[contribution.unit.id] ?? 0, asOf: contribution.dataAsOf ?? asOf.description,
                               carriedForward: contribution.kind == .carriedForward ? true : nil)
        }
        // The quality summary holds counts only, no example values, so both sides can carry it.
        let qualityJSON = try JSONOutput.encode(quality)
        var outputs = [try complete(shared, sources: sources, quality: quality, qualityJSON: qualityJSON)]
        if withheld.isEmpty {
            outputs.append(try complete(open, sources: sources, quality: quality, qualityJSON: qualityJSON))
        } else {
            open.abandon()
        }
        for side in BundleSide.allCases {
            let folder = workspace.bundle(side, dataset.id, asOf: asOf).deletingLastPathComponent()
            try Retention.prune(folder: folder, dataset: dataset.id, keep: config.pipeline.retention)
            FileSystem.removeIfEmpty(folder)
        }
        let report = BundleReport(dataset: dataset.id, asOf: asOf.description, quality: quality, outputs: outputs,
                                  openWithheld: withheld, findings: tally, openMasked: openMasked, openNeutralized: openNeutralized)
        try JSONOutput.write(report, to: workspace.bundleReport(dataset.id))
        return report
    }

    // MARK: - Parts of finishing

    private func complete(_ archive: BundleArchive, sources: [DataPackage.Source], quality: BundleQuality,
                          qualityJSON: [UInt8]) throws -> BundleReport.Output {
        let publisher = config.pipeline.publisher
        let side = archive.side
        let license = side == .open
            ? DataPackage.License(name: "other-at", title: "Điều 18 Nghị định 47/2020/NĐ-CP: tự do sử dụng, ghi rõ nguồn (xem README.md)")
            : DataPackage.License(name: "other-closed", title: "Chỉ chia sẻ giữa các cơ quan nhà nước theo Nghị định 47/2020/NĐ-CP (xem README.md)")
        let package = DataPackage(
            name: dataset.id, id: "\(dataset.id)/\(side.rawValue)/\(asOf)",
            title: dataset.title + (side == .open ? " (dữ liệu mở)" : " (dữ liệu dùng chung)"),
            description: dataset.description, keywords: dataset.keywords, version: asOf.description, created: "\(asOf)T00:00:00Z",
            classification: side, licenses: [license], sources: sources,
            contributors: [.init(title: publisher.name, role: "publisher")], resources: archive.resources,
            formulaNeutralization: .init(cells: side == .open ? openNeutralized : sharedNeutralized), quality: quality)
        let readme = BundleReadme.render(dataset: dataset, side: side, package: package, publisher: publisher,
                                         fileName: archive.url.lastPathComponent)
        return try archive.finish(package: package, readme: readme, quality: qualityJSON)
    }

    private func gates(quality: BundleQuality, contributions: [UnitContribution]) -> [WithheldReason] {
        var withheld: [WithheldReason] = []
        let gates = config.pipeline.gates
        if let block = gates.blockGrade, quality.grade >= block {
            withheld.append(.grade(quality.grade, limit: block))
        }
        let extracted = quality.rows.extracted
        let rejectedShare = extracted == 0 ? 0 : Double(quality.rows.rejected) / Double(extracted)
        if rejectedShare > gates.maxRejectedShare {
            withheld.append(.rejectedShare(rejectedShare, limit: gates.maxRejectedShare))
        }
        for contribution in contributions where contribution.quality?.blocked == true {
            withheld.append(.exportIncomplete(unit: contribution.unit.id))
        }
        return withheld
    }

    private func bundleQuality(contributions: [UnitContribution], tally: FindingTally) -> BundleQuality {
        let reports = contributions.filter { $0.kind != .missing }.compactMap(\.quality)
        let rows = reports.map(\.rows).reduce(RowAccount(), +)
        let score = QualityScore(tally: tally, rowsRead: rows.read, fileLevelError: reports.contains(where: \.blocked))
        let newest = reports.compactMap(\.newestRecordDate).max()
        let stale = newest.flatMap { CivilDate(iso: $0) }.map { asOf.daysSinceEpoch - $0.daysSinceEpoch > BundleStage.openDataWindowDays } ?? true
        var findings: [String: Int] = [:]
        for summary in tally.summaries { findings[summary.code.rawValue] = summary.count }
        let units = reports.map { report in
            BundleQuality.UnitLine(unit: report.unit, unitName: report.unitName, asOf: report.asOf, rows: report.rows,
                                   grade: report.score.grade, overall: report.score.overall, scores: report.score.scores,
                                   blocked: report.blocked)
        }
        let missing = contributions.filter { $0.kind == .missing }.map(\.line)
        return BundleQuality(asOf: asOf.description, grade: score.grade, overall: score.overall, scores: score.scores, rows: rows,
                             rowsBundled: rowsPerUnit.values.reduce(0, +), duplicatesAcrossUnits: duplicates, newestRecordDate: newest,
                             stale: stale, units: units, missingUnits: missing.isEmpty ? nil : missing,
                             formulaCellsNeutralized: ["shared": sharedNeutralized, "open": openNeutralized], findings: findings)
    }

    private func privacyFinding(_ code: FindingCode, file: String, line: Int, field: Int) {
        tally.addRow([FindingCatalog.finding(code, at: Location(unit: currentUnit, file: file, line: line, field: dataset.fields[field].name),
                                             severity: dataset.severity(of: code))])
    }
}

/// The keys a merged table must keep unique (primary key and unique fields), across units. Each
/// key is kept as a 64-bit hash with where it was first seen, packed as file number and line.
final class KeyIndex {
    private let keySets: [[Int]]
    private let seen: [FirstSeenTable]
    private var hashes: [UInt64] = []

    init(schema: DatasetSchema) {
        let primary = schema.primaryKey.compactMap(schema.fieldIndex)
        var sets: [[Int]] = primary.isEmpty ? [] : [primary]
        for (index, field) in schema.fields.enumerated() where field.unique && primary != [index] { sets.append([index]) }
        keySets = sets
        seen = sets.map { _ in FirstSeenTable() }
    }

    /// Where a row with one of these keys was first seen (`file:line`), or nil, and then the row's keys are taken.
    func firstOccurrence<Fields: ByteFields>(_ values: Fields, file: String, line: Int) -> String? {
        hashes.removeAll(keepingCapacity: true)
        for (index, fields) in keySets.enumerated() {
            guard !fields.contains(where: { field in values.withField(field) { $0.isEmpty } }) else { hashes.append(0); continue }
            let hash = UniquenessCheck.hash(fields, of: values)
            if let first = seen[index].position(of: hash) { return first }
            hashes.append(hash)
        }
        for (index, hash) in hashes.enumerated() where hash != 0 { seen[index].insert(hash, file: file, line: line) }
        return nil
    }
}
