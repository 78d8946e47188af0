import Foundation

/// Reads one delimited export (CSV, `;`, TAB or `|`, any supported encoding, optionally gzip)
/// into records: detects the encoding and delimiter, finds the header below any title rows,
/// maps columns to fields, skips blank lines and a totals row with what follows it, and turns
/// every row it cannot trust into an unreadable row with a reason.
public final class CSVSourceReader: SourceReader {
    public private(set) var report: SourceFileReport
    public private(set) var findings: [Finding] = []
    public var bytesRead: Int64 { hashing.count }

    private let unit: String
    private let schema: DatasetSchema
    private let hashing: HashingByteStream
    private let decoder: DecodingByteStream
    private let reader: CSVReader
    private var lookahead: [CSVReader.Row] = []
    private var mapping: ColumnMapper.Mapping
    /// For each dataset field, the source column that feeds it.
    private var columnForField: [Int?] = []
    private var width = 0
    private var inFooter = false
    private var finished = false
    private var row = CSVReader.Row()

    /// Bytes read ahead to detect the encoding and the delimiter.
    static let sniffBytes = 1 << 16

    public init(input: InputFile, unit: String, source: UnitSource, schema: DatasetSchema,
                mapper: ColumnMapper, limits: ReadLimits) throws {
        self.unit = unit
        self.schema = schema
        report = SourceFileReport(path: input.path, format: "csv")
        let (stream, hashing) = try input.open(limits: limits)
        self.hashing = hashing
        let prefix = try stream.readPrefix(CSVSourceReader.sniffBytes)

        let encoding: TextEncoding
        if source.encoding != "auto", let configured = TextEncoding(name: source.encoding) {
            encoding = configured
            report.encoding = .init(name: encoding.rawValue, confidence: 1, evidence: "configured for the source", origin: "configured")
        } else {
            let detection = EncodingDetector.detect(prefix)
            encoding = detection.encoding
            report.encoding = .init(name: encoding.rawValue, confidence: detection.confidence, evidence: detection.evidence, origin: "detected")
        }
        let decodedPrefix = try DecodingByteStream(source: MemoryByteStream(prefix), encoding: encoding).readPrefix(CSVSourceReader.sniffBytes * 2)
        let delimiter = source.delimiter ?? DialectSniffer.delimiter(in: decodedPrefix)
        report.delimiter = delimiter == 0x09 ? "tab" : String(UnicodeScalar(delimiter))
        decoder = DecodingByteStream(source: PrefixedByteStream(prefix: prefix, rest: stream), encoding: encoding)
        reader = CSVReader(stream: NFCByteStream(source: decoder), delimiter: delimiter, maxRowBytes: limits.maxLineBytes)
        mapping = ColumnMapper.Mapping(fieldForColumn: [], unmapped: [], duplicates: [], missingFields: [])
        columnForField = [Int?](repeating: nil, count: schema.fields.count)

        try locateHeader(source: source, mapper: mapper)
        if let confidence = report.encoding?.confidence, confidence < 0.6 {
            finding(.encodingUncertain, line: nil, field: nil, value: encoding.rawValue, detail: report.encoding?.evidence)
        }
    }

    // MARK: - Header

    private func locateHeader(source: UnitSource, mapper: ColumnMapper) throws {
        while lookahead.count < HeaderLocator.searchDepth, let row = try reader.next() {
            lookahead.append(row)
            if let wanted = source.headerRow, row.line >= wanted { break }
        }
        var headerIndex: Int?
        if let wanted = source.headerRow {
            headerIndex = lookahead.firstIndex { $0.line == wanted }
        } else {
            headerIndex = HeaderLocator.locate(lookahead, mapper: mapper, fieldCount: schema.fields.count)
        }
        if headerIndex == nil {
            // Keep going with the first readable row as the header, so every row is still accounted for.
            headerIndex = lookahead.firstIndex { !$0.isBlank && $0.issue == nil }
            finding(.headerNotFound, line: headerIndex.map { lookahead[$0].line }, field: nil, value: nil, detail: nil)
        }
        guard let index = headerIndex else { return }
        let header = lookahead[index]
        // Rows above the header are titles, except those that could not be read: they stay to be
        // reported as unreadable rows, like any other.
        report.titleLines = lookahead[..<index].filter { $0.issue == nil }.map(\.line)
        report.headerLine = header.line
        lookahead = lookahead[..<index].filter { $0.issue != nil } + lookahead[(index + 1)...]
        width = (header.fields.lastIndex { !$0.allSatisfy(\.isWhitespace) } ?? -1) + 1
        let cells = Array(header.fields.prefix(width))
        mapping = mapper.map(header: cells)
        columnForField = [Int?](repeating: nil, count: schema.fields.count)
        for (column, field) in mapping.fieldForColumn.enumerated() { if let field { columnForField[field] = column } }
        report.columns = cells.enumerated().map { column, name in
            .init(column: name, field: mapping.fieldForColumn[column].map { schema.fields[$0].name })
        }
        for column in mapping.unmapped {
            finding(.columnUnmapped, line: header.line, field: nil, value: cells[column], detail: "column \(column + 1)")
        }
        for column in mapping.duplicates {
            finding(.columnDuplicate, line: header.line, field: nil, value: cells[column], detail: "column \(column + 1)")
        }
        for field in mapping.missingFields {
            let definition = schema.fields[field]
            report.missingFields.append(definition.name)
            let required = definition.required || schema.primaryKey.contains(definition.name)
            finding(required ? .requiredColumnMissing : .columnMissing, line: header.line, field: definition.name, value: nil, detail: nil)
        }
    }

