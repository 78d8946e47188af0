import Foundation

/// One unit (`pipelines/units/<id>.json`): a department or People's Committee and its exports.
public struct UnitConfig: Sendable {
    public var id: String
    public var name: String
    public var agencyCode: String?
    /// For a district People's Committee (`kind: district`), its code in `huyen.csv`: the district
    /// of its records when they have no district field of their own, which tells apart communes
    /// of the same name in different districts.
    public var districtCode: String?
    public var sources: [UnitSource]

    /// The catalog `districtCode` is a code of.
    public static let districtCatalog = "huyen"

    /// The unit's own codes, by catalog: what a record's missing parent code defaults to.
    public var ownCodes: [String: String] {
        districtCode.map { [UnitConfig.districtCatalog: $0] } ?? [:]
    }
    /// The unit's period in force, both days included. A district People's Committee ended on
    /// 2025-06-30; its exports still arrive and its rows are still its own.
    public var validFrom: CivilDate? = nil
    public var validTo: CivilDate? = nil
    /// The body that took over when the unit ended, when it is known (not guessed).
    public var successor: Organization? = nil
    /// The unit's focal point (đầu mối), the contact of its datasets and services; nil is a
    /// configuration warning, not an error.
    public var focalPoint: FocalPoint? = nil
}

/// One kind of export a unit sends: which files, how to read them, which dataset they feed.
public struct UnitSource: Sendable {
    public var dataset: String
    /// Glob matched against file names in the unit's inbox folder (`*` and `?`).
    public var files: String
    /// `auto` (by the file name's ending), or the name of a format in `SourceFormats`.
    public var format = "auto"
    /// `auto`, or an encoding name (`utf-8`, `utf-16le`, `windows-1258`, `tcvn3`, `vni`).
    public var encoding: String = "auto"
    /// 1-based line of the header row, or nil to find it.
    public var headerRow: Int?
    /// nil to detect it from the content.
    public var delimiter: UInt8?
    /// For XML: the path of the record element, e.g. `/DanhSach/HoGiaDinh/ThanhVien`.
    public var recordPath: String?
    /// For a workbook: the sheet to read (`"sheet"`: a name or a 1-based number); the first visible one by default.
    public var sheet = SheetChoice.firstVisible
    /// Explicit column (or XML child / `@attribute` / `../@attribute`) to field mapping; other columns map by alias.
    public var columns: [(column: String, field: String)] = []
    /// Per field, the code list the unit's codes come from when it is not the field's own (1979 ethnic
    /// codes), and the column of that list holding the field's own code.
    public var codeSystems: [String: CodeSystem] = [:]
    /// Per date field, the layouts this unit writes when they differ from the dataset's `format`.
    public var dateLayouts: [String: [DateLayout]] = [:]
}

extension UnitConfig {
    /// The unit's own code systems for a dataset's fields (from its first source of that dataset).
    public func codeSystems(for dataset: String) -> [String: CodeSystem] {
        sources.first { $0.dataset == dataset }?.codeSystems ?? [:]
    }

    /// The dataset as this unit's export is read: its own date layouts replace the dataset's.
    public func schema(for dataset: DatasetSchema) -> DatasetSchema {
        guard let layouts = sources.first(where: { $0.dataset == dataset.id })?.dateLayouts, !layouts.isEmpty else { return dataset }
        var schema = dataset
        for (name, fieldLayouts) in layouts {
            if let index = schema.fieldIndex(name) { schema.fields[index].sourceLayouts = fieldLayouts }
        }
        return schema
    }
}

/// A unit's own numbering for a coded field, and how it maps to the shared list.
public struct CodeSystem: Sendable, Equatable {
    public var catalog: String
    public var column: String
}

