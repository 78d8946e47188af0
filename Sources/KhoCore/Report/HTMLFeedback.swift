/// Data users' problem reports for people: counts by standing per unit and dataset, and the list
/// of reports — where each points and how it stands. Never the description, the reporter or a key:
/// a report naming its record by key says only that it does.
enum HTMLFeedback {
    static func standing(_ standing: FeedbackReport.Standing, _ language: Language) -> String {
        switch standing {
        case .open: language == .vi ? "Chưa trả lời" : "Open"
        case .answered: language == .vi ? "Đã trả lời" : "Answered"
        case .resolved: language == .vi ? "Đã khắc phục" : "Resolved"
        case .possiblyResolved: language == .vi ? "Có thể đã khắc phục" : "Possibly resolved"
        }
    }

    static func title(_ language: Language) -> String {
        language == .vi ? "Báo lỗi từ người dùng dữ liệu" : "Problem reports from data users"
    }

    /// Counts by standing, one row per unit and dataset.
    static func table(_ lines: [FeedbackTally], datasetTitles: [String: String], language: Language, heading: String) -> String {
        let text = ReportText(language)
        var html = "<\(heading) id=\"feedback\">\(HTML.escape(title(language)))</\(heading)>\n"
        html += "<table><thead><tr><th>\(HTML.escape(text.unit))</th><th>\(HTML.escape(text.dataset))</th>"
        for label in FeedbackReport.Standing.allCases.map({ standing($0, language) }) { html += "<th class=\"num\">\(HTML.escape(label))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for line in lines {
            html += "<tr>" + HTML.cell(line.unit) + HTML.cell(datasetTitles[line.dataset] ?? line.dataset)
            for count in [line.open, line.answered, line.resolved, line.possiblyResolved] { html += HTML.cell(HTML.number(count, language), "num") }
            html += "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// The quality report's section: the counts, then every report up to the night, by unit, then
    /// the files refused.
    static func section(_ reports: [FeedbackReport], refused: [FeedbackRefusal] = [], asOf: CivilDate, unitNames: [String: String],
                        datasetTitles: [String: String], fieldTitles: [String: [String: String]], language: Language) -> String {
        guard let start = CivilDate(year: 1900, month: 1, day: 1) else { return "" }
        let tallies = FeedbackTally.count(reports, from: start, through: asOf)
        guard !tallies.isEmpty else { return refusals(refused, language: language, heading: "h2") }
        let text = ReportText(language)
        var html = table(tallies.map { line in
            var named = line
            named.unit = unitNames[line.unit] ?? line.unit
            return named
        }, datasetTitles: datasetTitles, language: language, heading: "h2")
        var list = HTMLTable(className: "feedback", columns: [
            HTMLTable.Column(text.unit), HTMLTable.Column(text.dataset), HTMLTable.Column(language == .vi ? "Tệp báo lỗi" : "Report file"),
            HTMLTable.Column(language == .vi ? "Trường" : "Field"), HTMLTable.Column(language == .vi ? "Dòng" : "Row"),
            HTMLTable.Column(language == .vi ? "Ngày báo" : "Reported"), HTMLTable.Column(language == .vi ? "Tình trạng" : "Status"),
        ])
        for unit in Set(tallies.map(\.unit)).sorted() {
            for listing in FeedbackListing.list(reports, unit: unit, through: asOf) {
                let row = listing.row.map { "<code>\(HTML.escape($0))</code>" }
                    ?? HTML.escape(language == .vi ? "theo khóa (không hiển thị)" : "by key (not shown)")
                var status = HTML.escape(standing(listing.status, language))
                if let changed = listing.recordChanged {
                    status += HTML.escape(language == .vi ? " — bản ghi đổi từ \(HTML.date(changed, language))" : " — record changed \(HTML.date(changed, language))")
                }
                list.add([.text(unitNames[unit] ?? unit), .text(datasetTitles[listing.dataset] ?? listing.dataset),
                          .markup("<code>\(HTML.escape(listing.file))</code>"),
                          .text(listing.field.map { fieldTitles[listing.dataset]?[$0] ?? $0 } ?? HTML.nothing), .markup(row),
                          .text(HTML.date(listing.date, language)), .markup(status, "feedback-\(listing.status.rawValue)")])
            }
        }
        html += list.html
        return html + refusals(refused, language: language, heading: "h3")
    }

    /// The files left out, each bad field with its reason; nothing when none was.
    private static func refusals(_ refused: [FeedbackRefusal], language: Language, heading: String) -> String {
        guard !refused.isEmpty else { return "" }
        var html = "<\(heading) id=\"feedback-refused\">\(HTML.escape(language == .vi ? "Tệp báo lỗi bị từ chối (không được tính)" : "Report files refused (not counted)"))</\(heading)>\n<ul class=\"examples\">\n"
        for refusal in refused {
            html += "<li><code>\(HTML.escape(refusal.file))</code>"
            if !refusal.field.isEmpty { html += " <code>\(HTML.escape(refusal.field))</code>" }
            html += ": \(HTML.escape(refusal.message.text(language)))</li>\n"
        }
        return html + "</ul>\n"
    }
}
