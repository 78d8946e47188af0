import Foundation

/// Reads one sheet of an `.xlsx` or `.ods` export into records, as the user saw the cells: finds
/// the header below any title rows, maps columns to fields, writes each cell as text for its field
/// (dates by their number format, identifiers Excel turned into numbers back to their digits),
/// stops at the totals row, and turns a row it cannot trust into an unreadable row with a reason.
/// Record lines are sheet row numbers; findings name the cell (`DanhSach!B12`).
public final class WorkbookSourceReader: SourceReader {
    public private(set) var report: SourceFileReport
    public private(set) var findings: [Finding] = []

    private let unit: String
    private let schema: DatasetSchema
    private let input: InputFile
    private let sheetName: String
    private var sheet: WorkbookSheetReader?
    private var ods: ODSSheetReader?
    private var dateSystem = ExcelNumber.DateSystem.from1900
    private var lookahead: [WorkbookRow] = []
    /// For each dataset field, the sheet column (1-based) that feeds it.
    private var columnForField: [Int?] = []
    private var width = 0
    private var inFooter = false
    private var finished = false
    private var hiddenRows: [Int] = []
    /// Set when the sheet broke off: no more rows are asked of it.
    private var sheetEnded = false

    public init(input: InputFile, unit: String, source: UnitSource, schema: DatasetSchema,
                mapper: ColumnMapper, limits: ReadLimits) throws {
        self.unit = unit
        self.schema = schema
        self.input = input
        guard input.member == nil else {
            throw ReadError(code: .workbookFormatUnsupported,
                            message: "\(input.path): a workbook inside a ZIP archive is not read; send the workbook itself")
        }
        let opened = try OpenedSheet(path: input.url.path, displayName: input.path, choice: source.sheet, limits: limits)
        report = SourceFileReport(path: input.path, format: opened.kind == .openDocument ? "ods" : "xlsx")
        let sheets = opened.sheets
        let chosen = opened.chosen
        sheet = opened.reader
        ods = opened.reader as? ODSSheetReader
        dateSystem = opened.dateSystem
        sheetName = sheets[chosen].name
        report.sheet = sheetName
        if sheets.count > 1 || ods != nil { report.otherSheets = [] }
        for (index, other) in sheets.enumerated() where index != chosen { sheetNotRead(other) }
        columnForField = [Int?](repeating: nil, count: schema.fields.count)
        try locateHeader(source: source, mapper: mapper)
    }

    private func sheetNotRead(_ other: WorkbookSheet) {
        report.otherSheets = (report.otherSheets ?? []) + [other.name]
        finding(.sheetNotRead, line: nil, field: nil, value: other.name, detail: other.hidden ? "hidden sheet" : nil)
    }

    // MARK: - Header

