import Foundation

/// A first draft of a `pipelines/units/` source entry for an unfamiliar export: what the readers
/// detect (encoding, delimiter, header row, or the XML record element) and which dataset and
/// dictionary fields its columns match through their aliases (accents, case and spacing ignored).
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
    public var dataset: String?
    public var columns: [Column]
    /// Dataset fields no column feeds, required ones first.
    public var missingRequired: [String]
    /// What the run will refuse in this file whatever the entry says (a DOCTYPE).
    public var warnings: [Message] = []

    /// The draft entry as JSON, ready to paste into `sources` of a unit file.
    public var json: String {
        var entry: [(String, String)] = []
        let quoted = JSONOutput.quoted
        entry.append(("dataset", quoted(dataset ?? "?")))
        entry.append(("files", quoted(FileNamePattern.glob(for: file))))
        entry.append(("format", quoted(format)))
        entry.append(("encoding", quoted(encoding)))
        if let headerRow { entry.append(("headerRow", String(headerRow))) }
        if let delimiter { entry.append(("delimiter", quoted(delimiter == "\t" ? "tab" : delimiter))) }
        if let recordPath { entry.append(("recordPath", quoted(recordPath))) }
        let mapped = columns.filter { $0.field != nil }
        let unmatched = columns.filter { $0.field == nil }.map(\.column)
        if !mapped.isEmpty {
            let pairs = mapped.map { "      \(quoted($0.column)): \(quoted($0.field ?? ""))" }.joined(separator: ",\n")
            entry.append(("columns", "{\n\(pairs)\n    }"))
        }
        if !unmatched.isEmpty {
            entry.append(("$comment", quoted("unmatched columns: " + unmatched.joined(separator: ", "))))
        }
        return "{\n" + entry.map { "    \(quoted($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// Reads the start of `url` and drafts the source entry.
    public static func suggest(file url: URL, config: Configuration) throws -> SourceSuggestion {
        let input = InputFile(url: url, unit: "?")
        if input.formatName.hasSuffix(".xml") { return try suggestXML(input, url: url, config: config) }
        let (stream, _) = try input.open(limits: config.pipeline.limits)
        let prefix = try stream.readPrefix(CSVSourceReader.sniffBytes)
        let detection = EncodingDetector.detect(prefix)
        let decoded = try DecodingByteStream(source: MemoryByteStream(prefix), encoding: detection.encoding).readPrefix(CSVSourceReader.sniffBytes * 2)
        let delimiter = DialectSniffer.delimiter(in: decoded)
        let reader = CSVReader(stream: MemoryByteStream(decoded), delimiter: delimiter)
        var rows: [CSVReader.Row] = []
        while rows.count < HeaderLocator.searchDepth, let row = try reader.next() { rows.append(row) }

        // The dataset whose fields the best header row names most often.
        var best: (dataset: DatasetSchema, row: CSVReader.Row, score: Int)?
        for id in config.datasetIDs {
            guard let schema = config.datasets[id] else { continue }
            let mapper = ColumnMapper(schema: schema, explicitColumns: [])
            for row in rows where row.issue == nil {
                let score = mapper.headerScore(row.fields)
                if score > (best?.score ?? 0) { best = (schema, row, score) }
            }
        }
        var suggestion = SourceSuggestion(file: url.lastPathComponent, format: "csv", encoding: detection.encoding.rawValue,
                                          confidence: detection.confidence, evidence: detection.evidence,
                                          delimiter: String(UnicodeScalar(delimiter)), headerRow: nil, recordPath: nil,
                                          dataset: nil, columns: [], missingRequired: [])
        guard let best else {
            suggestion.columns = rows.first?.fields.map { Column(column: $0, field: nil) } ?? []
            return suggestion
        }
        suggestion.dataset = best.dataset.id
        suggestion.headerRow = best.row.line
        let header = best.row.fields.filter { !$0.allSatisfy(\.isWhitespace) }
        let mapping = ColumnMapper(schema: best.dataset, explicitColumns: []).map(header: header)
        suggestion.columns = header.enumerated().map { column, name in
            Column(column: name, field: mapping.fieldForColumn[column].map { best.dataset.fields[$0].name })
        }
        suggestion.missingRequired = mapping.missingFields.map { best.dataset.fields[$0] }
            .filter { $0.required || best.dataset.primaryKey.contains($0.name) }.map(\.name)
        return suggestion
    }

    /// For XML: the element with children or attributes that repeats most under one path is taken
    /// as the record; its keys
    /// (children, attributes, parent attributes) are matched like column headers.
    private static func suggestXML(_ input: InputFile, url: URL, config: Configuration) throws -> SourceSuggestion {
        let (stream, _) = try input.open(limits: config.pipeline.limits)
        let prefix = try stream.readPrefix(1 << 20)
        // The tag scan reads bytes as ASCII: a UTF-16 document is scanned in UTF-8.
        let detected = XMLEncodingDetector.detect(prefix)
        var text = prefix
        if let detected, detected.encoding != .utf8 {
            text = try DecodingByteStream(source: MemoryByteStream(prefix), encoding: detected.encoding).readPrefix(prefix.count * 2)
        }
        let paths = try XMLStartTags.elementPaths(in: text, maxDepth: config.pipeline.limits.maxXMLDepth)
        let recordPath = paths.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        // Where libxml2 cannot tell the encoding (UTF-16 with neither mark nor declaration), the
        // entry names it, as the run then needs.
        let named = detected.flatMap { $0.parserDetects ? nil : $0.encoding.rawValue }
        var suggestion = SourceSuggestion(file: url.lastPathComponent, format: "xml", encoding: named ?? "auto", confidence: 1,
                                          evidence: detected?.evidence ?? "XML declaration or UTF-8", delimiter: nil, headerRow: nil,
                                          recordPath: recordPath, dataset: nil, columns: [], missingRequired: [])
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
        var keys: [String] = []
        for _ in 0..<20 {
            guard let item = records.next() else { break }
            for (key, _) in item.values where !keys.contains(key) { keys.append(key) }
        }
        if suggestion.warnings.isEmpty, let failure = records.failure, failure.code == .xmlDtdRefused {
            suggestion.warnings.append(Message(
                vi: "dòng \(failure.line) có DOCTYPE hoặc tham chiếu thực thể: lần chạy sẽ dừng đọc tệp ở đó (xml-dtd-refused) và mọi bản ghi từ đó vào unreadable.csv.",
                en: "line \(failure.line) holds a DOCTYPE or an entity reference: the run will stop reading the file there (xml-dtd-refused) and every record from there on goes to unreadable.csv."))
        }
        var best: (DatasetSchema, Int)?
        for id in config.datasetIDs {
            guard let schema = config.datasets[id] else { continue }
            let score = ColumnMapper(schema: schema, explicitColumns: []).headerScore(keys)
            if score > (best?.1 ?? 0) { best = (schema, score) }
        }
        guard let (schema, _) = best else {
            suggestion.columns = keys.map { Column(column: $0, field: nil) }
            return suggestion
        }
        suggestion.dataset = schema.id
        let mapper = ColumnMapper(schema: schema, explicitColumns: [])
        suggestion.columns = keys.map { Column(column: $0, field: mapper.field(forColumn: $0).map { schema.fields[$0].name }) }
        let matched = Set(suggestion.columns.compactMap(\.field))
        suggestion.missingRequired = schema.fields.filter { ($0.required || schema.primaryKey.contains($0.name)) && !matched.contains($0.name) }.map(\.name)
        return suggestion
    }
}
