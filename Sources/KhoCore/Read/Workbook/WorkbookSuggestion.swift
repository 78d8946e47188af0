import Foundation

extension SourceSuggestion {
    /// For a workbook: the first visible sheet read as the run reads it, its first rows searched for
    /// the header like a CSV file's. The other sheets are named, so the entry can choose one.
    static func suggestWorkbook(_ input: InputFile, url: URL, config: Configuration) throws -> SourceSuggestion {
        let limits = config.pipeline.limits
        let opened = try OpenedSheet(path: url.path, displayName: url.lastPathComponent, choice: .firstVisible, limits: limits)
        var rows: [CSVReader.Row] = []
        let wanted = HeaderLocator.searchDepth + ExportSample.maxRows + 1
        while rows.count < wanted, let row = try opened.reader.nextRow() { rows.append(row.textRow(opened.dateSystem)) }
        var sheets = opened.sheets
        if let ods = opened.reader as? ODSSheetReader {
            try ods.listRemainingSheets()
            sheets = ods.sheets
        }
        let name = sheets[opened.chosen].name
        var suggestion = SourceSuggestion(file: url.lastPathComponent, format: "workbook", encoding: "auto", confidence: 1,
                                          evidence: opened.kind == .openDocument ? "OpenDocument spreadsheet (.ods)" : "Office Open XML workbook (.xlsx)",
                                          delimiter: nil, headerRow: nil, recordPath: nil, dataset: nil, columns: [], missingRequired: [])
        if sheets.count > 1 {
            suggestion.sheet = name
            let others = sheets.enumerated().filter { $0.offset != opened.chosen }
                .map { "\"\($0.element.name)\"" + ($0.element.hidden ? " (ẩn/hidden)" : "") }.joined(separator: ", ")
            suggestion.warnings.append(Message(
                vi: "bảng tính có \(sheets.count) trang tính; đọc trang \"\(name)\", không đọc \(others): đổi \"sheet\" (tên hoặc số thứ tự) nếu dữ liệu ở trang khác.",
                en: "the workbook has \(sheets.count) sheets; \"\(name)\" is read, not \(others): change \"sheet\" (a name or a number) if the data is on another."))
        }
        suggestion.placeHeader(in: rows, config: config)
        return suggestion
    }
}
