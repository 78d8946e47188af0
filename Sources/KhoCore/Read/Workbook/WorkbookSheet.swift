/// A sheet as the workbook lists it, in tab order.
public struct WorkbookSheet: Sendable, Equatable {
    public var name: String
    /// Hidden by the user (`hidden`) or by a program (`veryHidden`).
    public var hidden: Bool
    /// For `.xlsx`: the sheet's part (`xl/worksheets/sheet1.xml`).
    var part: String?
}

/// Which sheet of a workbook a unit's source reads (`"sheet"`: a name, or a 1-based index in tab
/// order); by default the first visible sheet.
public enum SheetChoice: Sendable, Equatable {
    case firstVisible
    case name(String)
    case index(Int)

    /// The index in `sheets` of the chosen sheet, if the workbook has it. Names compare as Excel
    /// does: case and Unicode form aside.
    func pick(_ sheets: [WorkbookSheet]) -> Int? {
        switch self {
        case .firstVisible: return sheets.firstIndex { !$0.hidden }
        case .index(let index): return index >= 1 && index <= sheets.count ? index - 1 : nil
        case .name(let name):
            let wanted = UnicodeNFC.normalized(name).lowercased()
            return sheets.firstIndex { UnicodeNFC.normalized($0.name).lowercased() == wanted }
        }
    }

    var description: String {
        switch self {
        case .firstVisible: "the first visible sheet"
        case .name(let name): "sheet \"\(name)\""
        case .index(let index): "sheet number \(index)"
        }
    }
}