    private func locateHeader(source: UnitSource, mapper: ColumnMapper) throws {
        guard let sheet else { return }
        do {
            while lookahead.count < HeaderLocator.searchDepth, let row = try sheet.nextRow() {
                lookahead.append(row)
                if let wanted = source.headerRow, row.number >= wanted { break }
            }
        } catch let error as ReadError {
            // The sheet broke off within its first rows: those rows are still read, the rest is the finding.
            finding(error.code, line: error.line, field: nil, value: nil, detail: error.message)
            sheetEnded = true
        }
        let rows = lookahead.map { $0.textRow(dateSystem) }
        var headerIndex: Int?
        if let wanted = source.headerRow {
            headerIndex = lookahead.firstIndex { $0.number == wanted }
        } else {
            headerIndex = HeaderLocator.locate(rows, mapper: mapper, fieldCount: schema.fields.count)
        }
        if headerIndex == nil {
            headerIndex = lookahead.firstIndex { !$0.isBlank && !$0.tooLong }
            finding(.headerNotFound, line: headerIndex.map { lookahead[$0].number }, field: nil, value: nil, detail: nil)
        }
        guard var index = headerIndex else { return }
        var cells = Array(rows[index].fields)
        var headerRows = 1
        if let joined = twoRowHeader(rows, at: index, mapper: mapper) {
            index = joined.upper
            cells = joined.cells
            headerRows = 2
        }
        let header = lookahead[index]
        report.titleLines = lookahead[..<index].filter { !$0.tooLong }.map(\.number)
        report.headerLine = header.number
        if headerRows == 2 {
            finding(.headerTwoRows, line: header.number, field: nil, value: nil,
                    detail: CellReference.sheetPrefix(sheetName) + "\(header.number):\(header.number + 1)")
        }
        lookahead = lookahead[..<index].filter(\.tooLong) + lookahead[(index + headerRows)...]
        width = cells.lastIndex { !$0.allSatisfy(\.isWhitespace) }.map { $0 + 1 } ?? 0
        let names = Array(cells.prefix(width))
        let mapping = mapper.map(header: names)
        for (column, field) in mapping.fieldForColumn.enumerated() { if let field { columnForField[field] = column + 1 } }
        report.columns = names.enumerated().map { column, name in
            .init(column: name, field: mapping.fieldForColumn[column].map { schema.fields[$0].name }, letters: CellReference.letters(column + 1))
        }
        for column in mapping.unmapped {
            finding(.columnUnmapped, line: header.number, field: nil, value: names[column], detail: reference(column + 1, header.number))
        }
        for column in mapping.duplicates {
            finding(.columnDuplicate, line: header.number, field: nil, value: names[column], detail: reference(column + 1, header.number))
        }
        for field in mapping.missingFields {
            let definition = schema.fields[field]
            report.missingFields.append(definition.name)
            let required = definition.required || schema.primaryKey.contains(definition.name)
            finding(required ? .requiredColumnMissing : .columnMissing, line: header.number, field: definition.name, value: nil, detail: nil)
        }
        let hidden = sheet.hiddenColumns.filter { $0 <= width }.sorted()
        if !hidden.isEmpty {
            report.hiddenColumns = hidden.map(CellReference.letters)
            for column in hidden {
                let field = columnForField.firstIndex(of: column).map { schema.fields[$0].name }
                finding(.columnHidden, line: header.number, field: field, value: names[column - 1],
                        detail: CellReference.sheetPrefix(sheetName) + CellReference.letters(column) + ":" + CellReference.letters(column))
            }
        }
    }

    /// A header spread over two adjacent rows — a group title merged across the columns above its
    /// sub-headers, the other names merged down both rows — read as one: each column's lower name,
    /// or the upper one where the lower cell is empty (covered by the merge). Taken only when it
    /// maps more fields than the row the header search chose, so a title above the header or the
    /// first data row below it is never joined.
    private func twoRowHeader(_ rows: [CSVReader.Row], at index: Int, mapper: ColumnMapper) -> (upper: Int, cells: [String])? {
        var best: (upper: Int, cells: [String], score: Int)? = nil
        let single = mapper.headerScore(Array(rows[index].fields))
        for upper in [index - 1, index] where upper >= 0 && upper + 1 < rows.count {
            let top = lookahead[upper], bottom = lookahead[upper + 1]
            guard bottom.number == top.number + 1, !top.tooLong, !bottom.tooLong else { continue }
            let upperCells = Array(rows[upper].fields), lowerCells = Array(rows[upper + 1].fields)
            let cells = (0..<max(upperCells.count, lowerCells.count)).map { column in
                let lower = column < lowerCells.count ? lowerCells[column] : ""
                return lower.allSatisfy(\.isWhitespace) && column < upperCells.count ? upperCells[column] : lower
            }
            let score = mapper.headerScore(cells)
            if score > (best?.score ?? single) { best = (upper, cells, score) }
        }
        return best.map { ($0.upper, $0.cells) }
    }

    private func headerTexts(_ row: WorkbookRow) -> [String] { row.texts(dateSystem) }

    /// The first three cells as text, where a totals row has its label: only text cells are
    /// looked at, so a data row costs no formatting of its numbers.
    private func leadingTexts(_ row: WorkbookRow) -> FieldRow {
        var texts = ["", "", ""]
        for cell in row.cells where cell.column <= 3 {
            if case .text(let text) = cell.value { texts[cell.column - 1] = text }
        }
        return FieldRow(texts)
    }

    private func display(_ value: CellValue) -> String { value.displayed(dateSystem) }

    // MARK: - Rows

