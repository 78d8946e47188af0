import Foundation

/// Reads one XML export into records: streams the elements at the source's record path, maps
/// their keys (children, `@attributes`, `../@ancestor attributes`) to fields, and stops safely
/// at the first sign of a hostile or broken document.
public final class XMLSourceReader: SourceReader {
    public private(set) var report: SourceFileReport
    public private(set) var findings: [Finding] = []
    public var bytesRead: Int64 { hashing.count }

    private let unit: String
    private let schema: DatasetSchema
    private let mapper: ColumnMapper
    private let hashing: HashingByteStream
    private let records: XMLRecordReader
    private var fieldForKey: [String: Int?] = [:]
    private lazy var seenFields = [Bool](repeating: false, count: schema.fields.count)
    private var columnOrder: [String] = []
    private var finished = false
    private var pending: [SourceItem] = []
    private let input: InputFile
    private let limits: ReadLimits
    private let recordName: String

    public init(input: InputFile, unit: String, source: UnitSource, schema: DatasetSchema,
                mapper: ColumnMapper, limits: ReadLimits) throws {
        self.unit = unit
        self.schema = schema
        self.mapper = mapper
        report = SourceFileReport(path: input.path, format: "xml")
        self.input = input
        self.limits = limits
        recordName = source.recordPath?.split(separator: "/").last.map(String.init) ?? ""
        let (stream, hashing) = try input.open(limits: limits)
        self.hashing = hashing
        let prolog = try stream.readPrefix(XMLSourceReader.prologBytes)
        declaresDTD = XMLSourceReader.declaresDTD(prolog)
        let replayed = PrefixedByteStream(prefix: declaresDTD ? [] : prolog, rest: stream)
        // A byte-order mark names the encoding beyond doubt, and libxml2 2.9 loses a byte when it
        // meets one together with an override, so the mark wins over the unit's configuration.
        let marked = TextEncoding.allCases.first { !$0.byteOrderMark.isEmpty && prolog.starts(with: $0.byteOrderMark) }
        let configured = source.encoding == "auto" || marked != nil ? nil : source.encoding
        if let marked {
            let ignored = source.encoding == "auto" ? "" : "; the configured \(source.encoding) is not applied"
            report.encoding = .init(name: marked.rawValue, confidence: 1, evidence: "byte-order mark" + ignored, origin: "detected")
        } else {
            report.encoding = .init(name: configured ?? "declared", confidence: 1,
                                    evidence: configured == nil ? "XML declaration or UTF-8 by default" : "configured for the source",
                                    origin: configured == nil ? "detected" : "configured")
        }
        records = XMLRecordReader(recordPath: source.recordPath ?? "", maxDepth: limits.maxXMLDepth, documentName: input.path,
                                  encoding: configured) { buffer in
            try replayed.read(into: buffer)
        }
        if declaresDTD {
            finding(.xmlDtdRefused, line: nil, field: nil, value: nil, detail: "<!DOCTYPE> in the first \(XMLSourceReader.prologBytes) bytes")
        }
    }

    /// Bytes searched for a DOCTYPE before libxml2 sees any: a declaration there is refused
    /// outright; one further in is refused by the record reader when it meets the node.
    static let prologBytes = 1 << 16

    private let declaresDTD: Bool

    /// `<!DOCTYPE` in ASCII-compatible encodings or in UTF-16 of either byte order.
    static func declaresDTD(_ bytes: [UInt8]) -> Bool {
        let ascii: [UInt8] = Array("<!DOCTYPE".utf8)
        let little: [UInt8] = ascii.flatMap { [$0, 0] }
        let big: [UInt8] = ascii.flatMap { [0, $0] }
        for pattern in [ascii, little, big] where bytes.count >= pattern.count {
            for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
                if bytes[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
            }
        }
        return false
    }

    public func next() throws -> SourceItem? {
        if finished { return pending.isEmpty ? nil : pending.removeFirst() }
        guard !declaresDTD, let item = records.next() else {
            try finish()
            return pending.isEmpty ? nil : pending.removeFirst()
        }
        report.rowsRead += 1
        var values = [String](repeating: "", count: schema.fields.count)
        for (key, value) in item.values {
            guard let field = field(for: key, line: item.line) else { continue }
            // libxml2 decodes the document's encoding but leaves the normal form as it came.
            if values[field].isEmpty { values[field] = UnicodeNFC.normalized(value) }
            seenFields[field] = true
        }
        report.rowsExtracted += 1
        return .record(Record(values: FieldRow(values), file: report.path, line: item.line))
    }

    private func field(for key: String, line: Int) -> Int? {
        if let known = fieldForKey[key] { return known }
        let field = mapper.field(forColumn: key)
        fieldForKey[key] = field
        columnOrder.append(key)
        // Empty wrapper elements and namespace noise are not columns worth reporting.
        if field == nil && !key.hasPrefix("../") {
            finding(.columnUnmapped, line: line, field: nil, value: key, detail: nil)
        }
        return field
    }

    /// Ends the file: reports a broken document and the records it lost, the columns, the hash.
    private func finish() throws {
        finished = true
        var broken = declaresDTD
        if let error = records.fillError {
            let code = (error as? ReadError)?.code ?? .fileUnreadable
            finding(code, line: nil, field: nil, value: nil, detail: String(describing: error))
        } else if let failure = records.failure {
            broken = true
            finding(failure.code, line: failure.line, field: nil, value: nil, detail: "column \(failure.column): \(failure.message)")
        }
        if broken {
            // libxml2 stops delivering nodes at the first fatal error, including complete records
            // parsed just before it: count the record start tags in the bytes so none goes unreported.
            let code = declaresDTD ? FindingCode.xmlDtdRefused : (records.failure?.code ?? .xmlMalformed)
            let lines = try XMLStartTags.lines(of: recordName, in: input, limits: limits)
            for line in lines.dropFirst(report.rowsExtracted) {
                report.rowsRead += 1
                report.rowsUnreadable += 1
                pending.append(.unreadable(UnreadableRow(source: "\(report.path):\(line)", code: code, text: "")))
            }
        }
        report.columns = columnOrder.map { key in .init(column: key, field: fieldForKey[key].flatMap { $0 }.map { schema.fields[$0].name }) }
        // Missing columns are only known for a document read to its end.
        if !broken && records.fillError == nil {
            for (index, definition) in schema.fields.enumerated() where !seenFields[index] {
                report.missingFields.append(definition.name)
                let required = definition.required || schema.primaryKey.contains(definition.name)
                finding(required ? .requiredColumnMissing : .columnMissing, line: nil, field: definition.name, value: nil, detail: nil)
            }
        }
        let (sha256, bytes) = try hashing.drainAndFinish()
        report.sha256 = sha256
        report.bytes = bytes
    }

    private func finding(_ code: FindingCode, line: Int?, field: String?, value: String?, detail: String?) {
        findings.append(FindingCatalog.finding(code, at: Location(unit: unit, file: report.path, line: line, field: field),
                                               value: value, detail: detail, severity: schema.severity(of: code)))
    }
}
