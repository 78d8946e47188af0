import Foundation

/// `validated.csv` read back: which rows of `extracted.csv` passed the checks, by their number there
/// (`_row`, 1 for the first row after the header), with their lineage (`_src`), warnings (`_flags`)
/// and the fingerprint of the values judged (`_hash`). The accepted rows' values stay in
/// `extracted.csv` alone — writing them a second time cost as much as writing the extraction — and
/// `kdl-normalize` reads them from there (`WorkFileSource` with an index). The fingerprint is what
/// ties the index to those values: after a line is taken out of an export, the rows and their line
/// numbers shift together, and only the values tell that row 5 is another record now.
final class VerdictIndex {
    static let rowColumn = "_row"
    static let sourceColumn = "_src"
    static let hashColumn = "_hash"
    static let header = [rowColumn, sourceColumn, "_flags", hashColumn]

    struct Entry {
        /// The row's number in `extracted.csv`.
        var row: Int
        /// Its lineage as `extracted.csv` gives it.
        var source: String
        /// The fingerprint of its values (`RecordFingerprint`).
        var hash: UInt64
        /// The line of `validated.csv` that names it.
        var line: Int
    }

    let url: URL
    private let reader: CSVReader
    private let width: Int
    private let rowPosition: Int
    private let sourcePosition: Int
    private let hashPosition: Int
    private var row = CSVReader.Row()
    private var last = 0

    init(url: URL) throws {
        self.url = url
        reader = CSVReader(stream: try FileByteStream(path: url.path), delimiter: UInt8(ascii: ","))
        let header = try reader.next()?.fields ?? []
        guard let rowPosition = header.firstIndex(of: VerdictIndex.rowColumn), let sourcePosition = header.firstIndex(of: VerdictIndex.sourceColumn),
              let hashPosition = header.firstIndex(of: VerdictIndex.hashColumn) else {
            // The full copy of the accepted rows that earlier versions wrote has no row numbers.
            throw WorkFileMismatch(path: url.path, line: 1, field: VerdictIndex.rowColumn,
                                   detail: Message(vi: "không có cột số dòng _row (tệp do phiên bản trước ghi?)",
                                                   en: "no _row column of row numbers (written by an earlier version?)"))
        }
        width = header.count
        self.rowPosition = rowPosition
        self.sourcePosition = sourcePosition
        self.hashPosition = hashPosition
    }

    /// The next accepted row, in the order of `extracted.csv`; nil after the last.
    func next() throws -> Entry? {
        guard try reader.next(into: &row) else { return nil }
        guard row.issue == nil, row.cells.count == width else {
            throw WorkFileMismatch(path: url.path, line: row.line, field: VerdictIndex.rowColumn,
                                   detail: Message(vi: "dòng hỏng", en: "damaged line"))
        }
        // Read from the bytes: a String per number would cost more than the rest of the line.
        guard let number = row.cells.withField(rowPosition, VerdictIndex.decimal), number > 0 else {
            let text = row.cells.string(rowPosition)
            throw WorkFileMismatch(path: url.path, line: row.line, field: VerdictIndex.rowColumn,
                                   detail: Message(vi: "\"\(text)\" không phải số dòng", en: "\"\(text)\" is not a row number"))
        }
        guard number > last else {
            throw WorkFileMismatch(path: url.path, line: row.line, field: VerdictIndex.rowColumn,
                                   detail: Message(vi: "dòng \(number) đứng sau dòng \(last): các dòng phải theo thứ tự của extracted.csv",
                                                   en: "row \(number) after row \(last): rows must follow the order of extracted.csv"))
        }
        guard let hash = row.cells.withField(hashPosition, VerdictIndex.hex) else {
            let hashText = row.cells.string(hashPosition)
            throw WorkFileMismatch(path: url.path, line: row.line, field: VerdictIndex.hashColumn,
                                   detail: Message(vi: "\"\(hashText)\" không phải dấu vân tay 16 chữ số hex", en: "\"\(hashText)\" is not a fingerprint of 16 hex digits"))
        }
        last = number
        return Entry(row: number, source: row.cells.string(sourcePosition), hash: hash, line: row.line)
    }

    /// Decimal digits only (at most 18: no overflow), else nil.
    private static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// Exactly 16 hex digits, either case, else nil.
    private static func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count == 16 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x61...0x66: digit = byte - 0x57
            case 0x41...0x46: digit = byte - 0x37
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    /// `extracted.csv` ended, after `rows` rows, before the row `entry` names.
    func beyondEnd(_ entry: Entry, rows: Int) -> WorkFileMismatch {
        WorkFileMismatch(path: url.path, line: entry.line, field: VerdictIndex.rowColumn,
                         detail: Message(vi: "extracted.csv chỉ có \(rows) dòng, không có dòng \(entry.row)",
                                         en: "extracted.csv has \(rows) rows, not row \(entry.row)"))
    }

    /// The row `entry` names has other values in `extracted.csv` than those judged.
    func otherValues(_ entry: Entry) -> WorkFileMismatch {
        WorkFileMismatch(path: url.path, line: entry.line, field: VerdictIndex.hashColumn,
                         detail: Message(vi: "dòng \(entry.row) của extracted.csv (\(entry.source)) không còn là các giá trị kdl-validate đã kiểm tra: extracted.csv đã được ghi lại sau kdl-validate",
                                         en: "row \(entry.row) of extracted.csv (\(entry.source)) no longer holds the values kdl-validate judged: extracted.csv was written again after kdl-validate"))
    }

    /// The row `entry` names is not the one `extracted.csv` holds under its number.
    func otherRow(_ entry: Entry, found: String) -> WorkFileMismatch {
        WorkFileMismatch(path: url.path, line: entry.line, field: VerdictIndex.sourceColumn,
                         detail: Message(vi: "dòng \(entry.row) của extracted.csv là \(found), không phải \(entry.source): extracted.csv đã được ghi lại sau kdl-validate",
                                         en: "row \(entry.row) of extracted.csv is \(found), not \(entry.source): extracted.csv was written again after kdl-validate"))
    }
}
