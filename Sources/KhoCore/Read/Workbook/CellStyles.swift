/// The cell formats of an `.xlsx` (`xl/styles.xml`) as far as values need them: for each cell
/// format index (a cell's `s`), whether its number format shows a date, a date and time or a time.
struct CellStyles {
    /// By cell format index; nil for a number or text format.
    private(set) var dateKinds: [NumberFormat.DateKind?] = []

    /// Cell formats kept at most: Excel allows 64 000; more is a hostile file, not a workbook.
    static let maxFormats = 1 << 17

    init() {}

    init(part: WorkbookPart) throws {
        var customCodes: [Int: String] = [:]
        var inCellFormats = false
        while try part.next() {
            switch part.kind {
            case .element:
                switch part.localName {
                case "numFmt":
                    if let id = part.attribute("numFmtId").flatMap({ Int($0) }), let code = part.attribute("formatCode") {
                        customCodes[id] = code
                    }
                case "cellXfs":
                    inCellFormats = !part.isEmptyElement
                case "xf" where inCellFormats:
                    guard dateKinds.count < CellStyles.maxFormats else {
                        throw ReadError(code: .workbookLimitExceeded, message: "\(part.name): more than \(CellStyles.maxFormats) cell formats", line: part.line)
                    }
                    let id = part.attribute("numFmtId").flatMap { Int($0) } ?? 0
                    // A custom code may reuse a built-in id: the code the workbook gives wins.
                    dateKinds.append(customCodes[id].map(NumberFormat.kind(ofCode:)) ?? NumberFormat.builtIn(id))
                default: break
                }
            case .endElement where part.localName == "cellXfs":
                inCellFormats = false
            default: break
            }
        }
    }

    func dateKind(style: Int) -> NumberFormat.DateKind? {
        style >= 0 && style < dateKinds.count ? dateKinds[style] : nil
    }
}
