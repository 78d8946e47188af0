/// Streams the rows of one `.xlsx` worksheet part (`<sheetData><row><c>`), typing each cell from
/// its `t` attribute and its style: shared and inline strings (rich-text runs joined, phonetic
/// guides left out), numbers (a date when the style's number format is one), booleans, error
/// values, and the cached value of formula cells (the formula itself is not data). Only the current
/// row is held; what follows `</sheetData>` (merged ranges, print settings) is not read.
final class SpreadsheetMLSheetReader: WorkbookSheetReader {
    private let part: WorkbookPart
    private let workbook: SpreadsheetMLWorkbook
    private let sheet: String
    private let maxRowBytes: Int
    private(set) var hiddenColumns = Set<Int>()
    private var lastRow = 0
    private var finished = false

    init(part: WorkbookPart, workbook: SpreadsheetMLWorkbook, sheet: String, maxRowBytes: Int) {
        self.part = part
        self.workbook = workbook
        self.sheet = sheet
        self.maxRowBytes = maxRowBytes
    }

    /// Reads up to the first row, so that hidden columns (`<cols>`, before the rows) are known.
    func start() throws {
        while !finished, try part.next() {
            guard part.kind == .element else { continue }
            switch part.localName {
            case "col":
                guard part.attribute("hidden") == "1" || part.attribute("hidden") == "true",
                      let low = part.attribute("min").flatMap({ Int($0) }), let high = part.attribute("max").flatMap({ Int($0) }) else { continue }
                for column in max(1, low)...min(max(low, high), CellReference.maxColumn) { hiddenColumns.insert(column) }
            case "sheetData":
                if part.isEmptyElement { finished = true }
                return
            default: continue
            }
        }
        finished = true
    }

    func nextRow() throws -> WorkbookRow? {
        try part.catchingThreadErrors { try readNextRow() }
    }

    private func readNextRow() throws -> WorkbookRow? {
        while !finished, try part.next() {
            switch part.kind {
            case .element where part.localNameIs("row"):
                let number = try rowNumber()
                lastRow = number
                let hidden = part.attribute("hidden") == "1" || part.attribute("hidden") == "true"
                if part.isEmptyElement { continue }
                var row = WorkbookRow(number: number, hidden: hidden)
                try readCells(into: &row)
                if !row.cells.isEmpty || row.tooLong { return row }
            case .endElement where part.localNameIs("sheetData"):
                finished = true
            default: continue
            }
        }
        finished = true
        return nil
    }

    private func rowNumber() throws -> Int {
        guard let text = part.attribute("r") else { return lastRow + 1 }
        guard let number = Int(text), number > lastRow, number <= CellReference.maxRow else {
            throw malformed("row number \(text) after row \(lastRow) (rows must ascend, at most \(CellReference.maxRow))")
        }
        return number
    }

    private func readCells(into row: inout WorkbookRow) throws {
        let rowDepth = part.depth
        var bytes = 0
        var lastColumn = 0
        while try part.next() {
            if part.kind == .endElement && part.depth == rowDepth { return }
            guard part.kind == .element, part.localNameIs("c") else { continue }
            // The three attributes a cell has, read from libxml2's buffers in one pass.
            // `reference` is parsed from the bytes; its text is kept only for the message of a bad one.
            var hasReference = false, reference: CellReference? = nil, badReference = ""
            var type = "n", style = 0
            part.reader.forEachAttribute { name, value in
                guard name.count == 1 else { return }
                switch name[0] {
                case UInt8(ascii: "r"):
                    hasReference = true
                    reference = CellReference(utf8: value)
                    if reference == nil { badReference = String(decoding: value, as: UTF8.self) }
                case UInt8(ascii: "t"): type = String(decoding: value, as: UTF8.self)
                case UInt8(ascii: "s"): style = Int(String(decoding: value, as: UTF8.self)) ?? 0
                default: break
                }
            }
            let column: Int
            if hasReference {
                guard let reference, reference.row == row.number else {
                    throw malformed("cell reference \(reference.map { "\($0)" } ?? badReference) in row \(row.number)")
                }
                column = reference.column
            } else {
                column = lastColumn + 1
            }
            guard column > lastColumn, column <= CellReference.maxColumn else {
                throw malformed("cell \(CellReference(column: column, row: row.number)) out of order or beyond column \(CellReference.letters(CellReference.maxColumn))")
            }
            lastColumn = column
            guard !part.isEmptyElement, let value = try readValue(type: type, style: style, reference: CellReference(column: column, row: row.number)) else {
                continue
            }
            if case .text(let text) = value { bytes += text.utf8.count } else { bytes += 24 }
            if bytes > maxRowBytes {
                row.tooLong = true
                row.cells.removeAll()
            }
            if !row.tooLong { row.cells.append(WorkbookCell(column: column, value: value)) }
        }
    }

    /// The value of the `<c>` element the reader is on, leaving the reader on its end.
    private func readValue(type: String, style: Int, reference: CellReference) throws -> CellValue? {
        let cellDepth = part.depth
        var stored: String? = nil
        var inline: String? = nil
        while try part.next() {
            if part.kind == .endElement && part.depth == cellDepth { break }
            guard part.kind == .element else { continue }
            if part.localNameIs("v") {
                stored = try part.text(limit: maxRowBytes)
            } else if part.localNameIs("is") {
                inline = try inlineText()
            } else {
                try part.skipElement()   // `<f>`: the formula, not what it shows
            }
        }
        switch type {
        case "inlineStr":
            return inline.map { .text(UnicodeNFC.normalized($0)) }
        case "s":
            guard let stored else { return nil }
            guard let index = Int(stored.trimmingWhitespace), let text = workbook.sharedStrings[index] else {
                throw malformed("cell \(reference.qualified(sheet: sheet)) points to shared string \(stored), which does not exist")
            }
            return .text(text)   // normalized when the table was read
        case "str":
            return stored.map { .text(UnicodeNFC.normalized($0)) }
        case "b":
            return stored.map { .boolean($0.trimmingWhitespace == "1" || $0.trimmingWhitespace.lowercased() == "true") }
        case "e":
            return stored.map { .error($0.trimmingWhitespace) }
        case "d":
            // ISO 8601 in the cell (strict workbooks): the date as written, without a zone or fraction.
            return stored.map { .isoDate(String($0.trimmingWhitespace.prefix(19))) }
        default:
            guard let number = stored?.trimmingWhitespace, !number.isEmpty, let stored else { return nil }
            guard ExcelNumber.shownAsWritten(number) != nil || ExcelNumber.parse(number) != nil else { return .text(UnicodeNFC.normalized(stored)) }
            return .number(number, workbook.styles.dateKind(style: style))
        }
    }

    /// An inline string's text (`<is><t>` or rich-text runs), phonetic guides left out.
    private func inlineText() throws -> String {
        guard !part.isEmptyElement else { return "" }
        let depth = part.depth
        var text = ""
        while try part.next() {
            if part.kind == .endElement && part.depth == depth { break }
            guard part.kind == .element else { continue }
            switch part.localName {
            case "t": text += try part.text(limit: maxRowBytes)
            case "rPh": try part.skipElement()
            default: continue
            }
        }
        return text
    }

    private func malformed(_ message: String) -> ReadError {
        ReadError(code: .workbookMalformed, message: "\(part.name):\(part.line): \(message)", line: part.line)
    }
}

extension String {
    var trimmingWhitespace: String {
        // Nearly every cell value starts and ends with a printable ASCII byte: then there is nothing
        // to trim, and no Unicode property need be looked up.
        let utf8 = self.utf8
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
