import Synchronization

/// Which sheet and column each dataset field was read from, per workbook file, so that a finding
/// on a field of a workbook row names its cell. The fused run learns it from each reader as the
/// header is found (on the reading thread, before the file's first record reaches the checks);
/// the stage commands learn it from `extract.json`. Text sources are never entered.
public final class WorkbookCells: Sendable {
    private struct Sheet {
        var prefix: String
        var letters: [String?]
    }

    private let fieldNames: [String]
    private let sheets = Mutex<[String: Sheet]>([:])

    public init(fieldNames: [String]) {
        self.fieldNames = fieldNames
    }

    /// Enters a file's sheet and column letters; a report without a sheet (a text source) is ignored.
    public func learn(_ report: SourceFileReport) {
        guard let sheet = report.sheet else { return }
        var letters = [String?](repeating: nil, count: fieldNames.count)
        for column in report.columns {
            guard let field = column.field, let index = fieldNames.firstIndex(of: field) else { continue }
            letters[index] = letters[index] ?? column.letters
        }
        let entry = Sheet(prefix: CellReference.sheetPrefix(sheet), letters: letters)
        sheets.withLock { $0[report.path] = entry }
    }

    /// `DanhSach!D12` for field `field` of line `line` of `file`; nil when the file is not a workbook
    /// or the field was not read from a column.
    public func cell(file: String?, line: Int?, field: Int?) -> String? {
        guard let file, let line, let field else { return nil }
        return sheets.withLock { sheets in
            guard let sheet = sheets[file], field < sheet.letters.count, let letters = sheet.letters[field] else { return nil }
            return sheet.prefix + letters + String(line)
        }
    }
}
