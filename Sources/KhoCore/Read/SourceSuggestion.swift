import Foundation

/// A first draft of a `pipelines/units/` source entry for an unfamiliar export: what the readers
/// detect (encoding, delimiter, header row, or the XML record element), which dataset and
/// dictionary fields its columns match through their aliases (accents, case and spacing ignored),
/// whether that dataset fits at all, and a sample of the columns' values for drafting one that does.
public struct SourceSuggestion: Sendable {
    public struct Column: Sendable, Equatable {
        public var column: String
        public var field: String?
    }

    public var file: String
    public var format: String
    public var encoding: String
    public var confidence: Double
    public var evidence: String
    public var delimiter: String?
    public var headerRow: Int?
    public var recordPath: String?
    /// For a workbook with several sheets: the sheet read (the first visible one).
    public var sheet: String?
    /// The dataset whose fields the columns match best, whether or not it fits.
    public var dataset: String?
    public var columns: [Column]
    /// The dataset's required fields (and key fields) no column feeds.
    public var missingRequired: [String]
    /// What the run will refuse in this file whatever the entry says (a DOCTYPE).
    public var warnings: [Message] = []
    /// How many of the dataset's fields the columns feed, and how many it has.
    public var matchedFields = 0
    public var datasetFields = 0
    /// The header's columns (or the records' keys) with their first values.
    public var sample = ExportSample()

    /// The dataset can take the file: its header is found as the run finds it (two fields named,
    /// or one of a dataset of one or two) and every required field has a column. Otherwise every
    /// row would be rejected, or the header not found.
    public var fits: Bool {
        dataset != nil && matchedFields >= min(2, datasetFields) && missingRequired.isEmpty
    }

