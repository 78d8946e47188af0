import Foundation

/// The night's quality report for people: one self-contained HTML page (inline style and SVG, no
/// script, nothing fetched) with, per unit and dataset, the grade and scores, the top failing
/// checks with their example rows, completeness per field and the trend over earlier runs.
///
/// It renders only what the reports hold. Example values are shown exactly as `quality.json` has
/// them (personal ones already masked by the checks); a finding's `detail` is never shown, since
/// for a coded personal field it can name the code the masked value stood for.
public enum HTMLQualityReport {
    /// Failing checks listed in full per unit and dataset; the rest are named in one line.
    public static let failingChecksShown = 8
    /// Runs drawn on a trend chart, this one included.
    public static let trendRuns = 90
    /// The scores shown in tables: privacy is only ever scored at bundling, so it is left out here.
    static let shownPrinciples: [Principle] = [.uniformStructure, .sharedCodes, .onceOnly, .completeness, .accuracy, .timeliness]

    /// `reports/quality_<as-of>.html`.
    public static func url(asOf: CivilDate, in workspace: Workspace) -> URL {
        workspace.reports.appendingPathComponent("quality_\(asOf).html")
    }

    /// The whole page. The same inputs give the same bytes: everything is sorted here, and
    /// `history` entries on or after `asOf` are ignored (tonight is drawn from `qualities`).
    public static func render(asOf: CivilDate, qualities: [QualityReport], absent: [UnitAbsence] = [], bundles: [BundleReport],
                              history: [QualityHistory], datasetTitles: [String: String], language: Language = .vi) -> String {
        let text = ReportText(language)
        let reports = qualities.sorted { ($0.unit, $0.dataset) < ($1.unit, $1.dataset) }
        let past = Array(history.filter { CivilDate(iso: $0.asOf).map { $0 < asOf } ?? false }
            .sorted { $0.asOf < $1.asOf }.suffix(trendRuns - 1))
        let title = "\(text.qualityTitle) — \(HTML.date(asOf.description, language))"
        func datasetTitle(_ id: String) -> String { datasetTitles[id] ?? id }

        var body = "<header>\n<h1>\(HTML.escape(title))</h1>\n"
        body += "<p class=\"subtitle\">\(HTML.escape(text.qualitySubtitle))</p>\n"
        body += "<p class=\"note\">\(HTML.escape(text.scoreFormula))</p>\n"
        body += "<p class=\"note\">\(HTML.escape(text.maskedNote))</p>\n</header>\n"
        body += summary(reports, datasetTitle: datasetTitle, text: text)
        body += absentSection(absent.sorted { ($0.unit, $0.dataset) < ($1.unit, $1.dataset) }, datasetTitle: datasetTitle, text: text)
        body += bundleSection(bundles.sorted { $0.dataset < $1.dataset }, datasetTitle: datasetTitle, text: text)
        for report in reports {
            body += section(report, datasetTitle: datasetTitle(report.dataset), past: past, text: text)
        }
        body += "<footer>\(HTML.escape(text.generatedBy)) \(HTML.escape(KhoDuLieu.version)) · \(HTML.escape(text.asOf)) "
            + "\(HTML.escape(HTML.date(asOf.description, language)))</footer>"
        return HTML.page(title: title, language: language, body: body)
    }

    // MARK: - Summary

