import Foundation

/// Streams one table of an OpenDocument spreadsheet (`content.xml`), typing each cell from its
/// `office:value-type`: numbers (`office:value`), dates (`office:date-value`, ISO already),
/// times, booleans, text (paragraphs joined by line breaks, `<text:s>` spaces kept, comments left
/// out), and error results. Repeated rows and cells are expanded only when they hold a value, so
/// the million empty rows LibreOffice writes after a table cost nothing; expansion is bounded by
/// the sheet's limits. Tables before the chosen one are skipped; those after it are listed at the end.
final class ODSSheetReader: WorkbookSheetReader {
    static let office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    static let table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    static let style = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    static let calcext = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"

    private let part: WorkbookPart
    private let maxRowBytes: Int
    /// Every table seen so far, in order; complete after `listRemainingSheets()`.
    private(set) var sheets: [WorkbookSheet] = []
    private(set) var chosen: Int?
    private(set) var hiddenColumns = Set<Int>()
    private var hiddenTableStyles = Set<String>()
    private var tableDepth = 0
    private var nextRowNumber = 1
    private var nextColumn = 1
    private var pending: (row: WorkbookRow, repeats: Int)?
    private var inTable = false

    init(part: WorkbookPart, maxRowBytes: Int) {
        self.part = part
        self.maxRowBytes = maxRowBytes
    }

    /// Reads up to the chosen table's first row; false when the document has no such table
    /// (then `sheets` lists them all).
    func start(choice: SheetChoice) throws -> Bool {
        while try part.next() {
            guard part.kind == .element else { continue }
            switch (part.localName, part.namespaceURI) {
            case ("style", ODSSheetReader.style):
                try readStyle()
            case ("table", ODSSheetReader.table):
                let sheet = tableSheet()
                sheets.append(sheet)
                guard sheets.count <= SpreadsheetMLWorkbook.maxSheets else {
                    throw ReadError(code: .workbookLimitExceeded, message: "\(part.name): more than \(SpreadsheetMLWorkbook.maxSheets) tables")
                }
                if choice.pick(sheets) == sheets.count - 1 && (choice != .firstVisible || !sheet.hidden) {
                    chosen = sheets.count - 1
                    tableDepth = part.depth
                    inTable = !part.isEmptyElement
                    return true
                }
                try part.skipElement()
            default: continue
            }
        }
        return false
    }

    /// Reads the rest of the document for the names of the tables after the chosen one.
    func listRemainingSheets() throws {
        while try part.next() {
            guard part.kind == .element, part.localName == "table", part.namespaceURI == ODSSheetReader.table else { continue }
            sheets.append(tableSheet())
            guard sheets.count <= SpreadsheetMLWorkbook.maxSheets else { return }
            try part.skipElement()
        }
    }

    func nextRow() throws -> WorkbookRow? {
        try part.catchingThreadErrors { try readNextRow() }
    }

    private func readNextRow() throws -> WorkbookRow? {
        while true {
            if let (template, repeats) = pending {
                var row = template
                row.number = nextRowNumber
                nextRowNumber += 1
                pending = repeats > 1 ? (template, repeats - 1) : nil
                return row
            }
            guard inTable, try part.next() else { return nil }
            if part.kind == .endElement && part.depth == tableDepth {
                inTable = false
                return nil
            }
            guard part.kind == .element, part.namespaceURI == ODSSheetReader.table else { continue }
            switch part.localName {
            case "table-column":
                let repeats = count("number-columns-repeated", bound: CellReference.maxColumn)
                if visibility() != "visible" {
                    for column in nextColumn..<min(nextColumn + repeats, CellReference.maxColumn + 1) { hiddenColumns.insert(column) }
                }
                nextColumn = min(nextColumn + repeats, CellReference.maxColumn + 1)
            case "table-row":
                let repeats = count("number-rows-repeated", bound: CellReference.maxRow)
                let hidden = visibility() != "visible"
                var row = WorkbookRow(number: nextRowNumber, hidden: hidden)
                if !part.isEmptyElement { try readCells(into: &row) }
                if row.cells.isEmpty && !row.tooLong {
                    nextRowNumber += repeats   // empty rows, however many, are a gap
                } else {
                    pending = (row, repeats)
                }
                if nextRowNumber + (pending?.repeats ?? 0) - 1 > CellReference.maxRow {
                    throw ReadError(code: .workbookLimitExceeded, message: "\(part.name):\(part.line): rows beyond \(CellReference.maxRow)", line: part.line)
                }
            default: continue
            }
        }
    }

    // MARK: - Cells

    private func readCells(into row: inout WorkbookRow) throws {
        let rowDepth = part.depth
        var column = 1
        var bytes = 0
        while try part.next() {
            if part.kind == .endElement && part.depth == rowDepth { return }
            guard part.kind == .element, part.namespaceURI == ODSSheetReader.table,
                  part.localName == "table-cell" || part.localName == "covered-table-cell" else { continue }
            let repeats = count("number-columns-repeated", bound: CellReference.maxColumn)
            let value = try readValue()
            if let value, !value.isBlank {
                guard column + repeats - 1 <= CellReference.maxColumn else {
                    throw ReadError(code: .workbookLimitExceeded, message: "\(part.name):\(part.line): cells beyond column \(CellReference.letters(CellReference.maxColumn))", line: part.line)
                }
                if case .text(let text) = value { bytes += text.utf8.count * repeats } else { bytes += 24 * repeats }
                if bytes > maxRowBytes {
                    row.tooLong = true
                    row.cells.removeAll()
                }
                if !row.tooLong {
                    for offset in 0..<repeats { row.cells.append(WorkbookCell(column: column + offset, value: value)) }
                }
            }
            column = min(column + repeats, CellReference.maxColumn + 1)
        }
    }

