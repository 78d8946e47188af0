import Foundation

/// A unit's exports for one dataset, as the inbox held them when the run started: each file read
/// by the reader its format needs, every row a record or an unreadable row with its reason.
public struct InboxSource: RowSource {
    public let unit: UnitConfig
    public let dataset: DatasetSchema
    public let listing: InputListing
    public let limits: ReadLimits
    public let asOf: CivilDate
    /// Rows and bytes read so far, for a progress display; nil when nobody watches.
    public var meter: ReadMeter?
    /// Told each workbook's sheet and columns once its header is found, before its first row
    /// goes on, so that the checks can name cells.
    public var cells: WorkbookCells?

    public init(unit: UnitConfig, dataset: DatasetSchema, listing: InputListing, limits: ReadLimits, asOf: CivilDate,
                meter: ReadMeter? = nil) {
        self.unit = unit
        self.dataset = dataset
        self.listing = listing
        self.limits = limits
        self.asOf = asOf
        self.meter = meter
    }

    public func read(_ take: (SourceItem) throws -> Void) throws -> ExtractReport {
        var report = ExtractReport(unit: unit.id, dataset: dataset.id, asOf: asOf.description)
        report.fileFindings += listing.findings
        if listing.isEmpty {
            report.fileFindings.append(FindingCatalog.finding(.noInput, at: Location(unit: unit.id, file: "\(unit.id)/"),
                                                              detail: "no file matches \(InboxListing.patterns(unit, dataset.id))"))
            return report
        }
        var bytesBefore: Int64 = 0
        for (input, source) in listing.inputs {
            let path = input.path
            let reader: SourceReader
            do {
                reader = try SourceFormats.reader(for: input, source: source, unit: unit.id, schema: dataset, limits: limits)
            } catch let error as ReadError {
                report.fileFindings.append(FindingCatalog.finding(error.code, at: Location(unit: unit.id, file: path), detail: error.message))
                continue
            }
            do {
                var learned = false
                while let item = try reader.next() {
                    if !learned, let cells { cells.learn(reader.report); learned = true }
                    if case .unreadable(let row) = item {
                        let (file, line) = Record.split(row.source)
                        report.rowFindings.addUnreadableRow(FindingCatalog.finding(
                            row.code, at: Location(unit: unit.id, file: file, line: line, field: row.field), detail: row.detail,
                            severity: dataset.severity(of: row.code)),
                            weights: dataset.scoreWeights)
                    }
                    try take(item)
                    meter?.advance(bytes: bytesBefore + reader.bytesRead)
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
            bytesBefore += file.bytes
            report.files.append(file)
            report.rowsRead += file.rowsRead
            report.rowsExtracted += file.rowsExtracted
            report.rowsUnreadable += file.rowsUnreadable
        }
        return report
    }
}