    private static func summary(_ reports: [QualityReport], datasetTitle: (String) -> String, text: ReportText) -> String {
        let language = text.language
        var html = "<h2 id=\"summary\">\(HTML.escape(text.summary))</h2>\n"
        guard !reports.isEmpty else { return html + "<p>\(HTML.escape(text.noUnits))</p>\n" }
        html += "<table class=\"summary\"><thead><tr><th>\(HTML.escape(text.unit))</th><th>\(HTML.escape(text.dataset))</th>"
        html += "<th>\(HTML.escape(text.grade))</th><th class=\"num\">\(HTML.escape(text.overall))</th>"
        for principle in shownPrinciples {
            html += "<th class=\"num\" title=\"\(HTML.escape(text.principleLong(principle)))\">\(HTML.escape(text.principleShort(principle)))</th>"
        }
        for heading in [text.rowsRead, text.rowsExtracted, text.rowsUnreadable, text.rowsValidated, text.rowsRejected] {
            html += "<th class=\"num\">\(HTML.escape(heading))</th>"
        }
        html += "<th>\(HTML.escape(text.notes))</th></tr></thead>\n<tbody>\n"
        for report in reports {
            let anchor = HTML.anchor("q", report.unit, report.dataset)
            html += "<tr><td><a href=\"#\(anchor)\">\(HTML.escape(report.unitName))</a></td>"
            html += HTML.cell(datasetTitle(report.dataset))
            html += "<td>\(HTML.badge(report.score.grade))</td>"
            html += HTML.cell(HTML.decimal(report.score.overall, language), "num")
            for principle in shownPrinciples {
                html += HTML.cell(report.score.scores[principle.rawValue].map { HTML.decimal($0, language) } ?? "–", "num")
            }
            for count in [report.rows.read, report.rows.extracted, report.rows.unreadable, report.rows.validated, report.rows.rejected] {
                html += HTML.cell(HTML.number(count, language), "num")
            }
            html += "<td>\(report.blocked ? "<span class=\"flag bad\">\(HTML.escape(text.blockedShort))</span>" : "")</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// Units that sent nothing tonight: no grade, and what became of their rows.
    private static func absentSection(_ absent: [UnitAbsence], datasetTitle: (String) -> String, text: ReportText) -> String {
        guard !absent.isEmpty else { return "" }
        var html = "<h2 id=\"absent\">\(HTML.escape(text.absentTitle))</h2>\n"
        html += "<table><thead><tr><th>\(HTML.escape(text.unit))</th><th>\(HTML.escape(text.dataset))</th>"
        html += "<th>\(HTML.escape(text.notes))</th></tr></thead>\n<tbody>\n"
        for line in absent {
            html += "<tr>" + HTML.cell(line.contribution.unitName) + HTML.cell(datasetTitle(line.dataset))
            html += HTML.cell(text.absentNote(line.contribution)) + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    // MARK: - Bundles

    private static func bundleSection(_ bundles: [BundleReport], datasetTitle: (String) -> String, text: ReportText) -> String {
        let language = text.language
        var html = "<h2 id=\"bundles\">\(HTML.escape(text.bundles))</h2>\n"
        guard !bundles.isEmpty else { return html + "<p>\(HTML.escape(text.noBundles))</p>\n" }
        html += "<table><thead><tr><th>\(HTML.escape(text.dataset))</th><th>\(HTML.escape(text.grade))</th>"
        html += "<th class=\"num\">\(HTML.escape(text.overall))</th><th class=\"num\">\(HTML.escape(text.rowsBundled))</th>"
        html += "<th class=\"num\">\(HTML.escape(text.duplicatesAcrossUnits))</th><th>\(HTML.escape(text.newestRecord))</th>"
        html += "<th>\(HTML.escape(text.bundles))</th><th>\(HTML.escape(text.notes))</th></tr></thead>\n<tbody>\n"
        for bundle in bundles {
            let quality = bundle.quality
            html += "<tr>" + HTML.cell(datasetTitle(bundle.dataset))
            html += "<td>\(HTML.badge(quality.grade))</td>" + HTML.cell(HTML.decimal(quality.overall, language), "num")
            html += HTML.cell(HTML.number(quality.rowsBundled, language), "num")
            html += HTML.cell(HTML.number(quality.duplicatesAcrossUnits, language), "num")
            html += HTML.cell(quality.newestRecordDate.map { HTML.date($0, language) } ?? "–")
            html += "<td>"
            for output in bundle.outputs.sorted(by: { ($0.side.rawValue, $0.path) > ($1.side.rawValue, $1.path) }) {
                let side = output.side == .open ? text.sideOpen : text.sideShared
                html += "<div><span class=\"flag \(output.side == .open ? "ok" : "warn")\">\(HTML.escape(side))</span>"
                html += "<code class=\"nowrap\" title=\"\(HTML.escape(output.path)) · SHA-256 \(HTML.escape(output.sha256))\">"
                html += "\(HTML.escape(output.path.split(separator: "/").last.map(String.init) ?? output.path))</code>"
                html += "<div class=\"note\">\(HTML.escape(HTML.number(output.rows, language))) \(HTML.escape(text.rowsUnit))"
                html += " · \(HTML.escape(HTML.number(Int(output.bytes), language))) \(HTML.escape(text.bytesUnit))</div></div>"
            }
            html += "</td><td>"
            html += quality.stale ? "<div class=\"flag bad\">\(HTML.escape(text.stale))</div>" : "<div class=\"flag ok\">\(HTML.escape(text.fresh))</div>"
            if !bundle.openWithheld.isEmpty {
                let reasons = bundle.openWithheld.map { $0.message.text(language) }.joined(separator: "; ")
                html += "<div class=\"flag bad\">\(HTML.escape(text.withheld)): \(HTML.escape(reasons))</div>"
            }
            html += "</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    // MARK: - One unit's dataset

    private static func section(_ report: QualityReport, datasetTitle: String, past: [QualityHistory], text: ReportText) -> String {
        let language = text.language
        var html = "<section id=\"\(HTML.anchor("q", report.unit, report.dataset))\">\n"
        html += "<h2>\(HTML.badge(report.score.grade)) \(HTML.escape(report.unitName)) — \(HTML.escape(datasetTitle))</h2>\n"
        html += "<p class=\"meta\"><code>\(HTML.escape(report.unit))</code> · <code>\(HTML.escape(report.dataset))</code>"
        if report.blocked { html += " <span class=\"flag bad\">\(HTML.escape(text.blockedNote))</span>" }
        html += "</p>\n<div class=\"cards\">"
        html += card(text.overall, HTML.decimal(report.score.overall, language), tip: text.scoreFormula)
        for principle in shownPrinciples {
            html += card(text.principleLong(principle), report.score.scores[principle.rawValue].map { HTML.decimal($0, language) } ?? "–", tip: nil)
        }
        html += "</div>\n<p>\(HTML.escape(text.rowBalance(report.rows) { HTML.number($0, language) }))</p>\n"

        let fileProblems = report.fileFindings.filter { $0.severity != .info }
        if !fileProblems.isEmpty {
            html += "<h3>\(HTML.escape(text.fileFindings))</h3>\n<ul class=\"examples\">\n"
            for finding in fileProblems { html += "<li>\(findingLine(finding, text: text, withMessage: true))</li>\n" }
            html += "</ul>\n"
        }
        html += checks(report, text: text)

        let bars = report.completeness.map { field in
            SVGChart.Bar(label: field.field, ratio: field.ratio, text: HTML.percent(field.ratio, language),
                         tip: "\(field.field): \(HTML.number(field.filled, language))/\(HTML.number(field.total, language)) (\(HTML.percent(field.ratio, language)))")
        }
        html += "<div class=\"charts\">\n<figure><figcaption>\(HTML.escape(text.completeness))</figcaption>\n"
        html += SVGChart.bars(bars, title: "\(text.completeness): \(report.unitName) — \(datasetTitle)") + "</figure>\n"
        html += "<figure><figcaption>\(HTML.escape(text.trend))</figcaption>\n"
        html += trend(report, past: past, datasetTitle: datasetTitle, text: text) + "</figure>\n</div>\n</section>\n"
        return html
    }

    private static func card(_ key: String, _ value: String, tip: String?) -> String {
        "<div class=\"card\"\(tip.map { " title=\"\(HTML.escape($0))\"" } ?? "")><div class=\"k\">\(HTML.escape(key))</div>"
            + "<div class=\"v\">\(HTML.escape(value))</div></div>"
    }

    /// The failing checks (errors, then warnings, most frequent first) with their example rows.
    private static func checks(_ report: QualityReport, text: ReportText) -> String {
        let language = text.language
        var html = "<h3>\(HTML.escape(text.topChecks))</h3>\n"
        let failing = report.checks.filter { $0.severity != .info }
        if failing.isEmpty {
            html += "<p>\(HTML.escape(text.noFailing))</p>\n"
        } else {
            html += "<table class=\"checks\"><thead><tr><th>\(HTML.escape(text.code))</th><th>\(HTML.escape(text.message))</th>"
            html += "<th>\(HTML.escape(text.severity))</th><th>\(HTML.escape(text.principle))</th>"
            html += "<th class=\"num\">\(HTML.escape(text.count))</th><th>\(HTML.escape(text.fields))</th></tr></thead>\n<tbody>\n"
            for check in failing.prefix(failingChecksShown) {
                html += "<tr><td><code>\(HTML.escape(check.code.rawValue))</code></td>"
                html += HTML.cell(FindingCatalog.message(for: check.code, language: language))
                html += HTML.cell(text.severityName(check.severity), "sev-\(check.severity.rawValue)")
                html += HTML.cell(text.principleShort(check.principle))
                html += HTML.cell(HTML.number(check.count, language), "num")
                html += HTML.cell(fieldList(check.fields, language)) + "</tr>\n"
                if !check.examples.isEmpty {
                    html += "<tr class=\"examples\"><td></td><td colspan=\"5\"><ul class=\"examples\">"
                    for example in check.examples { html += "<li>\(findingLine(example, text: text, withMessage: false))</li>" }
                    html += "</ul></td></tr>\n"
                }
            }
            html += "</tbody></table>\n"
        }
        let more = failing.dropFirst(failingChecksShown)
        if !more.isEmpty {
            html += "<p class=\"note\">\(HTML.escape(text.moreChecks)): \(HTML.escape(counts(more, language)))</p>\n"
        }
        let info = report.checks.filter { $0.severity == .info }
        if !info.isEmpty {
            html += "<p class=\"note\">\(HTML.escape(text.informational)): \(HTML.escape(counts(info, language)))</p>\n"
        }
        return html
    }

    /// `location [value]`, and the message when the line stands alone. The value is the report's,
    /// as it is (masked for personal fields); nothing else of the row is shown.
    private static func findingLine(_ finding: Finding, text: ReportText, withMessage: Bool) -> String {
        var html = "<code>\(HTML.escape(finding.location.rendered))</code>"
        if withMessage {
            html += " <span class=\"sev-\(finding.severity.rawValue)\">\(HTML.escape(text.severityName(finding.severity)))</span>"
            html += " <code>\(HTML.escape(finding.code.rawValue))</code>: \(HTML.escape(FindingCatalog.message(for: finding.code, language: text.language)))"
        }
        if let value = finding.value {
            html += " <span class=\"value\" title=\"\(HTML.escape(text.value))\">\(HTML.escape(value))</span>"
        }
        return html
    }

    /// `ma_xa × 2, ho_ten × 1`: fields by count, then name; findings about a whole row are not a field.
    private static func fieldList(_ fields: [String: Int], _ language: Language) -> String {
        let named = fields.filter { !$0.key.isEmpty }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        return named.isEmpty ? "–" : named.map { "\($0.key) × \(HTML.number($0.value, language))" }.joined(separator: ", ")
    }

    private static func counts(_ summaries: some Sequence<FindingTally.CodeSummary>, _ language: Language) -> String {
        summaries.map { "\($0.code) × \(HTML.number($0.count, language))" }.joined(separator: ", ")
    }

    /// The overall score of this unit's dataset on each earlier run, then tonight's.
    private static func trend(_ report: QualityReport, past: [QualityHistory], datasetTitle: String, text: ReportText) -> String {
        let language = text.language
        var points: [SVGChart.Point] = []
        // A report reused from an earlier night carries that night's date: draw nothing twice.
        let current = CivilDate(iso: report.asOf)
        for night in past {
            guard let date = CivilDate(iso: night.asOf), current.map({ date < $0 }) ?? true,
                  let line = night.units.first(where: { $0.unit == report.unit && $0.dataset == report.dataset }) else { continue }
            points.append(point(date: date, score: line.score, suffix: "", language: language))
        }
        let earlier = points.count
        if let date = current {
            points.append(point(date: date, score: report.score, suffix: " — \(text.current)", language: language))
        }
        var html = SVGChart.line(points, title: "\(text.trend): \(report.unitName) — \(datasetTitle)", language: language)
        if earlier == 0 { html += "<p class=\"note\">\(HTML.escape(text.noHistory))</p>" }
        return html
    }

    private static func point(date: CivilDate, score: QualityScore, suffix: String, language: Language) -> SVGChart.Point {
        SVGChart.Point(day: date.daysSinceEpoch, value: score.overall, axisLabel: HTML.shortDate(date.description, language),
                       tip: "\(HTML.date(date.description, language)): \(HTML.decimal(score.overall, language)) (\(score.grade.rawValue))\(suffix)")
    }
}
