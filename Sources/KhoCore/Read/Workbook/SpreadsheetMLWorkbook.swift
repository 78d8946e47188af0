/// What an `.xlsx` says about itself before any sheet is read: its sheets in tab order (from
/// `xl/workbook.xml` and its relationships), its date system, its shared strings and cell formats.
final class SpreadsheetMLWorkbook {
    private(set) var sheets: [WorkbookSheet] = []
    private(set) var dateSystem = ExcelNumber.DateSystem.from1900
    private(set) var sharedStrings = SharedStrings()
    private(set) var styles = CellStyles()

    /// Sheets listed at most (Excel allows as many as memory does; real workbooks hold a few dozen).
    static let maxSheets = 4096

    init(package: WorkbookPackage, limits: ReadLimits) throws {
        let workbookPath = try SpreadsheetMLWorkbook.officeDocument(package) ?? "xl/workbook.xml"
        let folder = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let targets = try SpreadsheetMLWorkbook.relationships(package, of: workbookPath)
        let workbook = try package.requiredPart(workbookPath)
        var listed: [(name: String, hidden: Bool, relation: String?)] = []
        while try workbook.next() {
            guard workbook.kind == .element else { continue }
            switch workbook.localName {
            case "workbookPr":
                let value = workbook.attribute("date1904")
                if value == "1" || value == "true" { dateSystem = .from1904 }
            case "sheet":
                guard listed.count < SpreadsheetMLWorkbook.maxSheets else {
                    throw ReadError(code: .workbookLimitExceeded, message: "\(workbook.name): more than \(SpreadsheetMLWorkbook.maxSheets) sheets")
                }
                let attributes = workbook.reader.attributes()
                let name = attributes.first { $0.name == "name" && $0.namespaceURI.isEmpty }?.value ?? ""
                let state = attributes.first { $0.name == "state" }?.value ?? "visible"
                // `r:id`, in the transitional or the strict relationships namespace.
                let relation = attributes.first { $0.name == "id" && $0.namespaceURI.hasSuffix("relationships") }?.value
                listed.append((UnicodeNFC.normalized(name), state != "visible", relation))
            default: break
            }
        }
        for entry in listed {
            let part = entry.relation.flatMap { targets[$0] }.flatMap { WorkbookPackage.resolve($0, from: folder) }
            sheets.append(WorkbookSheet(name: entry.name, hidden: entry.hidden, part: part))
        }
        // Shared strings and styles are found by their usual names, or by the relationship types.
        let stringsPath = targets.values.first { $0.lowercased().hasSuffix("sharedstrings.xml") }
            .flatMap { WorkbookPackage.resolve($0, from: folder) } ?? "xl/sharedStrings.xml"
        if let part = try package.part(stringsPath) {
            sharedStrings = try SharedStrings(part: part, maxBytes: limits.maxSharedStringsBytes)
        }
        let stylesPath = targets.values.first { $0.lowercased().hasSuffix("styles.xml") }
            .flatMap { WorkbookPackage.resolve($0, from: folder) } ?? "xl/styles.xml"
        if let part = try package.part(stylesPath) {
            styles = try CellStyles(part: part)
        }
    }

    /// The workbook part named by the package's `_rels/.rels`, if it names one.
    private static func officeDocument(_ package: WorkbookPackage) throws -> String? {
        guard let rels = try package.part("_rels/.rels") else { return nil }
        while try rels.next() {
            guard rels.kind == .element, rels.localName == "Relationship" else { continue }
            if let type = rels.attribute("Type"), type.hasSuffix("/officeDocument"), let target = rels.attribute("Target") {
                return WorkbookPackage.resolve(target, from: "")
            }
        }
        return nil
    }

    /// Relationship id → target of a part (`xl/_rels/workbook.xml.rels`).
    private static func relationships(_ package: WorkbookPackage, of path: String) throws -> [String: String] {
        var components = path.split(separator: "/").map(String.init)
        let file = components.popLast() ?? ""
        let relsPath = (components + ["_rels", file + ".rels"]).joined(separator: "/")
        guard let rels = try package.part(relsPath) else { return [:] }
        var targets: [String: String] = [:]
        while try rels.next() {
            guard rels.kind == .element, rels.localName == "Relationship" else { continue }
            if let id = rels.attribute("Id"), let target = rels.attribute("Target"), rels.attribute("TargetMode") != "External" {
                targets[id] = target
            }
            guard targets.count <= maxSheets * 4 else {
                throw ReadError(code: .workbookLimitExceeded, message: "\(rels.name): too many relationships")
            }
        }
        return targets
    }
}
