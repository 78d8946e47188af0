import Foundation

/// `kdl-extract --suggest --file F`: a draft source entry for an unfamiliar export, printed with
/// what was detected. Reads one file and writes nothing.
enum SuggestCommand {
    static func render(file: String, _ setup: StageSetup) throws -> String {
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingStageOutput(path: url.path, stage: "--file") }
        let draft = try SourceSuggestion.suggest(file: url, config: setup.config)
        let say = setup.say
        var text = say("# Bản nháp nguồn dữ liệu cho \(draft.file)", "# Draft source entry for \(draft.file)") + "\n"
        text += say("# Bảng mã: \(draft.encoding) (độ tin cậy \(draft.confidence); \(draft.evidence))",
                    "# Encoding: \(draft.encoding) (confidence \(draft.confidence); \(draft.evidence))") + "\n"
        if let delimiter = draft.delimiter {
            let shown = delimiter == "\t" ? "tab" : delimiter
            text += say("# Dấu phân cách: \(shown)", "# Delimiter: \(shown)") + "\n"
        }
        if let headerRow = draft.headerRow { text += say("# Dòng tiêu đề: \(headerRow)", "# Header row: \(headerRow)") + "\n" }
        if let recordPath = draft.recordPath { text += say("# Phần tử bản ghi: \(recordPath)", "# Record element: \(recordPath)") + "\n" }
        for warning in draft.warnings {
            text += say("# Cảnh báo: ", "# Warning: ") + warning.text(setup.options.language) + "\n"
        }
        text += say("# Bộ dữ liệu: \(draft.dataset ?? "không xác định")", "# Dataset: \(draft.dataset ?? "none matched")") + "\n"
        let unmatched = draft.columns.filter { $0.field == nil }.map(\.column)
        if !unmatched.isEmpty {
            text += say("# Cột chưa khớp trường nào: ", "# Columns matching no field: ") + unmatched.joined(separator: ", ") + "\n"
        }
        if !draft.missingRequired.isEmpty {
            text += say("# Thiếu trường bắt buộc: ", "# Required fields no column feeds: ") + draft.missingRequired.joined(separator: ", ") + "\n"
        }
        text += say("# Dán vào \"sources\" của pipelines/units/<đơn vị>.json rồi rà soát:",
                    "# Paste into \"sources\" of pipelines/units/<unit>.json and review:") + "\n"
        return text + draft.json
    }
}
