import Foundation

/// Where records go next. In `kdl-run` the extract stage feeds validation directly, so rows are
/// parsed once; alone, each stage reads the previous stage's CSV into the same sink.
public protocol RecordSink: AnyObject {
    func accept(_ record: Record) throws
}

/// Reads a stage's CSV output (`extracted.csv`, `validated.csv`) back into records: the dataset's
/// fields by header name, lineage from `_src`.
public enum WorkFileReader {
    public static func read(_ url: URL, schema: DatasetSchema, into sink: RecordSink) throws -> Int {
        let reader = CSVReader(stream: try FileByteStream(path: url.path), delimiter: UInt8(ascii: ","))
        guard let header = try reader.next() else { return 0 }
        let positions = schema.fields.map { field in header.fields.firstIndex(of: field.name) }
        let sourceColumn = header.fields.firstIndex(of: "_src")
        var row = CSVReader.Row()
        var count = 0
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
            try sink.accept(Record(values: values, file: file, line: line))
            count += 1
        }
        return count
    }
}
