import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import KhoCore

/// Every personal and shared field of the sample exports gets a distinctive value that is still
/// valid for its type (so its row is still accepted), the night runs, and none of those values may
/// appear in the open side: any open bundle's entries (inflated), the open catalog files, the
/// portal files. A field reclassified as open must make this fail, and the second test proves it does.
@Suite(.serialized) struct OpenDataCanaryTests {
    /// The fields that must never be open, written here and not read from `pipelines/`, so that a
    /// field reclassified as open there is still planted — and found. Whatever else the schemas
    /// classify `personal` or `shared` is planted too.
    static let closedFields: [String: [String]] = [
        "ho-kinh-doanh": ["ho_ten", "ngay_sinh", "gioi_tinh", "so_dinh_danh", "so_dien_thoai", "email", "ma_so_thue"],
        "ho-ngheo": ["ma_ho", "ho_ten", "ngay_sinh", "gioi_tinh", "ma_dan_toc", "so_dinh_danh", "quan_he_chu_ho", "dia_chi",
                     "so_dien_thoai", "ghi_chu"],
    ]

    @Test func noPersonalOrSharedValueReachesTheOpenSide() throws {
        let night = try CanaryNight()
        defer { night.sandbox.remove() }
        let result = try night.run()
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        night.expectRowsStillAccepted()
        for (dataset, fields) in Self.closedFields {
            for field in fields { #expect(night.plantedByField["\(dataset).\(field)"]?.isEmpty == false, "nothing planted in \(dataset).\(field)") }
        }
        // Each field's canary did reach the shared bundle: the absence below means something.
        let shared = try night.sharedFiles().flatMap(\.bytes)
        for (field, values) in night.plantedByField.sorted(by: { $0.key < $1.key }) {
            #expect(values.contains { CanaryNight.contains(shared, $0) }, "no canary of \(field) in the shared bundles")
        }
        let open = try night.openFiles()
        #expect(open.contains { $0.path == "open/catalog.jsonld" })
        #expect(open.filter { $0.path.hasSuffix(".zip!datapackage.json") }.count == 8)
        // The portal is read whole: every page, every download (its bundles' entries too), the catalog.
        #expect(Set(open.map { String($0.path.split(separator: "!")[0]) }.filter { $0.hasPrefix("portal/") }).sorted() == PortalTests.expectedFiles())
        #expect(open.filter { $0.path.hasPrefix("portal/") && $0.path.hasSuffix(".zip!datapackage.json") }.count == 4)
        let found = night.found(in: open)
        #expect(found.isEmpty, "\(found.map { "\($0.field) in \($0.path): \($0.value)" })")
    }

    /// `ho_ten` of ho-kinh-doanh made open in a copy of the pipeline: the same check finds it.
    @Test func aPersonalFieldMadeOpenIsFound() throws {
        let night = try CanaryNight()
        defer { night.sandbox.remove() }
        try night.sandbox.configure("datasets/ho-kinh-doanh.json") { json in
            var fields = json["fields"] as? [[String: Any]] ?? []
            for index in fields.indices where fields[index]["name"] as? String == "ho_ten" { fields[index]["classification"] = "open" }
            json["fields"] = fields
        }
        #expect(try night.run().status == 0)
        let found = night.found(in: try night.openFiles())
        #expect(!found.isEmpty)
        #expect(Set(found.map(\.field)) == ["ho-kinh-doanh.ho_ten"])
        // Found wherever the open side shows it: the bundle, and the portal's copies and previews of it.
        let bundle = "ho-kinh-doanh_\(RunTests.asOf).zip"
        #expect(Set(found.map(\.path)) == ["open/ho-kinh-doanh/\(bundle)!data/ho-kinh-doanh.csv",
                                           "portal/files/ho-kinh-doanh/\(bundle)!data/ho-kinh-doanh.csv",
                                           "portal/files/ho-kinh-doanh/ho-kinh-doanh.csv",
                                           "portal/datasets/ho-kinh-doanh.html", "portal/en/datasets/ho-kinh-doanh.html"])
    }
}

