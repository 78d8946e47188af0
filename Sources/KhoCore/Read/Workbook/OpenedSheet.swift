/// A workbook opened at the sheet a source chooses, ready to stream its rows: the package told
/// apart by content, the workbook's own parts read (sheet list, date system, shared strings, cell
/// formats), and the sheet's reader positioned before its first row.
struct OpenedSheet {
    let kind: WorkbookPackage.Kind
    /// In tab order; for `.ods`, those up to the chosen one until the reader has read the rest.
    let sheets: [WorkbookSheet]
    let chosen: Int
    let reader: WorkbookSheetReader
    let dateSystem: ExcelNumber.DateSystem

    init(path: String, displayName: String, choice: SheetChoice, limits: ReadLimits) throws {
        let package = try WorkbookPackage(path: path, displayName: displayName, limits: limits)
        kind = package.kind
        switch package.kind {
        case .spreadsheetML:
            let workbook = try SpreadsheetMLWorkbook(package: package, limits: limits)
            sheets = workbook.sheets
            guard let index = choice.pick(sheets) else { throw OpenedSheet.notFound(choice, sheets, displayName) }
            chosen = index
            guard let partPath = sheets[index].part, let part = try package.part(partPath) else {
                throw ReadError(code: .workbookMalformed, message: "\(displayName): the part of sheet \"\(sheets[index].name)\" is missing")
            }
            let reader = SpreadsheetMLSheetReader(part: part, workbook: workbook, sheet: sheets[index].name, maxRowBytes: limits.maxLineBytes)
            try reader.start()
            self.reader = reader
            dateSystem = workbook.dateSystem
        case .openDocument:
            // An encrypted package keeps its manifest readable and says so there.
            if let manifest = try package.part("META-INF/manifest.xml") {
                while try manifest.next() {
                    if manifest.kind == .element && manifest.localName == "encryption-data" {
                        throw ReadError(code: .workbookEncrypted, message: "\(displayName): the workbook is protected by a password; send it without a password")
                    }
                }
            }
            let reader = ODSSheetReader(part: try package.requiredPart("content.xml"), maxRowBytes: limits.maxLineBytes)
            guard try reader.start(choice: choice), let index = reader.chosen else {
                throw OpenedSheet.notFound(choice, reader.sheets, displayName)
            }
            chosen = index
            sheets = reader.sheets
            self.reader = reader
            dateSystem = .from1900
        }
    }

    private static func notFound(_ choice: SheetChoice, _ sheets: [WorkbookSheet], _ path: String) -> ReadError {
        let names = sheets.map { "\"\($0.name)\"" + ($0.hidden ? " (hidden)" : "") }.joined(separator: ", ")
        return ReadError(code: .sheetNotFound, message: "\(path): no \(choice.description); the workbook has \(names.isEmpty ? "no sheet" : names)")
    }
}
