import Foundation

/// A CSV file of a bundle, written before the ZIP so its hash and size can go into the descriptor.
struct BundleResource {
    var name: String
    var title: String
    var file: URL
    var sha256: String
    var bytes: Int64
    var rows: Int
    var schema: TableSchema
}

/// A CSV written to disk while its SHA-256 and size are computed.
final class HashedCSVFile {
    let url: URL
    private let file: AtomicFile
    private(set) var hasher = SHA256()
    private(set) var writer: CSVWriter!

    init(_ url: URL) throws {
        self.url = url
        file = try AtomicFile(url)
        writer = CSVWriter { [unowned self] bytes in
            hasher.update(bytes)
            try file.write(bytes)
        }
    }

    /// Commits the file and describes it as a resource.
    func finish(name: String, title: String, schema: TableSchema) throws -> BundleResource {
        try file.commit()
        return BundleResource(name: name, title: title, file: url, sha256: hasher.finalizeHex(), bytes: file.count,
                              rows: writer.rows - 1, schema: schema)
    }
}

/// Merges the units' normalized rows for one dataset: once-only across units, the shared table,
/// and the open table (sanitized) or the open aggregates.
final class Merge {
    private(set) var shared: BundleResource!
    private(set) var open: [BundleResource] = []
    private(set) var tally = FindingTally()
    private(set) var rowsPerUnit: [String: Int] = [:]
    private(set) var rowsBundled = 0
    private(set) var duplicates = 0
    private(set) var openMasked = 0
    private(set) var openNeutralized = 0

    init(dataset: DatasetSchema, workspace: Workspace, units: [UnitConfig]) throws {
        let folder = workspace.bundleWork(dataset.id)
        let names = dataset.fields.map(\.name)
        let sharedFile = try HashedCSVFile(folder.appendingPathComponent("shared.csv"))
        try sharedFile.writer.write(names, extra: [BundleStage.unitColumn, BundleStage.lineageColumn])
        let duplicatesFile = try AtomicFile(folder.appendingPathComponent("duplicates.csv"))
        let duplicatesWriter = CSVWriter(file: duplicatesFile)
        try duplicatesWriter.write(names, extra: ["_src", "_errors", "_first"])

        let openFields = dataset.fields.indices.filter { dataset.fields[$0].classification == .open }
        let freeText = Set(openFields.filter { dataset.fields[$0].role == .freeText })
        let textFields = Set(openFields.filter { dataset.fields[$0].type == .string })
        let openFile: HashedCSVFile? = dataset.openData.mode == .fields ? try HashedCSVFile(folder.appendingPathComponent("open.csv")) : nil
        try openFile?.writer.write(openFields.map { names[$0] }, extra: [BundleStage.unitColumn])
        var aggregates = dataset.openData.mode == .aggregate ? dataset.openData.aggregates.map { OpenAggregate(spec: $0, schema: dataset) } : []

        let keys = KeyIndex(schema: dataset)
        var openRow: [String] = []
        for unit in units {
            let input = workspace.normalized(unit.id, dataset.id)
            guard FileManager.default.fileExists(atPath: input.path) else { continue }
            let reader = CSVReader(stream: try FileByteStream(path: input.path), delimiter: UInt8(ascii: ","))
            guard let header = try reader.next() else { continue }
            let positions = names.map { header.fields.firstIndex(of: $0) }
            let sourceColumn = header.fields.firstIndex(of: "_src")
            var row = CSVReader.Row()
            var bundled = 0
            while try reader.next(into: &row) {
                let values = positions.map { $0.map { row.fields[$0] } ?? "" }
                let source = sourceColumn.map { row.fields[$0] } ?? ""
                if let first = keys.firstOccurrence(values, source: source) {
                    duplicates += 1
                    let (file, line) = Record(values: [], source: source).position
                    let key = dataset.primaryKey.compactMap(dataset.fieldIndex).map { values[$0] }.joined(separator: ", ")
                    let personal = dataset.primaryKey.contains { dataset.field($0)?.classification == .personal }
                    tally.addRow([FindingCatalog.finding("duplicate-across-units", at: Location(unit: unit.id, file: file, line: line),
                                                         value: personal ? Masking.mask(key) : key, detail: "first at \(first)",
                                                         severity: dataset.severity(of: "duplicate-across-units"))])
                    try duplicatesWriter.write(values, extra: [source, "duplicate-across-units", first])
                    continue
                }
                bundled += 1
                try sharedFile.writer.write(values, extra: [unit.id, source])
                for index in aggregates.indices { aggregates[index].add(values) }
                if let openFile {
                    openRow.removeAll(keepingCapacity: true)
                    for index in openFields {
                        var value = values[index]
                        if freeText.contains(index) {
                            let (masked, changed) = PrivacyCheck.maskPersonalData(value)
                            if changed {
                                value = masked
                                openMasked += 1
                                privacyFinding("personal-data-in-open-text", dataset: dataset, unit: unit.id, source: source, field: names[index])
                            }
                        }
                        if textFields.contains(index) {
                            let (safe, changed) = PrivacyCheck.neutralizeFormula(value)
                            if changed {
                                value = safe
                                openNeutralized += 1
                                privacyFinding("formula-neutralized", dataset: dataset, unit: unit.id, source: source, field: names[index])
                            }
                        }
                        openRow.append(value)
                    }
                    try openFile.writer.write(openRow, extra: [unit.id])
                }
            }
            rowsPerUnit[unit.id] = bundled
            rowsBundled += bundled
        }
        try duplicatesFile.commit()

        let key = Set(dataset.primaryKey)
        let sharedSchema = TableSchema(
            fields: dataset.fields.map { TableSchema.Field($0, isKey: key.contains($0.name)) } + Merge.lineageFields(open: false),
            primaryKey: dataset.primaryKey.isEmpty ? nil : dataset.primaryKey)
        shared = try sharedFile.finish(name: dataset.id, title: dataset.title, schema: sharedSchema)

        if let openFile {
            let openKey = dataset.primaryKey.allSatisfy { dataset.field($0)?.classification == .open } && !dataset.primaryKey.isEmpty
            let schema = TableSchema(fields: openFields.map { TableSchema.Field(dataset.fields[$0], isKey: openKey && key.contains(names[$0])) }
                                         + Merge.lineageFields(open: true),
                                     primaryKey: openKey ? dataset.primaryKey : nil)
            open = [try openFile.finish(name: dataset.id, title: dataset.title, schema: schema)]
        }
        for aggregate in aggregates {
            let file = try HashedCSVFile(folder.appendingPathComponent("open-\(aggregate.spec.name).csv"))
            let schema = aggregate.schema(of: dataset)
            try file.writer.write(schema.fields.map(\.name))
            for row in aggregate.rows() { try file.writer.write(row) }
            open.append(try file.finish(name: aggregate.spec.name, title: aggregate.spec.title, schema: schema))
        }
    }