    // MARK: - Rows

    public func next() throws -> SourceItem? {
        // A local row is not copied on every use, as one stored in the class would be.
        var row = CSVReader.Row()
        swap(&row, &self.row)
        defer { swap(&row, &self.row) }
        while true {
            if !lookahead.isEmpty {
                row = lookahead.removeFirst()
            } else {
                let more = try !finished && reader.next(into: &row)
                if !more {
                    try finish()
                    return nil
                }
            }
            if row.isBlank {
                report.blankLines += 1
                continue
            }
            if inFooter {
                report.footerLines.append(row.line)
                continue
            }
            if CSVSourceReader.isTotalsRow(row.cells) {
                report.totalsLine = row.line
                inFooter = true
                finding(.totalsRowSkipped, line: row.line, field: nil, value: nil, detail: nil)
                continue
            }
            report.rowsRead += 1
            if let issue = row.issue {
                let source = "\(report.path):\(row.line)"
                report.rowsUnreadable += 1
                let code: FindingCode
                switch issue {
                case .nulByte: code = .rowNulByte
                case .undecodable: code = .encodingUndecodable
                case .unterminatedQuote: code = .quoteUnterminated
                case .lineTooLong: code = .lineTooLong
                case .afterUnterminatedQuote: code = .rowAfterUnterminatedQuote
                }
                return .unreadable(UnreadableRow(source: source, code: code, text: joined(row.fields)))
            }
            let cells = row.cells
            let extraFilled = cells.count > width && (width..<cells.count).contains { !cells.isEmpty($0) }
            if cells.count < width || extraFilled {
                report.rowsUnreadable += 1
                return .unreadable(UnreadableRow(source: "\(report.path):\(row.line)", code: .rowRagged, text: joined(row.fields)))
            }
            report.rowsExtracted += 1
            return .record(Record(values: cells.selecting(columnForField), file: report.path, line: row.line))
        }
    }

    private func finish() throws {
        guard !finished else { return }
        finished = true
        report.blankLines += reader.blankLines
        report.undecodableBytes = decoder.problemCount
        report.undecodableOffsets = decoder.problems.prefix(10).map(\.byteOffset)
        if decoder.problemCount > 0 {
            finding(.encodingUndecodable, line: nil, field: nil, value: nil,
                    detail: "\(decoder.problemCount) bytes invalid in \(decoder.encoding.rawValue); first at byte offset \(decoder.problems.first?.byteOffset ?? 0)")
        }
        let (sha256, bytes) = try hashing.drainAndFinish()
        report.sha256 = sha256
        report.bytes = bytes
    }

    private func joined(_ cells: [String]) -> String {
        cells.joined(separator: reader.delimiter == 0x09 ? "\t" : String(UnicodeScalar(reader.delimiter)))
    }

    private func finding(_ code: FindingCode, line: Int?, field: String?, value: String?, detail: String?) {
        findings.append(FindingCatalog.finding(code, at: Location(unit: unit, file: report.path, line: line, field: field),
                                               value: value, detail: detail, severity: schema.severity(of: code)))
    }

    /// "Tổng cộng", "Tổng số", "Cộng", "Total" in one of the first cells: the sum under a table.
    static func isTotalsRow(_ cells: FieldRow) -> Bool {
        for index in 0..<min(3, cells.count) where !cells.isEmpty(index) {
            // Every spelling starts "Tổ", "To", "Cộ" or "Co" in some case and form (NFC, or "ô" and a
            // separate tone mark as Windows-1258 writes it): skip the fold for the rest
            // (names such as "Trần Văn An" included).
            let candidate = cells.withField(index) { bytes -> Bool in
                guard bytes.count >= 2 else { return false }
                // A switch, not `"TtCc".utf8.contains`: that generic search cost about 170 instructions a cell.
                switch bytes[0] {
                case UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: "C"), UInt8(ascii: "c"): break
                default: return false
                }
                let second = bytes[1]
                if second == UInt8(ascii: "o") || second == UInt8(ascii: "O") { return true }
                if second == 0xC3 { return bytes.count > 2 && (bytes[2] == 0xB4 || bytes[2] == 0x94) }   // ô Ô
                if second == 0xE1 { return bytes.count > 3 && bytes[2] == 0xBB && [0x94, 0x95, 0x98, 0x99].contains(bytes[3]) }   // Ổ ổ Ộ ộ
                return false
            }
            guard candidate else { continue }
            let key = TextKey.fold(cells.string(index))
            if key == "cong" || key.hasPrefix("tong cong") || key.hasPrefix("tong so") || key == "total" || key == "tong" {
                return true
            }
        }
        return false
    }
}
