/// A first draft of `pipelines/datasets/<id>.json` for an export no dataset fits, in the project's
/// schema format (a Frictionless Table Schema with its extensions): one field per column. A header
/// the dictionary knows reuses that entry by name; any other becomes a new field named from the
/// header, with the type, code list and date layout its sample values show. Nothing is guessed
/// that would publish data: a field is `personal` when the dictionary says so, else `shared`,
/// never `open`; key, required fields and open data are left for a person to decide.
struct DatasetSchemaDraft {
    struct Field {
        /// The header (or XML key) the field comes from.
        var column: String
        var name: String
        /// The dictionary entry reused by name: its type, code list and aliases come with it.
        var dictionaryEntry: FieldDefinition?
        var title: String
        var type: FieldType
        var codeList: String?
        var classification: Classification
        var profile: ValueProfile
        /// The one date layout the sample writes, declared so that a value in another is reported.
        var format: String?
        /// What the person should know about this field, for its `$comment`.
        var notes: [Message] = []
    }

    /// The loader's limit on fields per dataset.
    static let maxFields = 64

    var id: String
    var title: String
    var file: String
    var rows: Int
    var fields: [Field] = []
    /// Columns not drafted: a header seen before, or one past the limit of fields.
    var leftOut: [String] = []
    /// Columns past those the sample looked at, also not drafted.
    var omitted = 0

    /// Nil when the sample has no column to draft from.
    init?(_ suggestion: SourceSuggestion, config: Configuration) {
        let sample = suggestion.sample
        guard !sample.columns.isEmpty else { return nil }
        file = suggestion.file
        rows = sample.rows
        omitted = sample.omittedColumns
        title = sample.title ?? suggestion.file
        // Never the name of a dataset that exists: every file in datasets/ is loaded under its name.
        let base = FileNamePattern.datasetID(for: suggestion.file) ?? "bo-du-lieu-moi"
        var candidate = base
        var number = 1
        while config.datasets[candidate] != nil {
            number += 1
            candidate = "\(base)-\(number)"
        }
        id = candidate

        let dictionary = config.dictionary.asDataset
        let mapper = ColumnMapper(schema: dictionary, explicitColumns: [])
        var names = Set<String>()
        var headers = Set<String>()
        for (position, column) in sample.columns.enumerated() {
            let key = TextKey.compact(column.name)
            guard headers.insert(key.isEmpty ? column.name : key).inserted, fields.count < DatasetSchemaDraft.maxFields else {
                leftOut.append(column.name)
                continue
            }
            let profile = ValueProfile(values: column.values, codeLists: config.codeLists)
            var field: Field
            if let index = mapper.field(forColumn: column.name), !names.contains(dictionary.fields[index].name) {
                field = DatasetSchemaDraft.reused(dictionary.fields[index], column: column.name, profile: profile)
            } else {
                let name = DatasetSchemaDraft.newName(column.name, position: position, taken: names.union(config.dictionary.fields.keys))
                field = DatasetSchemaDraft.new(name, column: column.name, profile: profile)
            }
            names.insert(field.name)
            fields.append(field)
        }
    }

    /// Each column drafted, to the field it feeds; columns left out feed none.
    var columns: [SourceSuggestion.Column] {
        fields.map { .init(column: $0.column, field: $0.name) } + leftOut.map { .init(column: $0, field: nil) }
    }

    // MARK: - JSON

