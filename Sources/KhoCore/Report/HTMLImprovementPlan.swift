import Foundation

/// The improvement plan for people: per unit, its focal point, each dataset to improve with its
/// target, the defects to fix first and what to change at the source, and how the previous plan's
/// items fared.
public enum HTMLImprovementPlan {
    /// `reports/plans/<as-of>.html`, beside the JSON.
    public static func url(asOf: String, in workspace: Workspace) -> URL {
        ImprovementPlan.folder(in: workspace).appendingPathComponent("\(asOf).html")
    }

    public static func render(_ plan: ImprovementPlan, datasetTitles: [String: String], language: Language = .vi) -> String {
        let text = ReportText(language)
        func pick(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
        let title = pick("Kế hoạch cải thiện chất lượng dữ liệu", "Data quality improvement plan") + " — " + HTML.date(plan.asOf, language)
        var body = "<header>\n<h1>\(HTML.escape(title))</h1>\n"
        body += "<p class=\"subtitle\">\(HTML.escape(pick("Kỳ từ \(HTML.date(plan.periodStart, language)) đến \(HTML.date(plan.asOf, language)); bộ dữ liệu xếp loại dưới mục tiêu hoặc có nguyên tắc dưới \(HTML.decimal(plan.minPrincipleScore, language)) điểm (Điều 9.1–9.2)", "Period \(HTML.date(plan.periodStart, language)) to \(HTML.date(plan.asOf, language)); datasets graded below target or with a principle under \(HTML.decimal(plan.minPrincipleScore, language)) (Article 9.1–9.2)")))</p>\n"
        if let previous = plan.previous {
            body += "<p>\(HTML.escape(pick("Đối chiếu với kế hoạch ngày \(HTML.date(previous, language))", "Reviewed against the plan of \(HTML.date(previous, language))")))</p>\n"
        }
        body += "</header>\n"
        if plan.units.isEmpty { body += "<p>\(HTML.escape(pick("Không đơn vị nào cần kế hoạch cải thiện.", "No unit needs an improvement plan.")))</p>\n" }
        for unit in plan.units {
            body += "<section id=\"\(HTML.anchor("u", unit.unit))\">\n<h2>\(HTML.escape(unit.unitName))</h2>\n<p class=\"meta\"><code>\(HTML.escape(unit.unit))</code></p>\n"
            if let point = unit.focalPoint {
                body += "<p>\(HTML.escape(pick("Đầu mối", "Focal point"))): \(HTML.escape(point.name)), \(HTML.escape(point.position)) · "
                body += "<a href=\"mailto:\(HTML.escape(point.email))\">\(HTML.escape(point.email))</a> · \(HTML.escape(point.phone))</p>\n"
            } else {
                body += "<p>\(HTML.escape(pick("Đầu mối: chưa cấu hình (focalPoint)", "Focal point: not configured (focalPoint)")))</p>\n"
            }
            for set in unit.datasets {
                body += "<h3>\(HTML.badge(set.grade, title: text.lastGrade)) \(HTML.escape(datasetTitles[set.dataset] ?? set.dataset)) <code>\(HTML.escape(set.dataset))</code></h3>\n"
                body += "<p>\(HTML.escape(pick("Mục tiêu: loại \(set.targetGrade.rawValue) trước ngày \(HTML.date(set.targetDate, language)); điểm chung hiện nay \(HTML.decimal(set.overall, language))", "Target: grade \(set.targetGrade.rawValue) by \(HTML.date(set.targetDate, language)); overall score now \(HTML.decimal(set.overall, language))")))</p>\n"
                if !set.weakPrinciples.isEmpty {
                    let weak = set.weakPrinciples.keys.sorted().map { key in
                        "\(Principle(rawValue: key).map(text.principleShort) ?? key) \(HTML.decimal(set.weakPrinciples[key] ?? 0, language))"
                    }.joined(separator: ", ")
                    body += "<p>\(HTML.escape(pick("Nguyên tắc dưới ngưỡng", "Principles under the threshold"))): \(HTML.escape(weak))</p>\n"
                }
                body += "<table class=\"checks\"><thead><tr><th>\(HTML.escape(text.code))</th><th>\(HTML.escape(text.message))</th>"
                body += "<th class=\"num\">\(HTML.escape(pick("Dòng (đầu kỳ → cuối kỳ)", "Rows (first → last)")))</th><th>\(HTML.escape(pick("Xu hướng", "Trend")))</th>"
                body += "<th class=\"num\">\(HTML.escape(pick("Điểm mất", "Score lost")))</th><th class=\"num\">\(HTML.escape(pick("Số tháng gặp", "Months seen")))</th>"
                body += "<th>\(HTML.escape(pick("Việc cần làm tại nguồn", "What to change at the source")))</th></tr></thead><tbody>\n"
                for item in set.items {
                    let repeated = item.repeated ? " ⟳ " + pick("lặp lại", "repeated") : ""
                    body += "<tr><td><code>\(HTML.escape(item.code))</code>\(HTML.escape(repeated))</td>"
                    body += HTML.cell(FindingCatalog.message(forRecorded: item.code, language: language))
                    body += HTML.cell("\(HTML.number(item.rowsFirst, language)) → \(HTML.number(item.rowsLast, language))", "num")
                    body += HTML.cell(trend(item.trend, pick)) + HTML.cell(HTML.decimal(item.scoreCost, language), "num")
                    body += HTML.cell(HTML.number(item.monthsSeen, language), "num") + HTML.cell(item.action?.text(language) ?? HTML.nothing) + "</tr>\n"
                }
                body += "</tbody></table>\n"
            }
            if !unit.followUps.isEmpty {
                body += "<h3>\(HTML.escape(pick("Kết quả kế hoạch trước", "Outcome of the previous plan")))</h3>\n<table><thead><tr>"
                body += "<th>\(HTML.escape(text.dataset))</th><th>\(HTML.escape(pick("Mục", "Item")))</th>"
                body += "<th>\(HTML.escape(pick("Trước", "Then")))</th><th>\(HTML.escape(pick("Nay", "Now")))</th><th>\(HTML.escape(pick("Kết quả", "Outcome")))</th></tr></thead><tbody>\n"
                for follow in unit.followUps {
                    let item = follow.code ?? pick("Mục tiêu loại", "Target grade")
                    let then = follow.code == nil ? (follow.targetGrade?.rawValue ?? HTML.nothing) : (follow.rowsThen.map { HTML.number($0, language) } ?? HTML.nothing)
                    let now = follow.code == nil ? (follow.gradeNow?.rawValue ?? HTML.nothing) : (follow.rowsNow.map { HTML.number($0, language) } ?? HTML.nothing)
                    body += "<tr>" + HTML.cell(datasetTitles[follow.dataset] ?? follow.dataset) + HTML.cell(item) + HTML.cell(then) + HTML.cell(now)
                    body += HTML.cell(outcome(follow.outcome, pick), "outcome-\(follow.outcome.rawValue)") + "</tr>\n"
                }
                body += "</tbody></table>\n"
            }
            if let feedback = unit.feedback { body += HTMLFeedback.table(feedback, datasetTitles: datasetTitles, language: language, heading: "h3") }
            body += "</section>\n"
        }
        body += "<footer>\(HTML.escape(text.generatedBy)) \(HTML.escape(KhoDuLieu.version))</footer>"
        return HTML.page(title: title, language: language, body: body)
    }

    private static func trend(_ trend: ImprovementPlan.Trend, _ pick: (String, String) -> String) -> String {
        switch trend {
        case .rising: return pick("tăng", "rising")
        case .steady: return pick("không đổi", "steady")
        case .falling: return pick("giảm", "falling")
        }
    }

    private static func outcome(_ outcome: ImprovementPlan.Outcome, _ pick: (String, String) -> String) -> String {
        switch outcome {
        case .met: return pick("Đạt", "Met")
        case .improved: return pick("Có tiến bộ", "Improved")
        case .notMet: return pick("Chưa đạt", "Not met")
        case .noData: return pick("Không có dữ liệu", "No data")
        }
    }
}
