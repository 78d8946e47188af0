import Foundation

/// The Article 16 yearly evaluation for people: one self-contained HTML page in the style of the
/// nightly report — a summary per unit and dataset, the mean score per principle, the open data
/// held back or stale, and per unit a chart of the monthly mean score with the year's top problems.
public enum HTMLAnnualReport {
    /// `reports/annual/<year>.html`, beside the JSON.
    public static func url(year: Int, in workspace: Workspace) -> URL {
        workspace.reports.appendingPathComponent("annual/\(year).html")
    }

    public static func render(_ report: AnnualReport, datasetTitles: [String: String], language: Language = .vi) -> String {
        let text = ReportText(language)
        func datasetTitle(_ id: String) -> String { datasetTitles[id] ?? id }
        let title = text.annualTitle(report.year)

        var body = "<header>\n<h1>\(HTML.escape(title))</h1>\n"
        body += "<p class=\"subtitle\">\(HTML.escape(text.annualSubtitle(HTML.date(report.dueDate, language))))</p>\n"
        if let first = report.firstDate, let last = report.lastDate {
            body += "<p>\(HTML.escape(text.coverage(runs: HTML.number(report.runs, language), first: HTML.date(first, language), last: HTML.date(last, language))))</p>\n"
        } else {
            body += "<p>\(HTML.escape(text.noRuns))</p>\n"
        }
        body += "<p class=\"note\">\(HTML.escape(text.scoreFormula(codeWeights: nil)))</p>\n</header>\n"
        if !report.units.isEmpty {
            body += summary(report.units, datasetTitle: datasetTitle, text: text)
            body += principles(report.units, datasetTitle: datasetTitle, text: text)
        }
        if !report.datasets.isEmpty { body += openData(report.datasets, datasetTitle: datasetTitle, text: text) }
        if let deliveries = report.deliveries { body += deliveryTable(deliveries, datasetTitle: datasetTitle, text: text) }
        if let feedback = report.feedback { body += HTMLFeedback.table(feedback, datasetTitles: datasetTitles, language: language, heading: "h2") }
        let byUnit = Dictionary(grouping: report.units, by: \.unit)
        for unit in byUnit.keys.sorted() {
            guard let lines = byUnit[unit]?.sorted(by: { $0.dataset < $1.dataset }), let first = lines.first else { continue }
            body += "<section id=\"\(HTML.anchor("u", unit))\">\n<h2>\(HTML.escape(first.unitName))</h2>\n"
            body += "<p class=\"meta\"><code>\(HTML.escape(unit))</code></p>\n"
            for line in lines { body += datasetPart(line, datasetTitle: datasetTitle(line.dataset), year: report.year, text: text) }
            body += "</section>\n"
        }
        body += "<footer>\(HTML.escape(text.generatedBy)) \(HTML.escape(KhoDuLieu.build.description))</footer>"
        return HTML.page(title: title, language: language, body: body)
    }

    // MARK: - Tables

