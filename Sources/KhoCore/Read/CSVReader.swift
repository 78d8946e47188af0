/// An RFC 4180 reader over UTF-8 bytes that also survives what real exports do.
///
/// Quoted fields with delimiters, doubled quotes and line breaks; CRLF, LF or lone CR line ends;
/// blank lines skipped (and counted). It never pads or cuts a row: a row comes out with exactly the
/// cells it had, and with an `issue` when it cannot be trusted (a NUL byte, undecodable text, an
/// unterminated quote, a line over the limit). Values are passed on exactly as found, as bytes.
///
/// A row that cannot be split into cells (an over-long line, an unterminated quote) comes out as
/// one cell holding its raw text, cut to `rawTextLimit` bytes, so a reject file can show it.
public final class CSVReader {
    public enum Issue: Sendable, Equatable {
        case nulByte
        case undecodable
        case unterminatedQuote
        case lineTooLong
        /// The first row read again after an unterminated quote: it may be the rest of the quoted
        /// value the quote opened, so it is not trusted as a row of its own.
        case afterUnterminatedQuote
    }

    /// Bytes of raw text kept for a row that could not be split into cells.
    public static let rawTextLimit = 1024

    public struct Row: Sendable {
        /// The cells, unescaped.
        public var cells = FieldRow()
        /// 1-based physical line where the row starts.
        public var line = 0
        /// Physical lines the row spans (more than one when a quoted value holds line breaks).
        public var lineCount = 1
        public var issue: Issue?
        /// True when at least one cell was quoted (a quoted empty cell is still a value).
        public var hadQuotes = false

        public init() {}

        /// The cells as strings (headers, titles, tests).
        public var fields: [String] { cells.strings }

