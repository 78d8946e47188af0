import Foundation

/// A stage's CSV output read back (`extracted.csv`, `validated.csv`, `normalized.csv`): the
/// dataset's fields by header name, lineage from `_src`. `report` stands for what was read from
/// the inbox (the `extract.json` beside the file).
public struct WorkFileSource: RowSource {
    public let url: URL
    public let schema: DatasetSchema
    public let report: ExtractReport

    public init(url: URL, schema: DatasetSchema, report: ExtractReport) {
        self.url = url
        self.schema = schema
        self.report = report
    }

    public func read(_ take: (SourceItem) throws -> Void) throws -> ExtractReport {
        let reader = CSVReader(stream: try FileByteStream(path: url.path), delimiter: UInt8(ascii: ","))
        guard let header = try reader.next() else { return report }
        let positions = schema.fields.map { field in header.fields.firstIndex(of: field.name) }
        let sourceColumn = header.fields.firstIndex(of: "_src")
        var row = CSVReader.Row()
        var lastFile = ""
        while try reader.next(into: &row) {
            guard row.issue == nil, row.cells.count == header.cells.count else {
                throw ReadError(code: .fileUnreadable, message: "\(url.path):\(row.line): damaged work file; rerun the previous stage", line: row.line)
            }
            let values = row.cells.selecting(positions)
            var file = url.path, line = row.line
            if let sourceColumn {
                let (sourceFile, sourceLine) = Record.split(row.cells.string(sourceColumn))
                // Consecutive rows share a file: keep one string for it.
                if sourceFile != lastFile { lastFile = sourceFile }
                file = lastFile
                line = sourceLine ?? 0
            }
            try take(.record(Record(values: values, file: file, line: line)))
        }
        return report
    }
}
