import Foundation

/// Extract: reads a unit's exports for one dataset and writes `extracted.csv` (values as found,
/// transcoded to UTF-8, with lineage `_src`), `unreadable.csv` (rows that could not be read, with
/// the reason) and `extract.json`.
public enum ExtractStage {
    /// Extracts and, when `downstream` is given, hands each record on as it is written.
    public static func run(unit: UnitConfig, dataset: DatasetSchema, config: Configuration, workspace: Workspace,
                           asOf: CivilDate, downstream: RecordSink? = nil) throws -> ExtractReport {
        var report = ExtractReport(unit: unit.id, dataset: dataset.id, asOf: asOf.description)
        let extracted = try AtomicFile(workspace.extracted(unit.id, dataset.id))
        let unreadable = try AtomicFile(workspace.unreadable(unit.id, dataset.id))
        let records = CSVWriter(file: extracted)
        let rejects = CSVWriter(file: unreadable)
        try records.write(dataset.fields.map(\.name), extra: ["_src"])
        try rejects.write(["_src", "_errors", "_raw"])

        let inputs = files(for: unit, dataset: dataset.id, workspace: workspace)
        if inputs.isEmpty {
            report.fileFindings.append(FindingCatalog.finding("no-input", at: Location(unit: unit.id, file: "\(unit.id)/"),
                                                              detail: "no file matches \(patterns(unit, dataset.id))"))
        }
        for (url, source) in inputs {
            let path = "\(unit.id)/\(url.lastPathComponent)"
            let mapper = ColumnMapper(schema: dataset, explicitColumns: source.columns)
            let reader: SourceReader
            do {
                reader = isXML(url, source)
                    ? try XMLSourceReader(url: url, path: path, unit: unit.id, source: source, schema: dataset, mapper: mapper, limits: config.pipeline.limits)
                    : try CSVSourceReader(url: url, path: path, unit: unit.id, source: source, schema: dataset, mapper: mapper, limits: config.pipeline.limits)
            } catch let error as ReadError {
                report.fileFindings.append(FindingCatalog.finding(error.code, at: Location(unit: unit.id, file: path), detail: error.message))
                continue
            }
            do {
                while let item = try reader.next() {
                    switch item {
                    case .record(let record):
                        try records.write(record.values, extra: [record.source])
                        try downstream?.accept(record)
                    case .unreadable(let row):
                        try rejects.write([row.source, row.code, row.text])
                        let (file, line) = Record(values: [], source: row.source).position
                        report.rowFindings.addUnreadableRow(FindingCatalog.finding(
                            row.code, at: Location(unit: unit.id, file: file, line: line), severity: dataset.severity(of: row.code)))
                    }
                }
            } catch let error as ReadError {
                // The file broke off (corrupt compression, a limit): what was read stays, the rest is reported.
                report.fileFindings.append(FindingCatalog.finding(error.code, at: Location(unit: unit.id, file: path), detail: error.message))
            }
            report.fileFindings += reader.findings
            let file = reader.report
            report.files.append(file)
            report.rowsRead += file.rowsRead
            report.rowsExtracted += file.rowsExtracted
            report.rowsUnreadable += file.rowsUnreadable
        }
        try extracted.commit()
        try unreadable.commit()
        try JSONOutput.write(report, to: workspace.extractReport(unit.id, dataset.id))
        return report
    }

    /// The unit's inbox files each source of the dataset matches, by name, each file once.
    public static func files(for unit: UnitConfig, dataset: String, workspace: Workspace) -> [(URL, UnitSource)] {
        let folder = workspace.unitInbox(unit.id)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        var taken = Set<String>()
        var result: [(URL, UnitSource)] = []
        for source in unit.sources where source.dataset == dataset {
            for name in names where !taken.contains(name) && !name.hasPrefix(".") && matches(name, source.files) {
                taken.insert(name)
                result.append((folder.appendingPathComponent(name), source))
            }
        }
        return result
    }

    /// Glob match on the file name, also accepting a `.gz` version of a matching name.
    static func matches(_ name: String, _ pattern: String) -> Bool {
        if fnmatch(pattern, name, 0) == 0 { return true }
        if name.hasSuffix(".gz") { return fnmatch(pattern, String(name.dropLast(3)), 0) == 0 }
        return false
    }

    private static func isXML(_ url: URL, _ source: UnitSource) -> Bool {
        switch source.format {
        case .xml: return true
        case .csv: return false
        case .auto:
            let name = url.lastPathComponent.lowercased()
            return name.hasSuffix(".xml") || name.hasSuffix(".xml.gz")
        }
    }

    private static func patterns(_ unit: UnitConfig, _ dataset: String) -> String {
        unit.sources.filter { $0.dataset == dataset }.map(\.files).joined(separator: ", ")
    }
}