/// A sandbox whose sample exports carry canaries: built from a first, clean run that tells where
/// each field's column is (`extract.json`) and which lines are records (`extracted.csv`).
final class CanaryNight {
    let sandbox: Sandbox
    /// Canary values by `dataset.field`.
    private(set) var plantedByField: [String: Set<String>] = [:]
    /// The clean night's accepted lines per unit and dataset.
    private var acceptedBefore: [String: Set<String>] = [:]
    /// Everything the clean night put on the open side, to prove the canaries are distinctive.
    private var openBefore: [UInt8] = []
    private var counter = 0
    private var mapping: [String: String] = [:]

    /// Every canary carries this, in some case, except those that must be digits or dates.
    static let marker = "KDLCANARY"

    init() throws {
        sandbox = try Sandbox()
        let clean = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf])
        guard clean.status == 0 else { throw ReadError(code: .fileUnreadable, message: "the clean night failed: \(clean.stderr)") }
        openBefore = try openFiles().flatMap { $0.bytes + [0x0A] }
        let config = TestSupport.load(sandbox)
        for unit in config.units {
            for dataset in Set(unit.sources.map(\.dataset)).sorted() {
                guard let schema = config.datasets[dataset] else { continue }
                let closed = Set(OpenDataCanaryTests.closedFields[dataset] ?? []).union(schema.fields.filter { $0.classification != .open }.map(\.name))
                guard !closed.isEmpty else { continue }
                acceptedBefore["\(unit.id)/\(dataset)"] = try accepted(unit.id, dataset)
                try plant(unit: unit.id, dataset: dataset, schema: schema, fields: closed)
            }
        }
        try addCanaryCodes(config)
        try FileManager.default.removeItem(at: sandbox.out)
        try sandbox.arrived(sandbox.inbox)
        for (field, values) in plantedByField {
            for value in values { #expect(!CanaryNight.contains(openBefore, value), "canary \(value) of \(field) is not distinctive") }
        }
    }

    func run() throws -> Sandbox.Result {
        try sandbox.run("kdl-run", ["--as-of", RunTests.asOf])
    }

    // MARK: - Reading the outputs

    /// Every file of the open side and of the portal, a ZIP as each of its entries inflated (its
    /// name first, then its bytes). A file that cannot be read fails the test: unread is not clean.
    func openFiles() throws -> [(path: String, bytes: [UInt8])] {
        try files { $0.hasPrefix("open/") || $0.hasPrefix("portal/") }
    }

    /// The shared bundles' entries, inflated.
    func sharedFiles() throws -> [(path: String, bytes: [UInt8])] {
        try files { $0.hasPrefix("shared/") && $0.hasSuffix(".zip") }
    }

    private func files(_ included: (String) -> Bool) throws -> [(path: String, bytes: [UInt8])] {
        var files: [(path: String, bytes: [UInt8])] = []
        for path in sandbox.outputFiles() where included(path) {
            if path.hasSuffix(".zip") {
                let archive = try ZipArchive(path: sandbox.file(path).path)
                for member in archive.members {
                    files.append(("\(path)!\(member.name)", Array(member.name.utf8) + [0x0A] + (try CanaryNight.inflate(archive, member))))
                }
            } else {
                files.append((path, Array(try sandbox.bytes(path))))
            }
        }
        return files
    }

    /// Each canary found: its field, where, and the value; a file holding the marker in any case
    /// but no whole canary is reported too, with the field "?".
    func found(in files: [(path: String, bytes: [UInt8])]) -> [(field: String, path: String, value: String)] {
        var found: [(field: String, path: String, value: String)] = []
        for file in files {
            for (field, values) in plantedByField.sorted(by: { $0.key < $1.key }) {
                for value in values.sorted() where CanaryNight.contains(file.bytes, value) { found.append((field, file.path, value)) }
            }
            let upper = file.bytes.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
            if CanaryNight.contains(upper, CanaryNight.marker) && !found.contains(where: { $0.path == file.path }) {
                found.append(("?", file.path, CanaryNight.marker))
            }
        }
        return found
    }

    /// Whether the bytes hold the value's UTF-8: memchr for its first byte, memcmp for the rest
    /// (hundreds of values over every file).
    static func contains(_ bytes: [UInt8], _ value: String) -> Bool {
        let needle = Array(value.utf8)
        guard let first = needle.first else { return true }
        guard needle.count <= bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                let base = haystack.baseAddress!
                var start = 0
                while start + needle.count <= haystack.count {
                    guard let hit = memchr(base + start, Int32(first), haystack.count - needle.count - start + 1) else { return false }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, needle.baseAddress!, needle.count) == 0 { return true }
                    start = at + 1
                }
                return false
            }
        }
    }

    /// A ZIP entry inflated, read in chunks (`readPrefix` would zero a buffer of its whole limit).
    private static func inflate(_ archive: ZipArchive, _ member: ZipArchive.Member) throws -> [UInt8] {
        let stream = try archive.open(member, limit: 1 << 30, maxRatio: 100_000)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }

    func expectRowsStillAccepted() {
        for (key, before) in acceptedBefore.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "/").map(String.init)
            let after = (try? accepted(parts[0], parts[1])) ?? []
            #expect(before.isSubset(of: after), "\(key): lines no longer accepted: \(before.subtracting(after).sorted())")
        }
    }

    private func accepted(_ unit: String, _ dataset: String) throws -> Set<String> {
        Set(try sandbox.csv("work/\(unit)/\(dataset)/validated.csv").compactMap { $0["_src"] })
    }

    // MARK: - Planting

    /// Rewrites the unit's exports of the dataset as UTF-8 text with canaries in the closed fields'
    /// columns, on the lines that were records; a closed field without a column gets one.
    private func plant(unit: String, dataset: String, schema: DatasetSchema, fields: Set<String>) throws {
        let report = try #require(try JSONSerialization.jsonObject(with: sandbox.bytes("work/\(unit)/\(dataset)/extract.json")) as? [String: Any])
        let records = Set(try sandbox.csv("work/\(unit)/\(dataset)/extracted.csv").compactMap { $0["_src"] })
        for file in report["files"] as? [[String: Any]] ?? [] {
            let path = try #require(file["path"] as? String)
            if file["format"] as? String == "xlsx" {
                try plantWorkbook(path: path, file: file, dataset: dataset, schema: schema, fields: fields)
                continue
            }
            guard file["format"] as? String == "csv" else {
                Issue.record("\(path): no canary rewriter for format \(file["format"] ?? "?")")
                continue
            }
            let delimiter: Character = (file["delimiter"] as? String).map { $0 == "tab" ? "\t" : Character($0) } ?? ","
            let header = try #require(file["headerLine"] as? Int)
            let columns = (file["columns"] as? [[String: Any]] ?? []).map { $0["field"] as? String }
            let missing = fields.filter { !columns.contains($0) }.sorted()
            let encodingName = (file["encoding"] as? [String: Any])?["name"] as? String ?? ""
            let encoding = try #require(TextEncoding(name: encodingName))
            let url = sandbox.inbox.appendingPathComponent(path)
            let decoder = DecodingByteStream(source: MemoryByteStream(Array(try Data(contentsOf: url))), encoding: encoding)
            var text = String(decoding: try decoder.readPrefix(1 << 28), as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            // By scalars: "\r\n" is one Character, so a split on Characters would never see "\n".
            var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
            for index in lines.indices {
                let number = index + 1
                let ending = lines[index].hasSuffix("\r") ? "\r" : ""
                var cells = CanaryNight.cells(String(lines[index].dropLast(ending.count)), delimiter: delimiter)
                if number == header {
                    cells += missing
                } else if records.contains("\(path):\(number)") {
                    for (column, field) in columns.enumerated() where column < cells.count {
                        guard let field, fields.contains(field), let definition = schema.field(field) else { continue }
                        cells[column] = canary(dataset, definition, original: CanaryNight.unquoted(cells[column]))
                    }
                    if !missing.isEmpty {
                        while cells.count < columns.count { cells.append("") }
                        for field in missing {
                            guard let definition = schema.field(field) else { continue }
                            cells.append(canary(dataset, definition, original: "line \(number)"))
                        }
                    }
                } else {
                    continue
                }
                lines[index] = cells.joined(separator: String(delimiter)) + ending
            }
            try Data(lines.joined(separator: "\n").utf8).write(to: url)
        }
    }

    /// A workbook is written anew, one inline-string cell per field (headed by the field's name)
    /// on the rows that were records, with canaries in the closed fields: its layout was tested by
    /// the clean night, here only its values matter.
    private func plantWorkbook(path: String, file: [String: Any], dataset: String, schema: DatasetSchema, fields: Set<String>) throws {
        let header = try #require(file["headerLine"] as? Int)
        let sheet = try #require(file["sheet"] as? String)
        func cell(_ column: Int, _ row: Int, _ text: String) -> String {
            let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            var letters = "", number = column
            while number > 0 { letters = String(UnicodeScalar(UInt8(65 + (number - 1) % 26))) + letters; number = (number - 1) / 26 }
            return "<c r=\"\(letters)\(row)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escaped)</t></is></c>"
        }
        var rows = ["<row r=\"\(header)\">" + schema.fields.enumerated().map { cell($0.offset + 1, header, $0.element.name) }.joined() + "</row>"]
        for record in try sandbox.csv("work/\(path.split(separator: "/")[0])/\(dataset)/extracted.csv") {
            guard let source = record["_src"], source.hasPrefix(path + ":"), let line = Int(source.dropFirst(path.count + 1)) else { continue }
            let cells = schema.fields.enumerated().map { index, definition -> String in
                var value = record[definition.name] ?? ""
                // The sheet held the ID as a number, which lost its leading zero: the canary needs all 12 digits.
                if definition.role == .personalID && value.count == 11 && value.allSatisfy(\.isNumber) { value = "0" + value }
                if fields.contains(definition.name) { value = canary(dataset, definition, original: value) }
                return cell(index + 1, line, value)
            }
            rows.append("<row r=\"\(line)\">" + cells.joined() + "</row>")
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let parts = [
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("xl/workbook.xml", "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relations)\"><sheets><sheet name=\"\(sheet)\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(relations)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
            ("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"\(main)\"><sheetData>" + rows.joined() + "</sheetData></worksheet>"),
        ]
        let url = sandbox.inbox.appendingPathComponent(path)
        let output = try AtomicFile(url)
        let zip = ZipWriter(file: output, level: 6, date: try #require(CivilDate(iso: RunTests.asOf)))
        for (name, text) in parts { try zip.addEntry(name, bytes: Array(text.utf8)) }
        try zip.finish()
        try output.commit()
    }

    /// A distinctive value for the field, valid for its type, the same for the same original (so
    /// a household's members stay one household and a duplicate stays a duplicate); an empty or
    /// malformed original is left alone, so no rejected row becomes accepted by accident.
    private func canary(_ dataset: String, _ field: FieldDefinition, original: String) -> String {
        let trimmed = original.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return original }
        let key = "\(dataset).\(field.name)"
        if let known = mapping["\(key)=\(trimmed)"] { return known }
        counter += 1
        let digits = trimmed.filter(\.isNumber)
        var value: String?
        if field.codeList != nil {
            value = CanaryNight.code(field.name)
        } else if field.role == .personalID {
            if digits.count == 12 && digits.count == trimmed.count { value = String(digits.prefix(6)) + "8" + String(format: "%05d", counter) }
            if digits.count == 9 && digits.count == trimmed.count { value = String(digits.prefix(3)) + "8" + String(format: "%05d", counter) }
        } else if field.role == .phone {
            value = "0369" + String(format: "%06d", 100_000 + counter)
        } else if field.role == .email {
            value = "kdlcanary\(counter)@example.com"
        } else if field.role == .taxCode {
            var serial = counter
            while value == nil {
                let nine = Array("86" + String(format: "%07d", serial)).map { $0.asciiValue ?? 0x30 }
                if let check = IdentifierNormalizer.taxCheckDigit(nine) { value = String(decoding: nine + [check], as: UTF8.self) }
                serial += 1_000
            }
        } else if field.type == .date {
            value = birthDate(trimmed)
        } else if field.type == .string {
            value = CanaryNight.marker + field.name.replacingOccurrences(of: "_", with: "").uppercased() + String(counter)
        }
        guard let value else { return original }
        mapping["\(key)=\(trimmed)"] = value
        plantedByField[key, default: []].insert(value)
        // A date is searched for as the bundles write it, too.
        if field.type == .date, let iso = CanaryNight.iso(value) { plantedByField[key, default: []].insert(iso) }
        return value
    }

    /// The same year (the personal ID's digits 5–6 must still agree), in January (never later than
    /// the original), on a day that no open output of the clean night shows, in the original's layout.
    private func birthDate(_ original: String) -> String? {
        let parts = original.split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ Int($0) != nil }) else { return nil }
        let isoLayout = parts[0].count == 4
        let year = isoLayout ? parts[0] : parts[2]
        guard year.count == 4 else { return nil }
        for day in [17, 19, 23, 13, 27, 11, 21, 25, 15, 26] {
            let iso = "\(year)-01-\(day)", local = "\(day)/01/\(year)"
            if !CanaryNight.contains(openBefore, iso) && !CanaryNight.contains(openBefore, local) { return isoLayout ? iso : local }
        }
        return nil
    }

    static func code(_ field: String) -> String { marker + field.replacingOccurrences(of: "_", with: "").uppercased() }

    /// The canary codes join their code lists in the sandbox, valid at every date.
    private func addCanaryCodes(_ config: Configuration) throws {
        var lists: [String: String] = [:]
        for schema in config.datasets.values {
            for field in schema.fields where plantedByField["\(schema.id).\(field.name)"] != nil {
                if let list = field.codeList { lists[list] = field.name }
            }
        }
        for (list, field) in lists {
            let url = sandbox.root.appendingPathComponent("pipelines/catalogs/\(list).csv")
            var text = try String(contentsOf: url, encoding: .utf8)
            let columns = text.prefix { $0 != "\n" && $0 != "\r" }.split(separator: ",", omittingEmptySubsequences: false).count
            if !text.hasSuffix("\n") { text += "\n" }
            text += [CanaryNight.code(field), "Mã thử"].joined(separator: ",") + String(repeating: ",", count: columns - 2) + "\n"
            try Data(text.utf8).write(to: url)
        }
    }

    // MARK: - Text

    private static func iso(_ date: String) -> String? {
        let parts = date.split(separator: "/").map(String.init)
        guard parts.count == 3 else { return nil }
        return "\(parts[2])-\(parts[1].count == 1 ? "0" + parts[1] : parts[1])-\(parts[0].count == 1 ? "0" + parts[0] : parts[0])"
    }

    /// A line's cells as written, quotes kept.
    static func cells(_ line: String, delimiter: Character) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        for character in line {
            if character == "\"" { quoted.toggle() }
            if character == delimiter && !quoted {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
        }
        cells.append(cell)
        return cells
    }

    static func unquoted(_ cell: String) -> String {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") else { return cell }
        return String(trimmed.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }
}
