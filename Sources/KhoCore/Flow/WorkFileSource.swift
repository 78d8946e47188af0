import Foundation

/// A stage's CSV output read back (`extracted.csv`, `normalized.csv`): the dataset's fields by
/// header name, lineage from `_src`. `report` stands for what was read from the inbox (the
/// `extract.json` beside the file). With `accepted` (a `validated.csv`), only the rows of
/// `extracted.csv` that index names: the accepted rows, for `kdl-normalize`.
public struct WorkFileSource: RowSource {
    public let url: URL
    public let schema: DatasetSchema
    public let report: ExtractReport
    public let accepted: URL?

    public init(url: URL, schema: DatasetSchema, report: ExtractReport, accepted: URL? = nil) {
        self.url = url
        self.schema = schema
        self.report = report
        self.accepted = accepted
    }

    public func read(_ take: (SourceItem) throws -> Void) throws -> ExtractReport {
        let index = try accepted.map(VerdictIndex.init)
        var wanted = try index?.next()
        let reader = CSVReader(stream: try FileByteStream(path: url.path), delimiter: UInt8(ascii: ","))
        guard let header = try reader.next() else {
            if let index, let wanted { throw index.beyondEnd(wanted, rows: 0) }
            return report
        }
        let positions = schema.fields.map { field in header.fields.firstIndex(of: field.name) }
        let sourceColumn = header.fields.firstIndex(of: "_src")
        var row = CSVReader.Row()
        var lastFile = ""
        var number = 0
        while try reader.next(into: &row) {
            guard row.issue == nil, row.cells.count == header.cells.count else {
                throw ReadError(code: .fileUnreadable, message: "\(url.path):\(row.line): damaged work file; rerun the previous stage", line: row.line)
            }
            number += 1
            var entry: VerdictIndex.Entry?
            if let index {
                guard let next = wanted else { break }
                guard next.row == number else { continue }
                entry = next
                wanted = try index.next()
            }
            let values = row.cells.selecting(positions)
            var file = url.path, line = row.line
            if let sourceColumn {
                let source = row.cells.string(sourceColumn)
                if let index, let entry, entry.source != source { throw index.otherRow(entry, found: source) }
                let (sourceFile, sourceLine) = Record.split(source)
                // Consecutive rows share a file: keep one string for it.
                if sourceFile != lastFile { lastFile = sourceFile }
                file = lastFile
                line = sourceLine ?? 0
            }
            if let index, let entry, RecordFingerprint.of(values) != entry.hash { throw index.otherValues(entry) }
            try take(.record(Record(values: values, file: file, line: line)))
        }
        if let index, let wanted { throw index.beyondEnd(wanted, rows: number) }
        return report
    }
}
