/// One cell's value as the workbook typed it, before it is written as text for a field.
public enum CellValue: Sendable, Equatable {
    case text(String)
    /// The stored number (`0.30000000000000004`, `6.2085314159E+10`) and, when its number format
    /// shows a date or time, which.
    case number(String, NumberFormat.DateKind?)
    case boolean(Bool)
    /// `#N/A`, `#REF!`, `#DIV/0!`: what a formula gave instead of a value.
    case error(String)
    /// An OpenDocument date or time already in ISO form (`2024-01-05`, `2024-01-05T10:30:00`, `10:30:00`).
    case isoDate(String)

    /// The value as a cell shows it: a date as ISO, a number without float noise or exponent.
    func displayed(_ dateSystem: ExcelNumber.DateSystem) -> String {
        switch self {
        case .text(let text): text
        case .number(let number, let kind):
            kind.flatMap { ExcelNumber.date(serial: number, system: dateSystem, kind: $0) } ?? ExcelNumber.displayed(number) ?? number
        case .boolean(let flag): flag ? "TRUE" : "FALSE"
        case .error(let code): code
        case .isoDate(let date): date
        }
    }

    /// A value with nothing to show.
    var isBlank: Bool {
        if case .text(let text) = self { return text.allSatisfy(\.isWhitespace) }
        return false
    }
}

public struct WorkbookCell: Sendable, Equatable {
    /// 1-based.
    public var column: Int
    public var value: CellValue
}

/// One row of a sheet: its 1-based number, whether it is hidden, and its cells in column order
/// (only those with a value: sheets are sparse).
public struct WorkbookRow: Sendable {
    public var number: Int
    public var hidden = false
    public var cells: [WorkbookCell] = []
    /// Set when the row's text exceeds `limits.maxLineBytes`: it cannot be trusted whole.
    public var tooLong = false

    public var isBlank: Bool { !tooLong && cells.allSatisfy(\.value.isBlank) }

    /// The cell in `column`, if it has a value.
    public func cell(_ column: Int) -> CellValue? {
        // Cells are in column order: most rows are short, a linear scan beats a dictionary.
        for cell in cells where cell.column >= column { return cell.column == column ? cell.value : nil }
        return nil
    }

    public var lastColumn: Int { cells.last?.column ?? 0 }

    /// The cells as text in columns from 1 (empty where a cell has no value): for finding the
    /// header and the totals row, and for unreadable rows.
    func texts(_ dateSystem: ExcelNumber.DateSystem) -> [String] {
        var texts = [String](repeating: "", count: min(lastColumn, CellReference.maxColumn))
        for cell in cells { texts[cell.column - 1] = cell.value.displayed(dateSystem) }
        return texts
    }

    /// The row as the CSV reader would give it, for the header search shared with CSV.
    func textRow(_ dateSystem: ExcelNumber.DateSystem) -> CSVReader.Row {
        var row = CSVReader.Row()
        row.line = number
        row.cells = FieldRow(texts(dateSystem))
        if tooLong { row.issue = .lineTooLong }
        return row
    }
}

/// A sheet streamed row by row.
protocol WorkbookSheetReader: AnyObject {
    /// The next row with at least one cell (empty rows are skipped, their numbers leave gaps).
    func nextRow() throws -> WorkbookRow?
    /// Hidden columns (1-based), known before the first row.
    var hiddenColumns: Set<Int> { get }
}
