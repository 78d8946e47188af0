import Foundation

/// `kdl-run --explain UNIT`: a unit's configuration as the run will use it — each source's files
/// in the inbox now, the encoding and dialect the reader settles on for them (configured, or
/// detected from the file as the night would), the column → field mapping, and the checks that
/// apply to each field. Opens the exports to look at their start; writes nothing.
enum UnitExplanation {
    static func render(unit id: String, _ setup: StageSetup) throws -> String {
        let config = setup.config, language = setup.options.language
        func say(_ vi: String, _ en: String) -> String { setup.say(vi, en) }
        guard let unit = config.unit(id) else {
            let known = config.units.map(\.id).joined(separator: ", ")
            throw UsageError(vi: "--explain \(id): không có đơn vị này (có: \(known))", en: "--explain \(id): no such unit (known: \(known))")
        }
        var lines = ["\(unit.id) — \(unit.name)" + (unit.agencyCode.map { " (\($0))" } ?? "")]
        if let focal = unit.focalPoint { lines.append(say("Đầu mối: ", "Focal point: ") + focal.name) }
        for dataset in Set(unit.sources.map(\.dataset)).sorted() {
            guard let shared = config.datasets[dataset] else { continue }
            let schema = unit.schema(for: shared)
            let listing = try InboxListing.list(unit, dataset: dataset, inbox: setup.workspace.inbox, quietPeriod: config.pipeline.quietPeriodSeconds)
            lines.append("")
            lines.append(say("Bộ dữ liệu \(dataset) — \(shared.title)", "Dataset \(dataset) — \(shared.title)"))
            for source in unit.sources where source.dataset == dataset {
                lines.append("  " + say("Nguồn: ", "Source: ") + "\(source.files) · " + say("định dạng ", "format ") + source.format
                             + " · " + say("bảng mã ", "encoding ") + source.encoding
                             + " · " + say("dấu phân cách ", "delimiter ") + (source.delimiter.map { Self.delimiter($0) } ?? "auto")
                             + " · " + say("dòng tiêu đề ", "header row ") + (source.headerRow.map(String.init) ?? "auto")
                             + (source.recordPath.map { " · " + say("phần tử bản ghi ", "record element ") + $0 } ?? ""))
                if !source.columns.isEmpty {
                    lines.append("    " + say("Cột khai báo: ", "Declared columns: ") + source.columns.map { "\($0.column) → \($0.field)" }.joined(separator: ", "))
                }
            }
            let inputs = listing.inputs
            if inputs.isEmpty {
                lines.append("  " + say("Không có tệp nào trong hộp thư lúc này; cột được ghép theo tên bí danh trong từ điển khi tệp đến.",
                                        "No file in the inbox now; columns will be matched by the dictionary's aliases when one arrives."))
            }
            for finding in listing.findings { lines.append("  \(finding.rendered(language: language))") }
            for (input, source) in inputs {
                lines.append("  " + say("Tệp ", "File ") + input.path + ":")
                do {
                    let reader = try SourceFormats.reader(for: input, source: source, unit: unit.id, schema: schema, limits: config.pipeline.limits)
                    let report = reader.report
                    if let encoding = report.encoding {
                        lines.append("    " + say("bảng mã \(encoding.name) (\(encoding.origin == "configured" ? "khai báo" : "phát hiện"), độ tin cậy \(encoding.confidence))",
                                                  "encoding \(encoding.name) (\(encoding.origin), confidence \(encoding.confidence))"))
                    }
                    var dialect: [String] = []
                    if let delimiter = report.delimiter { dialect.append(say("dấu phân cách \(delimiter)", "delimiter \(delimiter)")) }
                    if let header = report.headerLine { dialect.append(say("tiêu đề ở dòng \(header)", "header on line \(header)")) }
                    if !report.titleLines.isEmpty { dialect.append(say("dòng tiêu đề phụ bỏ qua: ", "title lines skipped: ") + report.titleLines.map(String.init).joined(separator: ", ")) }
                    if !dialect.isEmpty { lines.append("    " + dialect.joined(separator: " · ")) }
                    for column in report.columns {
                        lines.append("    \(column.column) → " + (column.field ?? say("(không dùng)", "(not used)")))
                    }
                    if !report.missingFields.isEmpty {
                        lines.append("    " + say("trường không có cột: ", "fields with no column: ") + report.missingFields.joined(separator: ", "))
                    }
                    for finding in reader.findings { lines.append("    \(finding.rendered(language: language))") }
                } catch let error as ReadError {
                    lines.append("    " + say("không đọc được: ", "unreadable: ") + error.message)
                }
            }
            lines.append("  " + say("Trường và kiểm tra:", "Fields and checks:"))
            for field in schema.fields {
                lines.append("    \(field.name) (\(field.type.rawValue)\(field.format.map { " \($0)" } ?? ""), \(field.classification.rawValue)): "
                             + checks(field, schema: schema).joined(separator: ", "))
            }
            let wide = [PlausibilityCheck.id, TimelinessCheck.id, OutlierCheck.id]
            lines.append("    " + say("Trên cả bảng: ", "Whole table: ") + wide.joined(separator: ", ")
                         + " · " + say("khóa chính: ", "primary key: ") + schema.primaryKey.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The checks of `CheckRegistry` that look at this field, with what they hold it to.
    static func checks(_ field: FieldDefinition, schema: DatasetSchema) -> [String] {
        var checks: [String] = []
        if field.required || schema.primaryKey.contains(field.name) { checks.append(RequiredCheck.id) }
        if field.type != .string { checks.append(TypeCheck.id) }
        if let list = field.codeList { checks.append("\(CodeListCheck.id) \(list)") }
        if let name = field.nameOf { checks.append("\(NameCodeCheck.id) (\(name))") }
        switch field.role {
        case .personalID: checks.append(PersonalIDCheck.id)
        case .taxCode: checks.append(TaxCodeCheck.id)
        case .phone: checks.append(PhoneCheck.id)
        case .email: checks.append(EmailCheck.id)
        default: break
        }
        var constraints: [String] = []
        if let pattern = field.pattern { constraints.append("pattern \(pattern)") }
        if let values = field.enumValues { constraints.append("enum \(values.joined(separator: "|"))") }
        if let minimum = field.minimum { constraints.append("≥ \(minimum)") }
        if let maximum = field.maximum { constraints.append("≤ \(maximum)") }
        if let length = field.minLength { constraints.append("length ≥ \(length)") }
        if let length = field.maxLength { constraints.append("length ≤ \(length)") }
        if !constraints.isEmpty { checks.append("\(ConstraintCheck.id) (\(constraints.joined(separator: ", ")))") }
        if field.unique || schema.primaryKey == [field.name] { checks.append(UniquenessCheck.id) }
        return checks.isEmpty ? ["—"] : checks
    }

    private static func delimiter(_ byte: UInt8) -> String {
        byte == 9 ? "tab" : String(UnicodeScalar(byte))
    }
}
