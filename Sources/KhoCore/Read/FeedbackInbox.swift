import Foundation

/// `feedback/`: data users' problem reports, one small JSON or CSV file each (`FeedbackCSV`), read
/// the way exports are read — strictly, never trusted. A file with a bad or unknown field is
/// refused with a problem naming the file (and for CSV the line) and the field; the others are kept.
public enum FeedbackInbox {
    public struct Loaded: Sendable {
        /// Sorted by date, then file.
        public var reports: [FeedbackReport]
        /// One per bad field, as `feedback/x.json: field: message` or `feedback/x.csv:2: field: message`.
        public var refused: [ConfigError.Problem]

        /// The refusals as the night's reports keep them.
        public var refusals: [FeedbackRefusal] {
            refused.map { FeedbackRefusal(file: $0.file, field: $0.path, message: $0.message) }
        }
    }

    /// `feedback/` under the project, or where `nightly.json` says (`feedback`).
    public static func folder(_ config: Configuration) -> URL {
        URL(fileURLWithPath: config.pipeline.feedback, relativeTo: config.projectRoot).standardizedFileURL
    }

    /// A report is a few lines: a larger file is refused unread, so a stray dump cannot fill memory.
    static let maxBytes = 64 << 10

    /// Every `*.json` and `*.csv` of `folder` (hidden files are writes in progress); reports dated after `asOf` are refused too.
    public static func load(from folder: URL, config: Configuration, asOf: CivilDate) -> Loaded {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".json") || $0.hasSuffix(".csv")) }.sorted()
        var reports: [FeedbackReport] = []
        var refused: [ConfigError.Problem] = []
        for name in names {
            let problems = ConfigProblems()
            let display = "feedback/\(name)"
            if let unfit = unfit(folder.appendingPathComponent(name)) {
                refused.append(.init(file: display, path: "", message: unfit))
                continue
            }
            let object: ConfigObject?
            if name.hasSuffix(".csv") {
                object = FeedbackCSV.read(folder.appendingPathComponent(name), display: display, problems: problems).flatMap { row in
                    ConfigObject(row.object, file: "\(display):\(row.line)", path: "", problems: problems)
                }
            } else {
                object = ConfigFile.object(at: folder.appendingPathComponent(name), displayName: display, problems: problems)
            }
            if let object, let report = read(object, file: name, config: config, asOf: asOf), problems.problems.isEmpty {
                reports.append(report)
            }
            refused += problems.problems
            if let failure = problems.systemFailure {
                refused.append(.init(file: display, path: "", message: Message(vi: "không đọc được (\(failure))", en: "cannot be read (\(failure))")))
            }
        }
        return Loaded(reports: reports.sorted { ($0.date, $0.file) < ($1.date, $1.file) }, refused: refused)
    }

    /// Why a file cannot be a report before any byte is read, or nil: a FIFO or device would block or
    /// never end, a folder is not a report, and size is checked first so nothing large is loaded.
    static func unfit(_ url: URL) -> Message? {
        var status = stat()
        guard stat(url.path, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            return Message(vi: "không đọc được (\(reason))", en: "cannot be read (\(reason))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            return Message(vi: "không phải tệp thông thường", en: "not a regular file")
        }
        guard status.st_size <= maxBytes else {
            return Message(vi: "lớn hơn \(maxBytes / 1024) KiB: không phải một báo lỗi", en: "larger than \(maxBytes / 1024) KiB: not a problem report")
        }
        return nil
    }

    static func read(_ object: ConfigObject, file: String, config: Configuration, asOf: CivilDate) -> FeedbackReport? {
        object.accept("$comment")
        func required(_ key: String) -> String {
            let text = object.requiredString(key)
            if object.has(key), text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                object.problem(key, Message(vi: "không được để trống", en: "must not be empty"))
            }
            return text
        }
        let dataset = required("dataset"), unit = required("unit")
        let schema = config.datasets[dataset]
        if object.has("dataset"), !dataset.isEmpty, schema == nil {
            object.problem("dataset", Message(vi: "\"\(dataset)\" không phải bộ dữ liệu đã cấu hình", en: "\"\(dataset)\" is not a configured dataset"))
        }
        if object.has("unit"), !unit.isEmpty, config.unit(unit) == nil {
            object.problem("unit", Message(vi: "\"\(unit)\" không phải đơn vị đã cấu hình", en: "\"\(unit)\" is not a configured unit"))
        }
        let field = object.string("field")
        if let field, let schema, schema.field(field) == nil {
            object.problem("field", Message(vi: "\"\(field)\" không phải trường của \(dataset)", en: "\"\(field)\" is not a field of \(dataset)"))
        }
        let row = required("row"), description = required("description"), reporter = required("reporter")
        if case .key(let parts) = FeedbackRow(row), let schema, !schema.primaryKey.isEmpty, object.has("row"), !row.isEmpty,
           parts.count != schema.primaryKey.count || parts.contains(where: \.isEmpty) {
            let key = schema.primaryKey.joined(separator: "|")
            object.problem("row", Message(vi: "cần tham chiếu dòng (tệp.csv:dòng) hoặc khóa \(key) đủ \(schema.primaryKey.count) phần, ngăn bằng |",
                                          en: "expected a row reference (file.csv:line) or the key \(key) in \(schema.primaryKey.count) parts separated by |"))
        }
        let date = object.date("date")
        if !object.has("date") { object.problem("date", Message(vi: "bắt buộc phải có", en: "is required")) }
        if let date, date > asOf {
            object.problem("date", Message(vi: "\(date) sau ngày xử lý \(asOf)", en: "\(date) is after the processing date \(asOf)"))
        }
        var status = FeedbackReport.Status.open
        if let text = object.string("status") {
            if let known = FeedbackReport.Status(rawValue: text) { status = known }
            else { object.problem("status", Message(vi: "cần \"open\", \"answered\" hoặc \"resolved\"", en: "expected \"open\", \"answered\" or \"resolved\"")) }
        }
        object.finish()
        guard let date else { return nil }
        return FeedbackReport(file: file, dataset: dataset, unit: unit, field: field, row: row, description: description,
                              reporter: reporter, date: date, status: status)
    }
}
