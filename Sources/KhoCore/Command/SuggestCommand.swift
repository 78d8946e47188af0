import Foundation

/// `kdl-extract --suggest --file F`: a draft source entry for an unfamiliar export, printed with
/// what was detected — and, when no dataset fits the file, a draft dataset schema for it. Reads one
/// file and writes nothing: the drafts are printed for a person to review and save.
enum SuggestCommand {
    static func render(file: String, _ setup: StageSetup) throws -> String {
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingStageOutput(path: url.path, stage: "--file") }
        let suggestion = try SourceSuggestion.suggest(file: url, config: setup.config)
        return render(suggestion, config: setup.config, language: setup.options.language)
    }

    static func render(_ draft: SourceSuggestion, config: Configuration, language: Language) -> String {
        func say(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
        var text = say("# Bản nháp nguồn dữ liệu cho \(draft.file)", "# Draft source entry for \(draft.file)") + "\n"
        if draft.format == WorkbookFormat.name {
            text += say("# Bảng tính: \(draft.evidence)", "# Workbook: \(draft.evidence)") + "\n"
            if let sheet = draft.sheet { text += say("# Trang tính: \(sheet)", "# Sheet: \(sheet)") + "\n" }
        } else {
            text += say("# Bảng mã: \(draft.encoding) (độ tin cậy \(draft.confidence); \(draft.evidence))",
                        "# Encoding: \(draft.encoding) (confidence \(draft.confidence); \(draft.evidence))") + "\n"
        }
        if let delimiter = draft.delimiter {
            let shown = delimiter == "\t" ? "tab" : delimiter
            text += say("# Dấu phân cách: \(shown)", "# Delimiter: \(shown)") + "\n"
        }
        if let headerRow = draft.headerRow { text += say("# Dòng tiêu đề: \(headerRow)", "# Header row: \(headerRow)") + "\n" }
        if let recordPath = draft.recordPath { text += say("# Phần tử bản ghi: \(recordPath)", "# Record element: \(recordPath)") + "\n" }
        for warning in draft.warnings {
            text += say("# Cảnh báo: ", "# Warning: ") + warning.text(language) + "\n"
        }
        let paste = say("# Dán vào \"sources\" của pipelines/units/<đơn vị>.json rồi rà soát:",
                        "# Paste into \"sources\" of pipelines/units/<unit>.json and review:") + "\n"
        if draft.fits {
            text += say("# Bộ dữ liệu: \(draft.dataset ?? "")", "# Dataset: \(draft.dataset ?? "")") + "\n"
            let unmatched = draft.columns.filter { $0.field == nil }.map(\.column)
            if !unmatched.isEmpty {
                text += say("# Cột chưa khớp trường nào: ", "# Columns matching no field: ") + unmatched.joined(separator: ", ") + "\n"
            }
            return text + paste + draft.json
        }
        text += verdict(draft, say)
        if !draft.sample.headerIsText {
            return text + say("# Dòng tiêu đề có ký tự điều khiển hoặc byte không giải mã được: tệp không đọc được như văn bản \(draft.encoding), nên không lập lược đồ.",
                              "# The header holds control characters or undecodable bytes: the file does not read as \(draft.encoding) text, so no schema is drafted.")
                + "\n" + paste + draft.json
        }
        guard let schema = DatasetSchemaDraft(draft, config: config) else {
            text += say("# Không đọc được cột nào nên không lập được lược đồ.", "# No column could be read, so no schema is drafted.") + "\n"
            return text + paste + draft.json
        }
        for field in schema.fields where field.profile.dateLayouts.count > 1 {
            let listed = field.profile.dateLayouts.map { "\($0.layout) (\($0.count))" }.joined(separator: ", ")
            text += say("# Cột \(field.column) viết ngày lẫn nhiều kiểu: \(listed)", "# Column \(field.column) mixes date layouts: \(listed)") + "\n"
        }
        text += say("# Bản nháp lược đồ cho bộ dữ liệu mới: lưu thành pipelines/datasets/\(schema.id).json (chưa có tệp này) rồi rà soát theo \"$comment\":",
                    "# Draft schema for a new dataset: save it as pipelines/datasets/\(schema.id).json (no such file yet) and review it as its \"$comment\" says:") + "\n"
        text += schema.json(language)
        var entry = draft
        entry.dataset = schema.id
        entry.columns = schema.columns
        return text + say("# Rồi dán vào \"sources\" của pipelines/units/<đơn vị>.json và rà soát:",
                          "# Then paste into \"sources\" of pipelines/units/<unit>.json and review:") + "\n" + entry.json
    }

    /// Why no dataset fits, plainly: the nearest one and what it lacks.
    private static func verdict(_ draft: SourceSuggestion, _ say: (String, String) -> String) -> String {
        var text = say("# Không có bộ dữ liệu nào phù hợp với tệp này.", "# No dataset fits this file.") + "\n"
        guard let nearest = draft.dataset else {
            return text + say("#   Không cột nào trùng tên một trường của bộ dữ liệu nào.", "#   No column names a field of any dataset.") + "\n"
        }
        let matched = say("khớp \(draft.matchedFields)/\(draft.datasetFields) trường", "\(draft.matchedFields) of its \(draft.datasetFields) fields matched")
        if draft.missingRequired.isEmpty {
            text += say("#   Gần nhất là \(nearest) (\(matched)): quá ít để lần chạy tìm ra dòng tiêu đề.",
                        "#   The nearest is \(nearest) (\(matched)): too few for the run to find the header.")
        } else {
            let missing = draft.missingRequired.joined(separator: ", ")
            text += say("#   Gần nhất là \(nearest) (\(matched)), nhưng không cột nào cung cấp trường bắt buộc \(missing): dùng bộ này thì mọi dòng sẽ bị loại.",
                        "#   The nearest is \(nearest) (\(matched)), but no column feeds its required fields \(missing): with it, every row would be rejected.")
            text += "\n" + say("#   Nếu tệp dành cho \(nearest), hãy đề nghị đơn vị bổ sung các cột đó; nếu không, bắt đầu từ bản nháp dưới đây.",
                               "#   If the file is meant for \(nearest), ask the unit to add those columns; otherwise start from the draft below.")
        }
        return text + "\n"
    }
}