    private func privacyFinding(_ code: String, dataset: DatasetSchema, unit: String, source: String, field: String) {
        let (file, line) = Record(values: [], source: source).position
        tally.addRow([FindingCatalog.finding(code, at: Location(unit: unit, file: file, line: line, field: field),
                                             severity: dataset.severity(of: code))])
    }

    static func lineageFields(open: Bool) -> [TableSchema.Field] {
        let unit = TableSchema.Field(name: BundleStage.unitColumn, title: "Nguồn dữ liệu",
                                     description: "Đơn vị cung cấp bản ghi (mã đơn vị trong pipelines/units).",
                                     type: .string, classification: .open, required: true)
        guard !open else { return [unit] }
        let line = TableSchema.Field(name: BundleStage.lineageColumn, title: "Dòng nguồn",
                                     description: "Tệp và dòng của bản ghi trong tệp xuất của đơn vị.",
                                     type: .string, classification: .shared, required: true)
        return [unit, line]
    }
}

/// The keys a merged table must keep unique (primary key and unique fields), across units.
final class KeyIndex {
    private let keySets: [[Int]]
    private var seen: [[UInt64: String]]

    init(schema: DatasetSchema) {
        let primary = schema.primaryKey.compactMap(schema.fieldIndex)
        var sets: [[Int]] = primary.isEmpty ? [] : [primary]
        for (index, field) in schema.fields.enumerated() where field.unique && primary != [index] { sets.append([index]) }
        keySets = sets
        seen = sets.map { _ in [:] }
    }

    /// Where a row with one of these keys was first seen, or nil (and the row's keys are taken).
    func firstOccurrence(_ values: [String], source: String) -> String? {
        var hashes: [UInt64] = []
        for (index, fields) in keySets.enumerated() {
            guard !fields.contains(where: { values[$0].isEmpty }) else { hashes.append(0); continue }
            let hash = UniquenessCheck.hash(fields.lazy.map { values[$0] })
            if let first = seen[index][hash] { return first }
            hashes.append(hash)
        }
        for (index, hash) in hashes.enumerated() where hash != 0 { seen[index][hash] = source }
        return nil
    }
}