    /// The draft laid out as the project's schemas are: top-level properties, then one field a line.
    func json(_ language: Language) -> String {
        let quoted = JSONOutput.quoted
        var comment = Message(
            vi: "Bản nháp do kdl-extract --suggest lập từ \(file) (\(rows) dòng mẫu). Rà soát trước khi dùng: tên, tiêu đề và mô tả (description) của bộ dữ liệu và của từng trường; kiểu đoán từ giá trị mẫu; codeList đoán từ giá trị; phân loại: shared theo mặc định, personal cho trường cá nhân của từ điển, không trường nào open cho đến khi quyết định công bố; chọn primaryKey và các trường bắt buộc (constraints.required); thêm freshnessDays, openData, sharingService nếu cần. Kiểu viết ngày ghi ở $comment của trường, không ở format: bó dữ liệu mang ngày ISO.",
            en: "Draft made by kdl-extract --suggest from \(file) (\(rows) sample rows). Review before use: the name, title and description of the dataset and of each field; types guessed from the sample values; code lists (codeList) guessed from the values; classification: shared by default, personal for the dictionary's personal fields, no field open until publishing it is decided; choose the primaryKey and the required fields (constraints.required); add freshnessDays, openData, sharingService as needed. Date layouts are noted in each field's $comment, not as format: bundles carry ISO dates.")
        if !leftOut.isEmpty || omitted > 0 {
            let total = leftOut.count + omitted
            let listed = leftOut.prefix(10).joined(separator: ", ") + (total > 10 ? " … (\(total))" : "")
            comment.vi += " Cột không đưa vào (tên lặp lại, hoặc quá \(DatasetSchemaDraft.maxFields) trường): \(listed)."
            comment.en += " Columns left out (a repeated header, or past \(DatasetSchemaDraft.maxFields) fields): \(listed)."
        }
        let lines = fields.map { field -> String in
            var properties: [(String, String)] = [("name", quoted(field.name))]
            if field.dictionaryEntry == nil {
                properties += [("title", quoted(field.title)), ("type", quoted(field.type.rawValue))]
                if let codeList = field.codeList { properties.append(("codeList", quoted(codeList))) }
            }
            if let format = field.format { properties.append(("format", quoted(format))) }
            properties.append(("classification", quoted(field.classification.rawValue)))
            if field.dictionaryEntry == nil { properties.append(("aliases", "[\(quoted(field.column))]")) }
            if !field.notes.isEmpty {
                properties.append(("$comment", quoted(field.notes.map { $0.text(language) }.joined(separator: " "))))
            }
            return "    {" + properties.map { "\(quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
        }
        return """
        {
          "$comment": \(quoted(comment.text(language))),
          "name": \(quoted(id)),
          "title": \(quoted(title)),
          "fields": [
        \(lines.joined(separator: ",\n"))
          ]
        }

        """
    }

    // MARK: - Fields

    private static func reused(_ entry: FieldDefinition, column: String, profile: ValueProfile) -> Field {
        var field = Field(column: column, name: entry.name, dictionaryEntry: entry, title: entry.title ?? entry.name, type: entry.type,
                          codeList: entry.codeList, classification: entry.classification == .personal ? .personal : .shared,
                          profile: profile)
        if entry.classification == .open {
            field.notes.append(Message(vi: "Từ điển phân loại trường này là open; bản nháp để shared cho đến khi quyết định công bố.",
                                       en: "The dictionary classifies this field open; the draft keeps it shared until publishing it is decided."))
        }
        if !profile.reads(as: entry.type) {
            field.notes.append(Message(vi: "Không phải mọi giá trị mẫu đọc được là \(entry.type.rawValue), kiểu của từ điển: những dòng đó sẽ bị loại.",
                                       en: "Not every sampled value reads as \(entry.type.rawValue), the dictionary's type: those rows would be rejected."))
        }
        field.notes += layoutNotes(profile, type: entry.type)
        field.format = declaredLayout(profile, type: entry.type)
        return field
    }

    private static func new(_ name: String, column: String, profile: ValueProfile) -> Field {
        var field = Field(column: column, name: name, dictionaryEntry: nil, title: label(column), type: profile.type,
                          codeList: nil, classification: .shared, profile: profile)
        if profile.count == 0 {
            field.notes.append(Message(vi: "Cột trống trong mẫu: kiểu để string.", en: "No value in the sample: the type is left string."))
        }
        if let list = profile.codeList, let match = profile.codeLists.first {
            field.codeList = list
            field.type = .string
            field.notes.append(Message(vi: "codeList đoán từ giá trị: \(match.matched)/\(profile.count) giá trị mẫu là mã hoặc tên trong \(list).",
                                       en: "codeList guessed from the values: \(match.matched) of \(profile.count) sampled values are codes or names in \(list)."))
        } else if !profile.codeLists.isEmpty {
            let lists = profile.codeLists.map(\.codeList).joined(separator: ", ")
            field.notes.append(Message(vi: "Giá trị có thể là mã của một trong các danh mục \(lists): chọn một làm codeList, hoặc không.",
                                       en: "The values could be codes of any of \(lists): choose one as codeList, or none."))
        }
        if profile.leadingZeros && field.codeList == nil {
            field.notes.append(Message(vi: "Chữ số có số 0 đứng đầu: để string để không mất số 0 (mã hay số định danh?).",
                                       en: "Digits with leading zeros: kept as string so that no zero is lost (a code or an identifier?)."))
        }
        field.notes += layoutNotes(profile, type: field.type)
        field.format = declaredLayout(profile, type: field.type)
        return field
    }

    /// The layout to declare as the field's `format`: the one layout every sampled date uses,
    /// when the run can read it. A column that mixes layouts gets none, and a note instead.
    private static func declaredLayout(_ profile: ValueProfile, type: FieldType) -> String? {
        guard type == .date || type == .datetime, profile.dateLayouts.count == 1 else { return nil }
        let layout = profile.dateLayouts[0].layout
        guard !DateLayoutSniffer.isRefused(layout), (try? DateLayout(layout)) != nil else { return nil }
        return layout
    }

    /// How the dates are written, when they are: the run reads them and writes ISO.
    private static func layoutNotes(_ profile: ValueProfile, type: FieldType) -> [Message] {
        let layouts = profile.dateLayouts
        guard !layouts.isEmpty, type == .date || type == .datetime || layouts.contains(where: { DateLayoutSniffer.isRefused($0.layout) }) else { return [] }
        var notes: [Message] = []
        if layouts.count == 1 {
            notes.append(Message(vi: "Ngày viết \(layouts[0].layout) trong tệp (khai báo ở format: ngày viết kiểu khác sẽ bị báo); lần chạy chuẩn hóa về ISO 8601.",
                                 en: "Dates written \(layouts[0].layout) in the file (declared as format: a date in another layout is reported); the run rewrites them as ISO 8601."))
        } else {
            let listed = layouts.map { "\($0.layout) (\($0.count))" }.joined(separator: ", ")
            notes.append(Message(vi: "Cột viết ngày lẫn nhiều kiểu: \(listed).", en: "The column mixes date layouts: \(listed)."))
        }
        let refused = layouts.map(\.layout).filter(DateLayoutSniffer.isRefused)
        if !refused.isEmpty {
            let listed = refused.joined(separator: ", ")
            notes.append(Message(vi: "Lần chạy không nhận \(listed) là ngày (tháng trước ngày, hoặc năm hai chữ số): đề nghị đơn vị xuất ngày dạng %d/%m/%Y.",
                                 en: "The run does not take \(listed) as dates (month before day, or a two-digit year): ask the unit for %d/%m/%Y."))
        }
        return notes
    }

    /// A header as a title: an XML key without its path marks (`../@MaTram` → `MaTram`).
    private static func label(_ column: String) -> String {
        var text = Substring(column)
        while text.hasPrefix("../") { text = text.dropFirst(3) }
        if text.hasPrefix("@") { text = text.dropFirst() }
        return String(text)
    }

    /// A snake_case ASCII name for a header no dictionary entry matches, unused by any field or
    /// dictionary entry (a dictionary name would pull that entry's definition in).
    private static func newName(_ column: String, position: Int, taken: Set<String>) -> String {
        var base = String(TextKey.snakeCase(label(column)).prefix(60))
        while base.hasSuffix("_") { base.removeLast() }
        if base.isEmpty { base = "cot_\(position + 1)" }
        if base.first?.isNumber == true { base = "cot_" + base }
        var name = base
        var number = 1
        while taken.contains(name) {
            number += 1
            name = "\(base)_\(number)"
        }
        return name
    }
}