    /// The value of the cell the reader is on, leaving the reader on its end.
    private func readValue() throws -> CellValue? {
        let type = part.attribute("value-type", namespaceURI: ODSSheetReader.office)
        let calcType = part.attribute("value-type", namespaceURI: ODSSheetReader.calcext)
        var value: CellValue? = nil
        switch type {
        case "float", "percentage", "currency":
            if let number = part.attribute("value", namespaceURI: ODSSheetReader.office), ExcelNumber.parse(number) != nil {
                value = .number(number.trimmingWhitespace, nil)
            }
        case "date":
            value = part.attribute("date-value", namespaceURI: ODSSheetReader.office).map { ODSSheetReader.isoDate($0) }
        case "time":
            value = part.attribute("time-value", namespaceURI: ODSSheetReader.office).flatMap(ODSSheetReader.time).map { .isoDate($0) }
        case "boolean":
            value = part.attribute("boolean-value", namespaceURI: ODSSheetReader.office).map { .boolean($0 == "true") }
        default: break
        }
        let text = try paragraphs()
        if calcType == "error" { return .error(text) }
        if value == nil, !text.isEmpty { value = .text(UnicodeNFC.normalized(text)) }
        return value
    }

    /// The cell's paragraphs joined by line breaks; comments (`office:annotation`) left out.
    private func paragraphs() throws -> String {
        guard !part.isEmptyElement else { return "" }
        let cellDepth = part.depth
        var text = ""
        var paragraphCount = 0
        while try part.next() {
            switch part.kind {
            case .endElement where part.depth == cellDepth:
                return text
            case .element:
                switch (part.localName, part.namespaceURI) {
                case ("annotation", ODSSheetReader.office):
                    try part.skipElement()
                case ("p", ODSSheetReader.text), ("h", ODSSheetReader.text):
                    if paragraphCount > 0 { text += "\n" }
                    paragraphCount += 1
                case ("s", ODSSheetReader.text):
                    let spaces = part.attribute("c", namespaceURI: ODSSheetReader.text).flatMap { Int($0) } ?? 1
                    text += String(repeating: " ", count: min(max(spaces, 1), maxRowBytes - min(text.utf8.count, maxRowBytes)))
                case ("tab", ODSSheetReader.text): text += "\t"
                case ("line-break", ODSSheetReader.text): text += "\n"
                default: break
                }
            case .text:
                text += part.value
            default: break
            }
            if text.utf8.count > maxRowBytes {
                throw ReadError(code: .lineTooLong, message: "\(part.name):\(part.line): a cell longer than \(maxRowBytes) bytes", line: part.line)
            }
        }
        return text
    }

    // MARK: - Attributes

    private func tableSheet() -> WorkbookSheet {
        let name = part.attribute("name", namespaceURI: ODSSheetReader.table) ?? ""
        let style = part.attribute("style-name", namespaceURI: ODSSheetReader.table) ?? ""
        return WorkbookSheet(name: UnicodeNFC.normalized(name), hidden: hiddenTableStyles.contains(style), part: nil)
    }

    /// A table style (`style:family="table"`) whose `table:display` is false hides its tables.
    private func readStyle() throws {
        guard part.attribute("family", namespaceURI: ODSSheetReader.style) == "table",
              let name = part.attribute("name", namespaceURI: ODSSheetReader.style), !part.isEmptyElement else { return }
        let depth = part.depth
        while try part.next() {
            if part.kind == .endElement && part.depth == depth { return }
            if part.kind == .element, part.localName == "table-properties",
               part.attribute("display", namespaceURI: ODSSheetReader.table) == "false" {
                hiddenTableStyles.insert(name)
            }
        }
    }

    private func visibility() -> String {
        part.attribute("visibility", namespaceURI: ODSSheetReader.table) ?? "visible"
    }

    private func count(_ attribute: String, bound: Int) -> Int {
        let value = part.attribute(attribute, namespaceURI: ODSSheetReader.table).flatMap { Int($0) } ?? 1
        return min(max(value, 1), bound)
    }

    /// `2024-01-05`, or `2024-01-05T10:30:00` without fraction or zone; midnight is a plain date.
    static func isoDate(_ text: String) -> CellValue {
        let trimmed = String(text.trimmingWhitespace.prefix(19))
        return .isoDate(trimmed.hasSuffix("T00:00:00") ? String(trimmed.prefix(10)) : trimmed)
    }

    /// `PT10H30M05S` (an ISO 8601 duration, as ODS writes times) as `10:30:05`.
    static func time(_ text: String) -> String? {
        var hours = 0, minutes = 0, seconds = 0.0
        var number = ""
        for character in text.uppercased().dropFirst(2) {
            switch character {
            case "H": hours = Int(number) ?? 0; number = ""
            case "M": minutes = Int(number) ?? 0; number = ""
            case "S": seconds = Double(number) ?? 0; number = ""
            default: number.append(character)
            }
        }
        guard text.uppercased().hasPrefix("PT"), hours < 10_000 else { return nil }
        let whole = Int(seconds.rounded())
        return String(format: "%02d:%02d:%02d", hours, minutes, whole)
    }
}