    /// The draft entry as JSON, ready to paste into `sources` of a unit file.
    public var json: String {
        var entry: [(String, String)] = []
        let quoted = JSONOutput.quoted
        entry.append(("dataset", quoted(dataset ?? "?")))
        entry.append(("files", quoted(FileNamePattern.glob(for: file))))
        entry.append(("format", quoted(format)))
        if format != WorkbookFormat.name { entry.append(("encoding", quoted(encoding))) }
        if let headerRow { entry.append(("headerRow", String(headerRow))) }
        if let delimiter { entry.append(("delimiter", quoted(delimiter == "\t" ? "tab" : delimiter))) }
        if let recordPath { entry.append(("recordPath", quoted(recordPath))) }
        if let sheet { entry.append(("sheet", quoted(sheet))) }
        let mapped = columns.filter { $0.field != nil }
        let unmatched = columns.filter { $0.field == nil }.map(\.column)
        if !mapped.isEmpty {
            let pairs = mapped.map { "      \(quoted($0.column)): \(quoted($0.field ?? ""))" }.joined(separator: ",\n")
            entry.append(("columns", "{\n\(pairs)\n    }"))
        }
        if !unmatched.isEmpty {
            let listed = unmatched.prefix(20).joined(separator: ", ") + (unmatched.count > 20 ? " … (\(unmatched.count))" : "")
            entry.append(("$comment", quoted("unmatched columns: " + listed)))
        }
        return "{\n" + entry.map { "    \(quoted($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// Bytes of the file read to sample it (detection itself looks at the first 64 KiB, as the run does).
    static let sampleBytes = 1 << 20

    /// Reads the start of `url` and drafts the source entry.
    public static func suggest(file url: URL, config: Configuration) throws -> SourceSuggestion {
        let input = InputFile(url: url, unit: "?")
        if input.formatName.hasSuffix(".xml") { return try suggestXML(input, url: url, config: config) }
        if WorkbookFormat.fileEndings.contains(where: input.formatName.hasSuffix) { return try suggestWorkbook(input, url: url, config: config) }
        let (stream, _) = try input.open(limits: config.pipeline.limits)
        let prefix = try stream.readPrefix(sampleBytes)
        let cut = try !stream.readPrefix(1).isEmpty
        // Encoding and delimiter from the same bytes the run decides them on, so both agree.
        let sniffed = Array(prefix.prefix(CSVSourceReader.sniffBytes))
        let detection = EncodingDetector.detect(sniffed)
        let decoded = try DecodingByteStream(source: MemoryByteStream(sniffed), encoding: detection.encoding).readPrefix(CSVSourceReader.sniffBytes * 2)
        let delimiter = DialectSniffer.delimiter(in: decoded)
        let text = NFCByteStream(source: DecodingByteStream(source: MemoryByteStream(prefix), encoding: detection.encoding))
        let reader = CSVReader(stream: text, delimiter: delimiter, maxRowBytes: config.pipeline.limits.maxLineBytes)
        var rows: [CSVReader.Row] = []
        let wanted = HeaderLocator.searchDepth + ExportSample.maxRows + 1
        while rows.count < wanted, let row = try reader.next() { rows.append(row) }
        // The sample's last row may be cut off where the bytes read end.
        if cut && rows.count < wanted && rows.count > 1 { rows.removeLast() }

        var suggestion = SourceSuggestion(file: url.lastPathComponent, format: "csv", encoding: detection.encoding.rawValue,
                                          confidence: detection.confidence, evidence: detection.evidence,
                                          delimiter: String(UnicodeScalar(delimiter)), headerRow: nil, recordPath: nil,
                                          dataset: nil, columns: [], missingRequired: [])
        suggestion.placeHeader(in: rows, config: config)
        return suggestion
    }

    /// The header among the first rows of a table (a CSV file or a sheet): the dataset whose fields
    /// the best header row names most often, among the columns looked at, and a sample under it.
    mutating func placeHeader(in rows: [CSVReader.Row], config: Configuration) {
        var suggestion = self
        defer { self = suggestion }
        let head = rows.prefix(HeaderLocator.searchDepth).map { row in
            var narrowed = row
            if row.cells.count > ExportSample.maxColumns { narrowed.cells = FieldRow(Array(row.fields.prefix(ExportSample.maxColumns))) }
            return narrowed
        }
        var best: (dataset: DatasetSchema, index: Int, score: Int)?
        for id in config.datasetIDs {
            guard let schema = config.datasets[id] else { continue }
            let mapper = ColumnMapper(schema: schema, explicitColumns: [])
            for (index, row) in head.enumerated() where row.issue == nil {
                let score = mapper.headerScore(row.fields)
                if score > (best?.score ?? 0) { best = (schema, index, score) }
            }
        }
        if let best {
            let header = head[best.index].fields.filter { !$0.allSatisfy(\.isWhitespace) }
            suggestion.compare(header, with: best.dataset)
        }
        // A row naming two fields of the nearest dataset is the header even when the dataset does
        // not fit; else the dictionary or the table's shape tells.
        let headerIndex = best.flatMap { $0.score >= min(2, $0.dataset.fields.count) ? $0.index : nil }
            ?? ExportSample.headerIndex(in: head, dictionary: ColumnMapper(schema: config.dictionary.asDataset, explicitColumns: []))
        if let headerIndex {
            suggestion.headerRow = rows[headerIndex].line
            suggestion.sample = ExportSample.csv(rows, headerIndex: headerIndex)
        }
        if best == nil { suggestion.columns = suggestion.sample.columns.map { Column(column: $0.name, field: nil) } }
    }

    /// Matches columns (header cells or XML keys) with a dataset's fields: which feeds which, and
    /// the required fields none feeds.
    private mutating func compare(_ names: [String], with schema: DatasetSchema) {
        let mapping = ColumnMapper(schema: schema, explicitColumns: []).map(header: names)
        dataset = schema.id
        datasetFields = schema.fields.count
        matchedFields = mapping.fieldForColumn.compactMap { $0 }.count
        columns = names.enumerated().map { column, name in
            Column(column: name, field: mapping.fieldForColumn[column].map { schema.fields[$0].name })
        }
        missingRequired = mapping.missingFields.map { schema.fields[$0] }
            .filter { $0.required || schema.primaryKey.contains($0.name) }.map(\.name)
    }

    /// For XML: the element with children or attributes that repeats most under one path is taken
    /// as the record; its keys (children, attributes, parent attributes) are matched like column
    /// headers.
    private static func suggestXML(_ input: InputFile, url: URL, config: Configuration) throws -> SourceSuggestion {
        let (stream, _) = try input.open(limits: config.pipeline.limits)
        let prefix = try stream.readPrefix(sampleBytes)
        // The tag scan reads bytes as ASCII: a UTF-16 document is scanned in UTF-8.
        let detected = XMLEncodingDetector.detect(prefix)
        var text = prefix
        if let detected, detected.encoding != .utf8 {
            text = try DecodingByteStream(source: MemoryByteStream(prefix), encoding: detected.encoding).readPrefix(prefix.count * 2)
        }
        if text.starts(with: TextEncoding.utf8.byteOrderMark) { text.removeFirst(3) }
        // Bytes that do not begin like a document would be scanned for tags in noise.
        let begins = text.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        let looksLikeXML = begins == nil || begins == UInt8(ascii: "<")
        let paths = looksLikeXML ? try XMLStartTags.elementPaths(in: text, maxDepth: config.pipeline.limits.maxXMLDepth) : [:]
        let recordPath = paths.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        // Where libxml2 cannot tell the encoding (UTF-16 with neither mark nor declaration), the
        // entry names it, as the run then needs.
        let named = detected.flatMap { $0.parserDetects ? nil : $0.encoding.rawValue }
        var suggestion = SourceSuggestion(file: url.lastPathComponent, format: "xml", encoding: named ?? "auto", confidence: 1,
                                          evidence: detected?.evidence ?? "XML declaration or UTF-8", delimiter: nil, headerRow: nil,
                                          recordPath: recordPath, dataset: nil, columns: [], missingRequired: [])
        if !looksLikeXML {
            suggestion.warnings.append(Message(
                vi: "tệp không bắt đầu như một tài liệu XML (ký tự đầu không phải \"<\"): lần chạy sẽ coi là XML hỏng (xml-malformed).",
                en: "the file does not begin like an XML document (its first character is not \"<\"): the run will find it malformed (xml-malformed)."))
        }
        // The run looks for a DOCTYPE in the same bytes and refuses the whole file when it finds one.
        if XMLSourceReader.declaresDTD(Array(prefix.prefix(XMLSourceReader.prologBytes))) {
            suggestion.warnings.append(Message(
                vi: "tệp khai báo DOCTYPE nên lần chạy sẽ từ chối cả tệp (xml-dtd-refused): không bao giờ nạp DTD hay thực thể, vì đó là cách các tấn công XML bắt đầu (billion laughs, thực thể ngoài đọc tệp của máy chủ). Mọi bản ghi sẽ vào unreadable.csv; hãy đề nghị đơn vị xuất lại không có DOCTYPE.",
                en: "the file declares a DOCTYPE, so the run will refuse the whole file (xml-dtd-refused): it never loads a DTD or an entity, since that is how XML attacks start (billion laughs, external entities reading the server's files). Every record would go to unreadable.csv; ask the unit to export without the DOCTYPE."))
        }
        guard let recordPath else { return suggestion }
        let memory = MemoryByteStream(prefix)
        let records = XMLRecordReader(recordPath: recordPath, maxDepth: config.pipeline.limits.maxXMLDepth,
                                      documentName: url.lastPathComponent, encoding: named) { try memory.read(into: $0) }
        suggestion.sample = ExportSample.xml(records)
        if suggestion.warnings.isEmpty, let failure = records.failure, failure.code == .xmlDtdRefused {
            suggestion.warnings.append(Message(
                vi: "dòng \(failure.line) có DOCTYPE hoặc tham chiếu thực thể: lần chạy sẽ dừng đọc tệp ở đó (xml-dtd-refused) và mọi bản ghi từ đó vào unreadable.csv.",
                en: "line \(failure.line) holds a DOCTYPE or an entity reference: the run will stop reading the file there (xml-dtd-refused) and every record from there on goes to unreadable.csv."))
        }
        let keys = suggestion.sample.columns.map(\.name)
        var best: (schema: DatasetSchema, score: Int)?
        for id in config.datasetIDs {
            guard let schema = config.datasets[id] else { continue }
            let score = ColumnMapper(schema: schema, explicitColumns: []).headerScore(keys)
            if score > (best?.score ?? 0) { best = (schema, score) }
        }
        if let best {
            suggestion.compare(keys, with: best.schema)
        } else {
            suggestion.columns = keys.map { Column(column: $0, field: nil) }
        }
        return suggestion
    }
}