        /// No cell holds anything but spaces: a blank line, or one made of delimiters only. A row
        /// with an issue is never blank, whatever is left of its cells.
        public var isBlank: Bool {
            issue == nil && !hadQuotes && !cells.withValueBytes({ $0.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0xC2 && $0 != 0xA0 } })
        }
    }

    private let stream: ByteStream
    public let delimiter: UInt8
    private let maxRowBytes: Int
    /// The bytes read and not yet consumed (`position..<end`). Memory this reader owns: scanning a
    /// cell in an array stored in the class cost a retain and a release per cell.
    private var buffer: UnsafeMutableBufferPointer<UInt8>
    private var position = 0
    private var end = 0
    private var ended = false
    private var line = 1
    /// Bytes that end or interrupt an unquoted cell. A pointer this reader owns: reading it costs
    /// no retain per cell, as an array stored in the class would.
    private let special: UnsafeMutablePointer<Bool>
    private var pendingCRAtBoundary = false
    /// Set after an unterminated quote: the next row read is marked `afterUnterminatedQuote`.
    private var resynchronized = false
    /// Blank lines skipped so far (not rows, not data).
    public private(set) var blankLines = 0

    private static let quote = UInt8(ascii: "\"")
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A

    public init(stream: ByteStream, delimiter: UInt8, maxRowBytes: Int = 1 << 20, bufferSize: Int = 1 << 18) {
        self.stream = stream
        self.delimiter = delimiter
        self.maxRowBytes = maxRowBytes
        buffer = .allocate(capacity: max(bufferSize, 16))
        special = .allocate(capacity: 256)
        special.initialize(repeating: false, count: 256)
        for byte in [delimiter, CSVReader.quote, CSVReader.cr, CSVReader.lf, 0x00, 0xEF] { special[Int(byte)] = true }
    }

    deinit {
        special.deallocate()
        buffer.deallocate()
    }

    /// The next row that is not an empty line, or nil at the end of the input.
    public func next() throws -> Row? {
        var row = Row()
        return try next(into: &row) ? row : nil
    }

    /// Reads the next non-empty row into `row`, reusing its storage. Returns false at the end.
    public func next(into row: inout Row) throws -> Bool {
        while true {
            row.cells.removeAll()
            row.issue = nil
            row.hadQuotes = false
            row.line = line
            if position == end, try !fill() { return false }
            let startLine = line
            let outcome = try readRow(into: &row)
            row.lineCount = max(1, line - startLine)
            if outcome == .emptyLine {
                blankLines += 1
                continue
            }
            if resynchronized && row.issue != .unterminatedQuote {
                resynchronized = false
                if row.issue == nil { row.issue = .afterUnterminatedQuote }
            }
            return true
        }
    }

    private enum RowOutcome { case row, emptyLine }

    private func readRow(into row: inout Row) throws -> RowOutcome {
        var rowBytes = 0
        // A line with nothing on it at all.
        if buffer[position] == CSVReader.lf || buffer[position] == CSVReader.cr {
            try consumeLineEnd()
            return .emptyLine
        }
        while true {
            var terminator: UInt8? = nil
            if buffer[position] == CSVReader.quote {
                row.hadQuotes = true
                position += 1
                terminator = try readQuoted(row: &row, rowBytes: &rowBytes)
            } else {
                terminator = try readUnquoted(row: &row, rowBytes: &rowBytes)
            }
            if row.issue == .lineTooLong || row.issue == .unterminatedQuote { return .row }
            row.cells.closeField()
            guard let terminator else { return .row }   // end of input
            if terminator == delimiter {
                position += 1
                if position == end, try !fill() {
                    row.cells.appendEmpty()   // a trailing delimiter ends with an empty cell
                    return .row
                }
                continue
            }
            try consumeLineEnd()
            return .row
        }
    }

    /// Reads an unquoted cell up to a delimiter or line end; returns what stopped it (nil at end of input).
    private func readUnquoted(row: inout Row, rowBytes: inout Int) throws -> UInt8? {
        while true {
            let start = position
            var stop: UInt8? = nil
            var issue = row.issue
            var at = position
            let limit = end
            let delimiter = self.delimiter
            let isSpecial = special
            let bytes = UnsafeBufferPointer(buffer)
            while at < limit {
                let byte = bytes[at]
                if isSpecial[Int(byte)] {
                    if byte == delimiter || byte == CSVReader.cr || byte == CSVReader.lf { stop = byte; break }
                    if byte == 0 { issue = issue ?? .nulByte }
                    if byte == 0xEF && CSVReader.isReplacementCharacter(bytes, at: at, end: limit) { issue = issue ?? .undecodable }
                }
                at += 1
            }
            row.cells.extend(UnsafeBufferPointer(rebasing: bytes[start..<at]))
            position = at
            row.issue = issue
            rowBytes += position - start
            if rowBytes > maxRowBytes { return try abandonLongLine(row: &row) }
            if let stop { return stop }
            if try !fill() { return nil }
        }
    }

    /// Reads a quoted cell after its opening quote; returns the byte after the closing quote (nil at end).
    private func readQuoted(row: inout Row, rowBytes: inout Int) throws -> UInt8? {
        let openingLine = line
        while true {
            if position == end, try !fill() {
                return try recoverFromUnterminatedQuote(row: &row, openingLine: openingLine)
            }
            let start = position
            var closed = false
            var at = position
            var lines = 0
            var issue = row.issue
            let limit = end
            let bytes = UnsafeBufferPointer(buffer)
            while at < limit {
                let byte = bytes[at]
                if byte == CSVReader.quote { closed = true; break }
                if byte == CSVReader.lf {
                    lines += 1
                } else if byte == CSVReader.cr {
                    if at + 1 < limit {
                        if bytes[at + 1] != CSVReader.lf { lines += 1 }
                    } else {
                        lines += 1   // counted now; a following LF at the next fill is skipped below
                        pendingCRAtBoundary = true
                    }
                } else if byte == 0 {
                    issue = issue ?? .nulByte
                } else if byte == 0xEF && CSVReader.isReplacementCharacter(bytes, at: at, end: limit) {
                    issue = issue ?? .undecodable
                }
                at += 1
            }
            row.cells.extend(UnsafeBufferPointer(rebasing: bytes[start..<at]))
            position = at
            line += lines
            row.issue = issue
            rowBytes += position - start
            if rowBytes > maxRowBytes { return try abandonLongLine(row: &row) }
            guard closed else {
                if try !fill() { return try recoverFromUnterminatedQuote(row: &row, openingLine: openingLine) }
                fixCRLFAcrossBoundary(row: &row)
                continue
            }
            position += 1   // the quote
            if position == end, try !fill() { return nil }
            let next = buffer[position]
            if next == CSVReader.quote {
                row.cells.extend(CSVReader.quote)   // a doubled quote is one quote
                position += 1
                continue
            }
            if next == delimiter || next == CSVReader.cr || next == CSVReader.lf { return next }
            // Text after the closing quote (`"abc"def`): kept as written, as most readers do.
            return try readUnquoted(row: &row, rowBytes: &rowBytes)
        }
    }

    /// A CR that ended one buffer and an LF that starts the next are one line end, counted once.
    private func fixCRLFAcrossBoundary(row: inout Row) {
        if pendingCRAtBoundary {
            pendingCRAtBoundary = false
            if position < end && buffer[position] == CSVReader.lf {
                row.cells.extend(CSVReader.lf)
                position += 1
            }
        }
    }

    /// An opening quote never closed: report the row with the text of the line that opened the
    /// quote, then read on from the line after it, so one stray quote does not swallow the rest of
    /// the file. The first row read again is marked, since it may belong to the quoted value.
    private func recoverFromUnterminatedQuote(row: inout Row, openingLine: Int) throws -> UInt8? {
        row.issue = .unterminatedQuote
        let field = Array(row.cells.openField)
        row.cells.discardOpenField()
        let newline = field.firstIndex(where: { $0 == CSVReader.lf || $0 == CSVReader.cr })
        var raw = joinedCells(row.cells)
        if row.cells.count > 0 { raw.append(delimiter) }
        raw.append(CSVReader.quote)
        raw += field[..<(newline ?? field.count)]
        keepRawText(raw, in: &row)
        guard let newline else { return nil }
        var restStart = newline + 1
        if field[newline] == CSVReader.cr && restStart < field.count && field[restStart] == CSVReader.lf { restStart += 1 }
        let rest = Array(field[restStart...])
        guard !rest.isEmpty else { return nil }
        if rest.count + 16 > buffer.count {
            buffer.deallocate()
            buffer = .allocate(capacity: rest.count + 16)
        }
        _ = buffer.update(from: rest)
        position = 0
        end = rest.count
        line = openingLine + 1
        resynchronized = true
        return nil
    }

    /// Skips the rest of an over-long physical line, ignoring quotes, and reports the row with the
    /// start of its text.
    private func abandonLongLine(row: inout Row) throws -> UInt8? {
        row.issue = .lineTooLong
        var raw = joinedCells(row.cells)
        if row.cells.count > 0 { raw.append(delimiter) }
        raw += row.cells.openField.prefix(CSVReader.rawTextLimit + 4)
        keepRawText(raw, in: &row)
        while true {
            while position < end {
                let byte = buffer[position]
                if byte == CSVReader.lf || byte == CSVReader.cr {
                    try consumeLineEnd()
                    return nil
                }
                position += 1
            }
            if try !fill() { return nil }
        }
    }

    /// The closed cells joined by the delimiter, no longer than needed for the raw text.
    private func joinedCells(_ cells: FieldRow) -> [UInt8] {
        var joined: [UInt8] = []
        for index in 0..<cells.count where joined.count <= CSVReader.rawTextLimit {
            if index > 0 { joined.append(delimiter) }
            cells.withField(index) { joined.append(contentsOf: $0.prefix(CSVReader.rawTextLimit + 4)) }
        }
        return joined
    }

    /// Replaces the cells with one: the raw text, cut to the limit at a character boundary.
    private func keepRawText(_ raw: [UInt8], in row: inout Row) {
        var cut = min(raw.count, CSVReader.rawTextLimit)
        if cut < raw.count { while cut > 0 && raw[cut] & 0xC0 == 0x80 { cut -= 1 } }
        row.cells.removeAll()
        raw.withUnsafeBufferPointer { row.cells.append(UnsafeBufferPointer(rebasing: $0[..<cut])) }
    }

    /// Consumes one line end (CRLF, LF or CR) and counts the line.
    private func consumeLineEnd() throws {
        let byte = buffer[position]
        position += 1
        line += 1
        if byte == CSVReader.cr {
            if position == end, try !fill() { return }
            if buffer[position] == CSVReader.lf { position += 1 }
        }
    }

    private static func isReplacementCharacter(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Bool {
        index + 2 < end && bytes[index + 1] == 0xBF && bytes[index + 2] == 0xBD
    }

    /// Bytes of a UTF-8 character cut by the end of the last read, moved to the next buffer.
    private var carry: [UInt8] = []

    /// Refills the buffer when everything in it was consumed. Returns false at the end of input.
    /// A buffer never ends inside a UTF-8 character, so a U+FFFD (EF BF BD) is always seen whole.
    private func fill() throws -> Bool {
        guard position >= end else { return true }
        var filled = carry.count
        for (index, byte) in carry.enumerated() { buffer[index] = byte }
        carry.removeAll(keepingCapacity: true)
        // A read may hold nothing but the start of one character; keep reading until it completes.
        while !ended {
            let count = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[filled...]))
            if count == 0 { ended = true; break }
            filled += count
            let cut = CSVReader.incompleteTail(buffer, end: filled)
            if cut < filled {
                carry.append(contentsOf: buffer[(filled - cut)..<filled])
                filled -= cut
                break
            }
        }
        position = 0
        end = filled
        return end > 0
    }

    /// How many bytes at the end start a UTF-8 character that needs more bytes than are there.
    private static func incompleteTail(_ bytes: UnsafeMutableBufferPointer<UInt8>, end: Int) -> Int {
        var back = 1
        while back <= min(3, end) {
            let byte = bytes[end - back]
            if byte & 0xC0 != 0x80 {
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                return length > back ? back : 0
            }
            back += 1
        }
        return 0
    }
}