    public func next() throws -> SourceItem? {
        while true {
            let row: WorkbookRow
            if !lookahead.isEmpty {
                row = lookahead.removeFirst()
            } else {
                do {
                    guard !finished, !sheetEnded, let next = try sheet?.nextRow() else {
                        try finish()
                        return nil
                    }
                    row = next
                } catch let error as ReadError {
                    // The sheet broke off: what was read stays, the reason is a finding, the file ends here.
                    finding(error.code, line: error.line, field: nil, value: nil, detail: error.message)
                    sheetEnded = true
                    continue
                }
            }
            if row.isBlank {
                report.blankLines += 1
                continue
            }
            if inFooter {
                report.footerLines.append(row.number)
                continue
            }
            if !row.tooLong && CSVSourceReader.isTotalsRow(leadingTexts(row)) {
                report.totalsLine = row.number
                inFooter = true
                finding(.totalsRowSkipped, line: row.number, field: nil, value: nil, detail: CellReference.sheetPrefix(sheetName) + String(row.number))
                continue
            }
            report.rowsRead += 1
            if row.hidden { hiddenRows.append(row.number) }
            let source = "\(report.path):\(row.number)"
            if row.tooLong {
                report.rowsUnreadable += 1
                return .unreadable(UnreadableRow(source: source, code: .lineTooLong, text: ""))
            }
            if row.lastColumn > width, row.cells.contains(where: { $0.column > width && !$0.value.isBlank }) {
                report.rowsUnreadable += 1
                let extra = row.cells.first { $0.column > width && !$0.value.isBlank }.map { reference($0.column, row.number) }
                return .unreadable(UnreadableRow(source: source, code: .rowRagged, text: joined(row), detail: extra.map { "value outside the table at \($0)" }))
            }
            var values = [String](repeating: "", count: schema.fields.count)
            for (field, column) in columnForField.enumerated() {
                guard let column, let value = row.cell(column) else { continue }
                switch text(value, textField: schema.fields[field].type == .string) {
                case .text(let text):
                    values[field] = text
                case .refused(let code):
                    report.rowsUnreadable += 1
                    return .unreadable(UnreadableRow(source: source, code: code, text: joined(row), field: schema.fields[field].name,
                                                     detail: reference(column, row.number) + (code == .cellError ? " " + display(value) : "")))
                }
            }
            report.rowsExtracted += 1
            return .record(Record(values: FieldRow(values), file: report.path, line: row.number))
        }
    }

    private enum CellText {
        case text(String)
        case refused(FindingCode)
    }

    /// The cell as text for the field: a date as ISO, an identifier's number as its digits, any
    /// other number as shown (15 significant digits, no exponent); an error value, or an
    /// identifier too long for a number, cannot be read.
    private func text(_ value: CellValue, textField: Bool) -> CellText {
        switch value {
        case .text(let text): return .text(text)
        case .boolean(let flag): return .text(flag ? "TRUE" : "FALSE")
        case .isoDate(let date): return .text(date)
        case .error: return .refused(.cellError)
        case .number(let number, let kind):
            if let kind, let date = ExcelNumber.date(serial: number, system: dateSystem, kind: kind) { return .text(date) }
            // Text fields hold identifiers and codes: a number there was typed as digits.
            if textField && ExcelNumber.lostPrecision(number) { return .refused(.numberPrecisionLost) }
            return .text(ExcelNumber.displayed(number) ?? number)
        }
    }

    private func finish() throws {
        guard !finished else { return }
        finished = true
        if !hiddenRows.isEmpty {
            report.hiddenRows = hiddenRows
            let shown = hiddenRows.prefix(10).map { CellReference.sheetPrefix(sheetName) + String($0) }.joined(separator: ", ")
            finding(.rowHidden, line: hiddenRows[0], field: nil, value: nil,
                    detail: "\(hiddenRows.count) hidden rows kept: \(shown)" + (hiddenRows.count > 10 ? ", …" : ""))
        }
        if let ods {
            do {
                try ods.listRemainingSheets()
                for other in ods.sheets.dropFirst((report.otherSheets?.count ?? 0) + 1) { sheetNotRead(other) }
            } catch let error as ReadError {
                finding(error.code, line: error.line, field: nil, value: nil, detail: error.message)
            }
        }
        let hashing = HashingByteStream(try FileByteStream(path: input.url.path, limit: input.snapshot?.bytes))
        let (sha256, bytes) = try hashing.drainAndFinish()
        report.sha256 = sha256
        report.bytes = bytes
    }

    private func reference(_ column: Int, _ row: Int) -> String {
        CellReference(column: column, row: row).qualified(sheet: sheetName)
    }

    private func joined(_ row: WorkbookRow) -> String {
        headerTexts(row).joined(separator: "\t")
    }

    private func finding(_ code: FindingCode, line: Int?, field: String?, value: String?, detail: String?) {
        findings.append(FindingCatalog.finding(code, at: Location(unit: unit, file: report.path, line: line, field: field),
                                               value: value, detail: detail, severity: schema.severity(of: code)))
    }
}
