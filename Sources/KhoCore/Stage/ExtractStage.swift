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

        let (inputs, refused) = files(for: unit, dataset: dataset.id, workspace: workspace)
        report.fileFindings += refused
        if inputs.isEmpty {
            report.fileFindings.append(FindingCatalog.finding("no-input", at: Location(unit: unit.id, file: "\(unit.id)/"),
                                                              detail: "no file matches \(patterns(unit, dataset.id))"))
        }
        for (input, source) in inputs {
            let path = input.path
            let mapper = ColumnMapper(schema: dataset, explicitColumns: source.columns)
            let reader: SourceReader
            do {
                reader = isXML(input, source)
                    ? try XMLSourceReader(input: input, unit: unit.id, source: source, schema: dataset, mapper: mapper, limits: config.pipeline.limits)
                    : try CSVSourceReader(input: input, unit: unit.id, source: source, schema: dataset, mapper: mapper, limits: config.pipeline.limits)
            } catch let error as ReadError {
                report.fileFindings.append(FindingCatalog.finding(error.code, at: Location(unit: unit.id, file: path), detail: error.message))
                continue
            }
            do {
                while let item = try reader.next() {
                    switch item {
                    case .record(let record):
                        try records.write(record.values, lineage: (record.file, record.line))
                        try downstream?.accept(record)
                    case .unreadable(let row):
                        try rejects.write([row.source, row.code, row.text])
                        let (file, line) = Record.split(row.source)
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

    /// The unit's inbox files (and members of ZIP archives there) that each source of the dataset
    /// matches by name, each once, with findings for archive members refused as unsafe.
    public static func files(for unit: UnitConfig, dataset: String, workspace: Workspace) -> ([(InputFile, UnitSource)], [Finding]) {
        let folder = workspace.unitInbox(unit.id)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().filter { !$0.hasPrefix(".") }
        let sources = unit.sources.filter { $0.dataset == dataset }
        var result: [(InputFile, UnitSource)] = []
        var refused: [Finding] = []
        for name in names {
            let url = folder.appendingPathComponent(name)
            if name.lowercased().hasSuffix(".zip") {
                let archive: ZipArchive
                do {
                    archive = try ZipArchive(path: url.path)
                } catch {
                    // What it held is unknown, so every dataset of the unit is incomplete.
                    refused.append(FindingCatalog.finding("file-unreadable", at: Location(unit: unit.id, file: "\(unit.id)/\(name)"),
                                                          detail: String(describing: error)))
                    continue
                }
                for member in archive.members where !member.isDirectory {
                    let base = member.name.split(separator: "/").last.map(String.init) ?? member.name
                    guard let source = sources.first(where: { matches(base, $0.files) }) else { continue }
                    let input = InputFile(url: url, unit: unit.id, member: member)
                    if member.hasSafeName {
                        result.append((input, source))
                    } else {
                        refused.append(FindingCatalog.finding("archive-entry-unsafe", at: Location(unit: unit.id, file: input.path), value: member.name))
                    }
                }
            } else if let source = sources.first(where: { matches(name, $0.files) }) {
                result.append((InputFile(url: url, unit: unit.id), source))
            }
        }
        return (result, refused)
    }

    /// Glob match on the file name, also accepting a `.gz` version of a matching name.
    static func matches(_ name: String, _ pattern: String) -> Bool {
        if fnmatch(pattern, name, 0) == 0 { return true }
        if name.hasSuffix(".gz") { return fnmatch(pattern, String(name.dropLast(3)), 0) == 0 }
        return false
    }

    private static func isXML(_ input: InputFile, _ source: UnitSource) -> Bool {
        switch source.format {
        case .xml: return true
        case .csv: return false
        case .auto: return input.formatName.hasSuffix(".xml")
        }
    }

    private static func patterns(_ unit: UnitConfig, _ dataset: String) -> String {
        unit.sources.filter { $0.dataset == dataset }.map(\.files).joined(separator: ", ")
    }
}
