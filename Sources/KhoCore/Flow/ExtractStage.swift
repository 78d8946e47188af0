import Foundation

/// Extract: reads a unit's exports for one dataset and writes `extracted.csv` (values as found,
/// transcoded to UTF-8, with lineage `_src`), `unreadable.csv` (rows that could not be read, with
/// the reason) and `extract.json`.
public enum ExtractStage {
    /// Extracts and, when `downstream` is given, hands each record on as it is written. `listing`
    /// is what the run found when it started; without one, the inbox is listed now.
    public static func run(unit: UnitConfig, dataset: DatasetSchema, config: Configuration, workspace: Workspace,
                           asOf: CivilDate, listing given: InputListing? = nil, downstream: RecordSink? = nil) throws -> ExtractReport {
        var report = ExtractReport(unit: unit.id, dataset: dataset.id, asOf: asOf.description)
        let listing = try given ?? files(for: unit, dataset: dataset.id, workspace: workspace, quietPeriod: config.pipeline.quietPeriodSeconds)
        report.fileFindings += listing.findings
        // No export tonight: the unit's last files stay as they are, for carrying its rows forward.
        if listing.isEmpty {
            report.fileFindings.append(FindingCatalog.finding(.noInput, at: Location(unit: unit.id, file: "\(unit.id)/"),
                                                              detail: "no file matches \(patterns(unit, dataset.id))"))
            return report
        }
        let inputs = listing.inputs
        let extracted = try AtomicFile(workspace.extracted(unit.id, dataset.id))
        let unreadable = try AtomicFile(workspace.unreadable(unit.id, dataset.id))
        let records = CSVWriter(file: extracted)
        let rejects = CSVWriter(file: unreadable)
        try records.write(dataset.fields.map(\.name), extra: ["_src"])
        try rejects.write(["_src", "_errors", "_raw"])

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
                        try rejects.write([row.source, row.code.rawValue, row.text])
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
            // Bytes appended after the run started were not read; a change at all means the export
            // may be torn, so the unit's data is incomplete tonight.
            if let snapshot = input.snapshot, FileSnapshot.take(input.url.path) != snapshot {
                report.fileFindings.append(FindingCatalog.finding(.fileChangedDuringRead, at: Location(unit: unit.id, file: path),
                                                                  detail: snapshot.change(to: FileSnapshot.take(input.url.path))))
            }
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
    /// matches by name, each once, with their size and modification time now, and findings for
    /// archive members refused as unsafe and files too new to be complete.
    public static func files(for unit: UnitConfig, dataset: String, workspace: Workspace, quietPeriod: Double,
                             now: Date = Date()) throws -> InputListing {
        let folder = workspace.unitInbox(unit.id)
        let names = try FileSystem.names(in: folder).filter { !$0.hasPrefix(".") }
        let sources = unit.sources.filter { $0.dataset == dataset }
        var listing = InputListing()
        for name in names {
            let url = folder.appendingPathComponent(name)
            let isArchive = name.lowercased().hasSuffix(".zip")
            guard isArchive || sources.contains(where: { matches(name, $0.files) }) else { continue }
            let snapshot = FileSnapshot.take(url.path)
            // A file written moments ago may still be arriving: tonight it is not read at all.
            if let snapshot, now.timeIntervalSince(snapshot.modified) < quietPeriod {
                listing.findings.append(FindingCatalog.finding(.fileStillArriving, at: Location(unit: unit.id, file: "\(unit.id)/\(name)"),
                                                               detail: "modified \(Int(max(0, now.timeIntervalSince(snapshot.modified)))) s before the run; quiet period \(Int(quietPeriod)) s"))
                continue
            }
            if isArchive {
                let archive: ZipArchive
                do {
                    archive = try ZipArchive(path: url.path)
                } catch {
                    // What it held is unknown, so every dataset of the unit is incomplete.
                    listing.findings.append(FindingCatalog.finding(.fileUnreadable, at: Location(unit: unit.id, file: "\(unit.id)/\(name)"),
                                                                   detail: String(describing: error)))
                    continue
                }
                for member in archive.members where !member.isDirectory {
                    let base = member.name.split(separator: "/").last.map(String.init) ?? member.name
                    guard let source = sources.first(where: { matches(base, $0.files) }) else { continue }
                    let input = InputFile(url: url, unit: unit.id, member: member, snapshot: snapshot)
                    if member.hasSafeName {
                        listing.inputs.append((input, source))
                    } else {
                        listing.findings.append(FindingCatalog.finding(.archiveEntryUnsafe, at: Location(unit: unit.id, file: input.path), value: member.name))
                    }
                }
            } else if let source = sources.first(where: { matches(name, $0.files) }) {
                listing.inputs.append((InputFile(url: url, unit: unit.id, snapshot: snapshot), source))
            }
        }
        return listing
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

    static func patterns(_ unit: UnitConfig, _ dataset: String) -> String {
        unit.sources.filter { $0.dataset == dataset }.map(\.files).joined(separator: ", ")
    }
}

/// A unit's inputs for one dataset as listed when a run starts, and what was refused or put off.
public struct InputListing: Sendable {
    public var inputs: [(InputFile, UnitSource)] = []
    /// Unsafe archive members, unreadable archives, files still arriving.
    public var findings: [Finding] = []

    /// Nothing to read tonight, and nothing that was there but could not be read: the unit sent
    /// no export (files still arriving count as not sent yet).
    public var isEmpty: Bool {
        inputs.isEmpty && !findings.contains { $0.severity == .error }
    }
}