extension UnitConfig {
    static func load(_ url: URL, displayName: String, datasets: [String: DatasetSchema], problems: ConfigProblems) -> UnitConfig? {
        guard let root = ConfigFile.object(at: url, displayName: displayName, problems: problems) else { return nil }
        let expectedID = url.deletingPathExtension().lastPathComponent
        _ = root.integer("version")
        root.accept("$comment", "kind")
        if root.has("contact") {
            _ = root.raw("contact")
            root.problem("contact", Message(
                vi: "contact được thay bằng focalPoint: {\"name\": …, \"position\": …, \"phone\": …, \"email\": …} (đầu mối của đơn vị)",
                en: "contact is replaced by focalPoint: {\"name\": …, \"position\": …, \"phone\": …, \"email\": …} (the unit's focal point)"))
        }
        let id = root.requiredString("id")
        if !id.isEmpty && id != expectedID { root.problem("id", Message(vi: "phải trùng tên tệp \"\(expectedID)\"", en: "must equal the file name \"\(expectedID)\"")) }
        var sources: [UnitSource] = []
        for entry in root.objects("sources") ?? [] {
            entry.accept("$comment")
            var source = UnitSource(dataset: entry.requiredString("dataset"), files: entry.requiredString("files"))
            let schema = datasets[source.dataset]
            if schema == nil && !source.dataset.isEmpty {
                entry.problem("dataset", Message(vi: "\"\(source.dataset)\" không phải bộ dữ liệu trong pipelines/datasets/", en: "\"\(source.dataset)\" is not a dataset in pipelines/datasets/"))
            }
            if let format = entry.string("format") {
                if format == "auto" || SourceFormats.named(format) != nil { source.format = format }
                else {
                    let known = (["auto"] + SourceFormats.all.map { $0.name }).joined(separator: ", ")
                    entry.problem("format", Message(vi: "định dạng không hợp lệ \"\(format)\" (có: \(known))",
                                                    en: "unknown format \"\(format)\" (known: \(known))"))
                }
            }
            if let encoding = entry.string("encoding") {
                if encoding == "auto" || TextEncoding(name: encoding) != nil { source.encoding = encoding }
                else { entry.problem("encoding", Message(vi: "bảng mã không hợp lệ \"\(encoding)\"", en: "unknown encoding \"\(encoding)\"")) }
            }
            switch entry.raw("headerRow") {
            case nil, .string("auto"): break
            case .number(let line) where line >= 1 && line.rounded() == line: source.headerRow = Int(line)
            default: entry.problem("headerRow", Message(vi: "cần \"auto\" hoặc số dòng từ 1", en: "expected \"auto\" or a line number from 1"))
            }
            if let delimiter = entry.string("delimiter"), delimiter != "auto" {
                let named: [String: UInt8] = [",": 0x2C, ";": 0x3B, "\t": 0x09, "tab": 0x09, "|": 0x7C]
                if let byte = named[delimiter] { source.delimiter = byte }
                else { entry.problem("delimiter", Message(vi: "cần \"auto\", \",\", \";\", \"tab\" hoặc \"|\"", en: "expected \"auto\", \",\", \";\", \"tab\" or \"|\"")) }
            }
            source.recordPath = entry.string("recordPath")
            switch entry.raw("sheet") {
            case nil: break
            case .string(let name) where !name.isEmpty: source.sheet = .name(name)
            case .number(let number) where number >= 1 && number.rounded() == number: source.sheet = .index(Int(number))
            default: entry.problem("sheet", Message(vi: "cần tên trang tính hoặc số thứ tự từ 1", en: "expected a sheet name or a number from 1"))
            }
            if let columns = entry.stringMap("columns") {
                for (column, field) in columns {
                    if let schema, schema.fieldIndex(field) == nil {
                        entry.problem("columns", Message(vi: "\(column): \"\(field)\" không phải trường của \(source.dataset)", en: "\(column): \"\(field)\" is not a field of \(source.dataset)"))
                    }
                    source.columns.append((column, field))
                }
            }
            if let systems = entry.object("codeSystems") {
                for field in systems.allKeys {
                    guard let system = systems.object(field) else { continue }
                    if let schema, schema.field(field)?.codeList == nil {
                        system.problem(nil, Message(vi: "\"\(field)\" không phải trường có mã của \(source.dataset)", en: "\"\(field)\" is not a coded field of \(source.dataset)"))
                    }
                    source.codeSystems[field] = CodeSystem(catalog: system.requiredString("catalog"), column: system.requiredString("column"))
                    system.finish()
                }
                systems.finish()
            }
            if let formats = entry.object("formats") {
                for name in formats.allKeys {
                    guard let layouts = formats.stringOrStrings(name) else { continue }
                    guard let field = schema?.field(name) else {
                        formats.problem(name, Message(vi: "không phải trường của \(source.dataset)", en: "is not a field of \(source.dataset)"))
                        continue
                    }
                    guard field.type == .date || field.type == .datetime else {
                        formats.problem(name, Message(vi: "không phải trường ngày tháng", en: "is not a date field"))
                        continue
                    }
                    var parsed: [DateLayout] = []
                    for layout in layouts {
                        if layout == "default" { parsed.append(field.type == .date ? .isoDate : .isoDateTime); continue }
                        do { parsed.append(try DateLayout(layout)) } catch { formats.problem(name, error.message) }
                    }
                    source.dateLayouts[name] = parsed
                }
                formats.finish()
            }
            if SourceFormats.needsRecordPath(source) && source.recordPath == nil { entry.problem("recordPath", Message(vi: "bắt buộc với nguồn XML", en: "is required for XML sources")) }
            entry.finish()
            sources.append(source)
        }
        var unit = UnitConfig(id: id, name: root.requiredString("name"), agencyCode: root.string("agencyCode"),
                              districtCode: root.string("districtCode"), sources: sources)
        unit.validFrom = root.date("validFrom")
        unit.validTo = root.date("validTo")
        if let from = unit.validFrom, let to = unit.validTo, to < from {
            root.problem("validTo", Message(vi: "\(to) trước validFrom \(from)", en: "\(to) is before validFrom \(from)"))
        }
        if let successor = root.object("successor") {
            unit.successor = Organization.load(successor, keys: [.agencyCode])
            if unit.validTo == nil {
                root.problem("successor", Message(vi: "cần validTo: cơ quan kế thừa nhận việc từ ngày sau ngày đơn vị kết thúc",
                                                  en: "needs validTo: a successor takes over the day after the unit ends"))
            }
        }
        if let point = root.object("focalPoint") {
            unit.focalPoint = FocalPoint.load(point)
        } else {
            root.warning("focalPoint", Message(
                vi: "chưa có đầu mối (tên, chức vụ, điện thoại, e-mail): bộ dữ liệu và dịch vụ chia sẻ của đơn vị không có đầu mối liên hệ",
                en: "no focal point (name, position, phone, e-mail): the unit's datasets and sharing services have no contact point"))
        }
        root.finish()
        return unit
    }
}
