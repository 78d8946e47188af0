import Foundation

/// The night's quality report for people: one self-contained HTML page (inline style and SVG, no
/// script, nothing fetched) with, per unit and dataset, the grade and scores, the top failing
/// checks with their example rows, completeness per field and the trend over earlier runs.
///
/// It renders only what the reports hold, with the schema's words for people: fields by their
/// titles, findings by their catalogue wording (the code beside it, or on hover), habits once per
/// column. Example values are shown exactly as `quality.json` has them (personal ones already
/// masked by the checks); a finding's `detail` is never shown, since for a coded personal field it
/// can name the code the masked value stood for.
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
    /// `fieldTitles` is dataset → field name → title; a field without one is shown by its name.
    /// `feedback`: data users' problem reports, counted and listed without description, reporter or
    /// key; `feedbackRefused`: the report files left out, and why.
    public static func render(asOf: CivilDate, qualities: [QualityReport], absent: [UnitAbsence] = [], bundles: [BundleReport],
                              history: [QualityHistory], datasetTitles: [String: String], fieldTitles: [String: [String: String]] = [:],
                              plan: PlanReview? = nil, feedback: [FeedbackReport] = [], feedbackRefused: [FeedbackRefusal] = [],
                              language: Language = .vi) -> String {
        let text = ReportText(language)
        let reports = qualities.sorted { ($0.unit, $0.dataset) < ($1.unit, $1.dataset) }
        let past = Array(history.filter { CivilDate(iso: $0.asOf).map { $0 < asOf } ?? false }
            .sorted { $0.asOf < $1.asOf }.suffix(trendRuns - 1))
        let title = "\(text.qualityTitle) — \(HTML.date(asOf.description, language))"
        func datasetTitle(_ id: String) -> String { datasetTitles[id] ?? id }
        let weights = pageWeights(reports)

        var body = "<header>\n<h1>\(HTML.escape(title))</h1>\n"
        body += "<p class=\"subtitle\">\(HTML.escape(text.qualitySubtitle))</p>\n"
        body += "<p class=\"note\">\(text.scoreFormula(codeWeights: weightList(weights, language, markup: true), escape: HTML.escape))</p>\n"
        body += "<p class=\"note\">\(HTML.escape(text.maskedNote))</p>\n</header>\n"
        body += summary(reports, datasetTitle: datasetTitle, text: text)
        body += absentSection(absent.sorted { ($0.unit, $0.dataset) < ($1.unit, $1.dataset) }, datasetTitle: datasetTitle, text: text)
        body += bundleSection(bundles.sorted { $0.dataset < $1.dataset }, datasetTitle: datasetTitle, text: text)
        if let plan { body += planSection(plan, text: text) }
        var unitNames: [String: String] = [:]
        for report in reports { unitNames[report.unit] = report.unitName }
        body += HTMLFeedback.section(feedback, refused: feedbackRefused, asOf: asOf, unitNames: unitNames, datasetTitles: datasetTitles,
                                     fieldTitles: fieldTitles, language: language)
        for report in reports {
            let titles = fieldTitles[report.dataset] ?? [:]
            body += section(report, datasetTitle: datasetTitle(report.dataset), fieldTitle: { titles[$0] ?? $0 },
                            pageWeights: weights, past: past, text: text)
        }
        body += "<footer>\(HTML.escape(text.generatedBy)) \(HTML.escape(KhoDuLieu.build.description)) · \(HTML.escape(text.asOf)) "
            + "\(HTML.escape(HTML.date(asOf.description, language)))</footer>"
        return HTML.page(title: title, language: language, body: body)
    }

    // MARK: - Summary

    private static func summary(_ reports: [QualityReport], datasetTitle: (String) -> String, text: ReportText) -> String {
        let language = text.language
        let html = "<h2 id=\"summary\">\(HTML.escape(text.summary))</h2>\n"
        guard !reports.isEmpty else { return html + "<p>\(HTML.escape(text.noUnits))</p>\n" }
        var table = HTMLTable(className: "summary", columns: [HTMLTable.Column(text.unit), HTMLTable.Column(text.dataset),
                                                              HTMLTable.Column(text.grade), HTMLTable.Column(text.overall, "num")]
            + shownPrinciples.map { HTMLTable.Column(text.principleShort($0), "num", tip: text.principleLong($0)) }
            + [text.rowsRead, text.rowsExtracted, text.rowsUnreadable, text.rowsValidated, text.rowsRejected].map { HTMLTable.Column($0, "num") }
            + [HTMLTable.Column(text.notes)])
        for report in reports {
            let anchor = HTML.anchor("q", report.unit, report.dataset)
            var cells: [HTMLTable.Cell] = [.markup("<a href=\"#\(anchor)\">\(HTML.escape(report.unitName))</a>"),
                                           .text(datasetTitle(report.dataset)), .markup(HTML.badge(report.score.grade)),
                                           .text(HTML.decimal(report.score.overall, language), "num")]
            for principle in shownPrinciples {
                cells.append(.text(report.score.scores[principle.rawValue].map { HTML.decimal($0, language) } ?? HTML.nothing, "num"))
            }
            for count in [report.rows.read, report.rows.extracted, report.rows.unreadable, report.rows.validated, report.rows.rejected] {
                cells.append(.text(HTML.number(count, language), "num"))
            }
            cells.append(.markup(report.blocked ? "<span class=\"flag bad\">\(HTML.escape(text.blockedShort))</span>" : ""))
            table.add(cells)
        }
        return html + table.html
    }

    /// Units that sent nothing tonight: no grade, and what became of their rows.
    private static func absentSection(_ absent: [UnitAbsence], datasetTitle: (String) -> String, text: ReportText) -> String {
        guard !absent.isEmpty else { return "" }
        var table = HTMLTable(columns: [HTMLTable.Column(text.unit), HTMLTable.Column(text.dataset), HTMLTable.Column(text.notes)])
        for line in absent {
            table.add([.text(line.contribution.unitName), .text(datasetTitle(line.dataset)), .text(text.absentNote(line.contribution))])
        }
        return "<h2 id=\"absent\">\(HTML.escape(text.absentTitle))</h2>\n" + table.html
    }

    // MARK: - Bundles

    private static func bundleSection(_ bundles: [BundleReport], datasetTitle: (String) -> String, text: ReportText) -> String {
        let language = text.language
        let html = "<h2 id=\"bundles\">\(HTML.escape(text.bundles))</h2>\n"
        guard !bundles.isEmpty else { return html + "<p>\(HTML.escape(text.noBundles))</p>\n" }
        var table = HTMLTable(columns: [HTMLTable.Column(text.dataset), HTMLTable.Column(text.grade), HTMLTable.Column(text.overall, "num"),
                                        HTMLTable.Column(text.rowsBundled, "num"), HTMLTable.Column(text.mergedIdentical, "num"),
                                        HTMLTable.Column(text.conflicts, "num", tip: text.conflictsTip),
                                        HTMLTable.Column(text.duplicatesAcrossUnits, "num"),
                                        HTMLTable.Column(text.newestRecord), HTMLTable.Column(text.bundles), HTMLTable.Column(text.notes)])
        for bundle in bundles {
            let quality = bundle.quality
            var outputs = ""
            for output in bundle.outputs.sorted(by: { ($0.side.rawValue, $0.path) > ($1.side.rawValue, $1.path) }) {
                let side = output.side == .open ? text.sideOpen : text.sideShared
                outputs += "<div><span class=\"flag \(output.side == .open ? "ok" : "warn")\">\(HTML.escape(side))</span>"
                outputs += "<code class=\"nowrap\" title=\"\(HTML.escape(output.path)) · SHA-256 \(HTML.escape(output.sha256))\">"
                outputs += "\(HTML.escape(output.path.split(separator: "/").last.map(String.init) ?? output.path))</code>"
                outputs += "<div class=\"note\">\(HTML.escape(HTML.number(output.rows, language))) \(HTML.escape(text.rowsUnit))"
                outputs += " · \(HTML.escape(HTML.number(Int(output.bytes), language))) \(HTML.escape(text.bytesUnit))</div></div>"
            }
            var notes = quality.stale ? "<div class=\"flag bad\">\(HTML.escape(text.stale))</div>" : "<div class=\"flag ok\">\(HTML.escape(text.fresh))</div>"
            if !bundle.openWithheld.isEmpty {
                let reasons = bundle.openWithheld.map { $0.message.text(language) }.joined(separator: "; ")
                notes += "<div class=\"flag bad\">\(HTML.escape(text.withheld)): \(HTML.escape(reasons))</div>"
            }
            let conflicts = quality.conflicts
            if let conflicts, conflicts.keys > 0 {
                let names = Dictionary(quality.units.map { ($0.unit, $0.unitName) }, uniquingKeysWith: { first, _ in first })
                notes += "<div class=\"note\">\(HTML.escape(text.conflictRule(conflicts.rule)))</div>"
                for pair in conflicts.units {
                    let line = text.conflictPair(kept: names[pair.kept] ?? pair.kept, setAside: names[pair.setAside] ?? pair.setAside,
                                                 versions: pair.versions) { HTML.number($0, language) }
                    notes += "<div class=\"note\">\(HTML.escape(line))</div>"
                }
            }
            if let merged = quality.mergedIdentical, let conflicts {
                let balance = text.bundleBalance(validated: quality.rows.validated, bundled: quality.rowsBundled, merged: merged,
                                                 setAside: conflicts.versionsSetAside, duplicates: quality.duplicatesAcrossUnits) { HTML.number($0, language) }
                notes += "<div class=\"note\">\(HTML.escape(balance))</div>"
            }
            table.add([.text(datasetTitle(bundle.dataset)), .markup(HTML.badge(quality.grade)), .text(HTML.decimal(quality.overall, language), "num"),
                       .text(HTML.number(quality.rowsBundled, language), "num"),
                       .text(quality.mergedIdentical.map { HTML.number($0, language) } ?? HTML.nothing, "num"),
                       .text(conflicts.map { HTML.number($0.keys, language) } ?? HTML.nothing, "num"),
                       .text(HTML.number(quality.duplicatesAcrossUnits, language), "num"),
                       .text(quality.newestRecordDate.map { HTML.date($0, language) } ?? HTML.nothing), .markup(outputs), .markup(notes)])
        }
        return html + table.html
    }

    // MARK: - The plan

    /// The review of the open-data list, and what the plan or the configuration still lacks.
    private static func planSection(_ plan: PlanReview, text: ReportText) -> String {
        let language = text.language
        var html = "<h2 id=\"plan\">\(HTML.escape(text.planTitle))</h2>\n<ul>\n"
        if let reviewed = plan.openDataListReviewed, let due = plan.nextReviewDue, !plan.reviewOverdue {
            html += "<li><span class=\"flag ok\">\(HTML.escape(text.reviewKept))</span> "
                + HTML.escape(text.reviewedOn(HTML.date(reviewed, language), due: HTML.date(due, language))) + "</li>\n"
        }
        for note in plan.notes {
            html += "<li><span class=\"flag bad\">\(HTML.escape(text.toDo))</span> \(HTML.escape(note.text(language)))</li>\n"
        }
        return html + "</ul>\n"
    }

    // MARK: - One unit's dataset

    private static func section(_ report: QualityReport, datasetTitle: String, fieldTitle: (String) -> String,
                                pageWeights: [String: Double], past: [QualityHistory], text: ReportText) -> String {
        let language = text.language
        let weights = report.scoreWeights ?? [:]
        var html = "<section id=\"\(HTML.anchor("q", report.unit, report.dataset))\">\n"
        html += "<h2>\(HTML.badge(report.score.grade)) \(HTML.escape(report.unitName)) — \(HTML.escape(datasetTitle))</h2>\n"
        html += "<p class=\"meta\"><code>\(HTML.escape(report.unit))</code> · <code>\(HTML.escape(report.dataset))</code>"
        if report.blocked { html += " <span class=\"flag bad\">\(HTML.escape(text.blockedNote))</span>" }
        html += "</p>\n<div class=\"cards\">"
        html += card(text.overall, HTML.decimal(report.score.overall, language), tip: text.scoreFormula(codeWeights: weightList(weights, language)))
        for principle in shownPrinciples {
            html += card(text.principleLong(principle), report.score.scores[principle.rawValue].map { HTML.decimal($0, language) } ?? HTML.nothing, tip: nil)
        }
        html += "</div>\n"
        if weights != pageWeights {
            html += "<p class=\"note\">\(text.ownWeights(weightList(weights, language, markup: true), escape: HTML.escape))</p>\n"
        }
        html += "<p>\(HTML.escape(text.rowBalance(report.rows) { HTML.number($0, language) }))</p>\n"

        let fileProblems = report.fileFindings.filter { $0.severity != .info }
        if !fileProblems.isEmpty {
            html += "<h3>\(HTML.escape(text.fileFindings))</h3>\n<ul class=\"examples\">\n"
            for finding in fileProblems { html += "<li>\(findingLine(finding, fieldTitle: fieldTitle, text: text, withMessage: true))</li>\n" }
            html += "</ul>\n"
        }
        html += habits(report.habits ?? [], text: text)
        html += checks(report, fieldTitle: fieldTitle, text: text)

        let bars = report.completeness.map { field in
            let title = fieldTitle(field.field)
            return SVGChart.Bar(label: title, ratio: field.ratio, text: HTML.percent(field.ratio, language),
                                tip: "\(title): \(HTML.number(field.filled, language))/\(HTML.number(field.total, language)) (\(HTML.percent(field.ratio, language)))")
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

    // MARK: - Weights

    /// The weights most units were scored with, for the page's formula; the others say theirs.
    /// Ties go to the shorter list, then the first in code order, so the page does not depend on input order.
    static func pageWeights(_ reports: [QualityReport]) -> [String: Double] {
        guard !reports.isEmpty else { return ScoreWeights.defaults.shares }
        var counts: [[String: Double]: Int] = [:]
        for report in reports { counts[report.scoreWeights ?? [:], default: 0] += 1 }
        func key(_ weights: [String: Double]) -> String { weights.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }
        return counts.max { left, right in
            (left.value, -left.key.count, key(right.key)) < (right.value, -right.key.count, key(left.key))
        }?.key ?? [:]
    }

    /// `code-from-name 0,1 (ghi tên thay cho mã); …`: each code, its weight and what it means, in
    /// code order; as markup (escaped, the id in `<code>`) or as plain text for a tooltip.
    static func weightList(_ weights: [String: Double], _ language: Language, markup: Bool = false) -> String {
        weights.sorted { $0.key < $1.key }.map { code, weight in
            let words = FindingCode(rawValue: code).map { FindingCatalog.habits[$0]?.text(language) ?? FindingCatalog.message(for: $0, language: language) }
            let share = HTML.share(weight, language)
            let gloss = words.map { " (\($0))" } ?? ""
            return markup ? "<code>\(HTML.escape(code))</code> \(share)\(HTML.escape(gloss))" : "\(code) \(share)\(gloss)"
        }.joined(separator: "; ")
    }

    // MARK: - Findings

    /// Mistakes repeated down a column, one line each, instead of a row per value.
    private static func habits(_ habits: [Habit], text: ReportText) -> String {
        guard !habits.isEmpty else { return "" }
        var html = "<h3>\(HTML.escape(text.habits))</h3>\n<p class=\"note\">\(HTML.escape(text.habitsNote))</p>\n<ul class=\"habits\">\n"
        for habit in habits {
            guard let words = FindingCatalog.habits[habit.code] else { continue }
            let line = text.habitLine(titleMarkup: "<em>\(HTML.escape(habit.title))</em>", habit: words, rows: habit.rows) {
                HTML.number($0, text.language)
            }
            html += "<li title=\"\(HTML.escape(habit.code.rawValue))\">\(line)</li>\n"
        }
        return html + "</ul>\n"
    }

    /// The failing checks (errors, then warnings, most frequent first) with their example rows;
    /// the codes already said as habits are left out.
    private static func checks(_ report: QualityReport, fieldTitle: (String) -> String, text: ReportText) -> String {
        let language = text.language
        var html = "<h3>\(HTML.escape(text.topChecks))</h3>\n"
        let habitCodes = Set((report.habits ?? []).map(\.code))
        let failing = report.checks.filter { $0.severity != .info && !habitCodes.contains($0.code) }
        if failing.isEmpty {
            html += "<p>\(HTML.escape(text.noFailing))</p>\n"
        } else {
            var table = HTMLTable(className: "checks", columns: [
                HTMLTable.Column(text.code), HTMLTable.Column(text.message), HTMLTable.Column(text.severity),
                HTMLTable.Column(text.principle), HTMLTable.Column(text.count, "num"), HTMLTable.Column(text.fields),
            ])
            for check in failing.prefix(failingChecksShown) {
                table.add([.markup("<code>\(HTML.escape(check.code.rawValue))</code>"),
                           .text(FindingCatalog.message(for: check.code, language: language)),
                           .text(text.severityName(check.severity), "sev-\(check.severity.rawValue)"),
                           .text(text.principleShort(check.principle)),
                           .text(HTML.number(check.count, language), "num"),
                           .text(fieldList(check.fields, fieldTitle: fieldTitle, language))])
                if !check.examples.isEmpty {
                    table.addDetail("<ul class=\"examples\">" + check.examples.map {
                        "<li>\(findingLine($0, fieldTitle: fieldTitle, text: text, withMessage: false))</li>"
                    }.joined() + "</ul>")
                }
            }
            html += table.html
        }
        let more = failing.dropFirst(failingChecksShown)
        if !more.isEmpty {
            html += "<p class=\"note\">\(HTML.escape(text.moreChecks)): \(counts(more, language))</p>\n"
        }
        let info = report.checks.filter { $0.severity == .info }
        if !info.isEmpty {
            html += "<p class=\"note\">\(HTML.escape(text.informational)): \(counts(info, language))</p>\n"
        }
        return html
    }

    /// `location field [value]`, and the message when the line stands alone. The position is the
    /// file and line; the field is named by its title, then its workbook cell when it has one. The value is the report's, as it is (masked
    /// for personal fields); nothing else of the row is shown.
    private static func findingLine(_ finding: Finding, fieldTitle: (String) -> String, text: ReportText, withMessage: Bool) -> String {
        let position = Location(unit: finding.location.unit, file: finding.location.file, line: finding.location.line)
        var html = "<code>\(HTML.escape(position.rendered))</code>"
        if let field = finding.location.field { html += " <span class=\"field\">\(HTML.escape(fieldTitle(field)))</span>" }
        if let cell = finding.location.cell { html += " <code class=\"cell\">\(HTML.escape(cell))</code>" }
        if withMessage {
            html += " <span class=\"sev-\(finding.severity.rawValue)\">\(HTML.escape(text.severityName(finding.severity)))</span>"
            html += " <code>\(HTML.escape(finding.code.rawValue))</code>: \(HTML.escape(FindingCatalog.message(for: finding.code, language: text.language)))"
        }
        if let value = finding.value {
            html += " <span class=\"value\" title=\"\(HTML.escape(text.value))\">\(HTML.escape(value))</span>"
        }
        return html
    }

    /// `Mã xã × 2, Họ và tên × 1`: fields by count, then name; findings about a whole row are not a field.
    private static func fieldList(_ fields: [String: Int], fieldTitle: (String) -> String, _ language: Language) -> String {
        let named = fields.filter { !$0.key.isEmpty }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        return named.isEmpty ? HTML.nothing : named.map { "\(fieldTitle($0.key)) × \(HTML.number($0.value, language))" }.joined(separator: ", ")
    }

    /// `Mã không có trong danh mục dùng chung × 2; …` as markup: each code by its wording, its id on hover.
    private static func counts(_ summaries: some Sequence<FindingTally.CodeSummary>, _ language: Language) -> String {
        summaries.map { summary in
            "<span title=\"\(HTML.escape(summary.code.rawValue))\">\(HTML.escape(FindingCatalog.message(for: summary.code, language: language)))</span>"
                + " × \(HTML.escape(HTML.number(summary.count, language)))"
        }.joined(separator: "; ")
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