    private static func summary(_ lines: [AnnualReport.Line], datasetTitle: (String) -> String, text: ReportText) -> String {
        let language = text.language
        var html = "<h2 id=\"summary\">\(HTML.escape(text.summary))</h2>\n<table class=\"summary\"><thead><tr>"
        html += "<th>\(HTML.escape(text.unit))</th><th>\(HTML.escape(text.dataset))</th>"
        for heading in [text.runs, text.firstRun, text.lastRun, text.rowsTotal, text.rowsLast] {
            html += "<th class=\"num\">\(HTML.escape(heading))</th>"
        }
        html += "<th>\(HTML.escape(text.lastGrade))</th><th class=\"num\">\(HTML.escape(text.meanOverall))</th>"
        html += "<th class=\"num\">\(HTML.escape(text.minOverall))</th><th>\(HTML.escape(text.monthsGradeC))</th></tr></thead>\n<tbody>\n"
        for line in lines {
            html += "<tr><td><a href=\"#\(HTML.anchor("u", line.unit))\">\(HTML.escape(line.unitName))</a></td>"
            html += HTML.cell(datasetTitle(line.dataset)) + HTML.cell(HTML.number(line.runs, language), "num")
            html += HTML.cell(HTML.date(line.firstDate, language), "num") + HTML.cell(HTML.date(line.lastDate, language), "num")
            html += HTML.cell(HTML.number(line.rowsReadTotal, language), "num") + HTML.cell(HTML.number(line.rowsReadLast, language), "num")
            html += "<td>\(HTML.badge(line.lastGrade))</td>"
            html += HTML.cell(HTML.decimal(line.meanOverall, language), "num") + HTML.cell(HTML.decimal(line.minOverall, language), "num")
            html += HTML.cell(monthList(line.monthsWithGradeC, text: text)) + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    private static func principles(_ lines: [AnnualReport.Line], datasetTitle: (String) -> String, text: ReportText) -> String {
        let language = text.language
        var html = "<h2 id=\"principles\">\(HTML.escape(text.meanScores))</h2>\n<table class=\"summary\"><thead><tr>"
        html += "<th>\(HTML.escape(text.unit))</th><th>\(HTML.escape(text.dataset))</th>"
        for principle in HTMLQualityReport.shownPrinciples {
            html += "<th class=\"num\" title=\"\(HTML.escape(text.principleLong(principle)))\">\(HTML.escape(text.principleShort(principle)))</th>"
        }
        html += "<th class=\"num\">\(HTML.escape(text.blockedRuns))</th><th class=\"num\">\(HTML.escape(text.nightsWithoutExport))</th>"
        html += "</tr></thead>\n<tbody>\n"
        for line in lines {
            html += "<tr>" + HTML.cell(line.unitName) + HTML.cell(datasetTitle(line.dataset))
            for principle in HTMLQualityReport.shownPrinciples {
                html += HTML.cell(line.meanScores[principle.rawValue].map { HTML.decimal($0, language) } ?? "–", "num")
            }
            html += HTML.cell(HTML.number(line.blockedRuns, language), "num")
            html += HTML.cell(HTML.number(line.nightsWithoutExport, language), "num") + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    private static func openData(_ lines: [AnnualReport.DatasetLine], datasetTitle: (String) -> String, text: ReportText) -> String {
        let language = text.language
        var html = "<h2 id=\"open-data\">\(HTML.escape(text.openData))</h2>\n<table><thead><tr><th>\(HTML.escape(text.dataset))</th>"
        html += "<th class=\"num\">\(HTML.escape(text.runs))</th><th class=\"num\">\(HTML.escape(text.nightsWithheld))</th>"
        html += "<th class=\"num\">\(HTML.escape(text.nightsStale))</th><th>\(HTML.escape(text.lastGrade))</th>"
        html += "<th class=\"num\">\(HTML.escape(text.overall))</th></tr></thead>\n<tbody>\n"
        for line in lines {
            html += "<tr>" + HTML.cell(datasetTitle(line.dataset)) + HTML.cell(HTML.number(line.runs, language), "num")
            html += HTML.cell(HTML.number(line.nightsOpenWithheld, language), "num") + HTML.cell(HTML.number(line.nightsStale, language), "num")
            html += "<td>\(HTML.badge(line.lastGrade))</td>" + HTML.cell(HTML.decimal(line.lastOverall, language), "num") + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    private static func deliveryTable(_ lines: [AnnualReport.DeliveryLine], datasetTitle: (String) -> String, text: ReportText) -> String {
        let language = text.language
        var html = "<h2 id=\"deliveries\">\(HTML.escape(text.deliveries))</h2>\n<table><thead><tr><th>\(HTML.escape(text.dataset))</th>"
        html += "<th>\(HTML.escape(text.recipient))</th><th class=\"num\">\(HTML.escape(text.delivered))</th>"
        html += "<th class=\"num\">\(HTML.escape(text.deliveryFailed))</th></tr></thead>\n<tbody>\n"
        for line in lines {
            html += "<tr>" + HTML.cell(datasetTitle(line.dataset)) + HTML.cell(line.recipient ?? text.bundlesWritten)
            html += HTML.cell(HTML.number(line.delivered, language), "num") + HTML.cell(HTML.number(line.failed, language), "num") + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    // MARK: - One unit's dataset

    private static func datasetPart(_ line: AnnualReport.Line, datasetTitle: String, year: Int, text: ReportText) -> String {
        let language = text.language
        var html = "<h3>\(HTML.badge(line.lastGrade, title: text.lastGrade)) \(HTML.escape(datasetTitle)) <code>\(HTML.escape(line.dataset))</code></h3>\n"
        html += "<div class=\"cards\">"
        for (key, value) in [(text.runs, HTML.number(line.runs, language)), (text.meanOverall, HTML.decimal(line.meanOverall, language)),
                             (text.minOverall, HTML.decimal(line.minOverall, language)), (text.rowsTotal, HTML.number(line.rowsReadTotal, language)),
                             (text.monthsGradeC, monthList(line.monthsWithGradeC, text: text))] {
            html += "<div class=\"card\"><div class=\"k\">\(HTML.escape(key))</div><div class=\"v\">\(HTML.escape(value))</div></div>"
        }
        html += "</div>\n<div class=\"charts\">\n<figure><figcaption>\(HTML.escape(text.monthly))</figcaption>\n"
        let byMonth = Dictionary(line.months.map { ($0.month, $0) }, uniquingKeysWith: { first, _ in first })
        let columns = (1...12).map { month -> SVGChart.Column in
            let key = "\(year)-\(HTML.twoDigits(month))"
            let label = text.monthShort(month)
            guard let data = byMonth[key] else { return SVGChart.Column(label: label, value: nil, text: "", tip: label) }
            return SVGChart.Column(label: label, value: data.meanOverall, text: HTML.decimal(data.meanOverall, language),
                                   tip: "\(label)/\(year): \(HTML.decimal(data.meanOverall, language)) · \(HTML.number(data.runs, language)) \(text.runs.lowercased())")
        }
        html += SVGChart.columns(columns, title: "\(text.monthly): \(line.unitName) — \(datasetTitle)", language: language) + "</figure>\n"
        html += "<figure class=\"grow\"><figcaption>\(HTML.escape(text.topErrors))</figcaption>\n"
        if line.topCodes.isEmpty {
            html += "<p>\(HTML.escape(text.noFailing))</p>"
        } else {
            html += "<table class=\"checks\"><thead><tr><th>\(HTML.escape(text.code))</th><th>\(HTML.escape(text.message))</th>"
            html += "<th>\(HTML.escape(text.severity))</th><th class=\"num\">\(HTML.escape(text.total))</th>"
            html += "<th class=\"num\">\(HTML.escape(text.nightsMet))</th></tr></thead><tbody>\n"
            for code in line.topCodes {
                html += "<tr><td><code>\(HTML.escape(code.code))</code></td>" + HTML.cell(FindingCatalog.message(forRecorded: code.code, language: language))
                html += HTML.cell(text.severityName(code.severity), "sev-\(code.severity.rawValue)")
                html += HTML.cell(HTML.number(code.total, language), "num") + HTML.cell(HTML.number(code.nights, language), "num") + "</tr>\n"
            }
            html += "</tbody></table>"
        }
        return html + "</figure>\n</div>\n"
    }

    /// `T3, T7` or `Mar, Jul`; "none" when empty.
    private static func monthList(_ months: [String], text: ReportText) -> String {
        guard !months.isEmpty else { return text.none }
        return months.map { key in Int(key.suffix(2)).map(text.monthShort) ?? key }.joined(separator: ", ")
    }
}
