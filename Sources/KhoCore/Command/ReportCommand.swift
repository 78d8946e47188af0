import Foundation

/// `kdl-report --year`: the Article 16 yearly evaluation from the nights' histories.
public enum ReportCommand: CommandDefinition {
    public static let name = "report"
    public static let summary = Message(vi: "Báo cáo đánh giá dữ liệu hằng năm (Điều 16, hạn 20/12): tổng hợp lịch sử chất lượng của năm thành reports/annual/<năm>.html và .json, kèm kế hoạch cải thiện của từng đơn vị (reports/plans/<ngày>.html và .json).",
                                        en: "Yearly data evaluation (Article 16, due 20 December): the year's quality history per unit as reports/annual/<year>.html and .json, with each unit's improvement plan (reports/plans/<date>.html and .json).")
    public static let flags: [CommandFlag] = [.year]
    public static let examples = ["swift run kdl-report --year 2026", "swift run kdl-report --year 2026 --lang en"]

    public static func execute(_ setup: StageSetup, _ run: CommandRun) throws -> ExitCode {
        let year = setup.options.year ?? setup.options.asOf.year
        var unreadable: [String] = []
        let history = QualityHistory.load(from: QualityHistory.folder(in: setup.workspace)) { file, reason in
            unreadable.append("\(file.lastPathComponent): \(reason)")
        }
        for problem in unreadable { FileHandle.standardError.write(Data("  \(problem)\n".utf8)) }
        guard !history.filter({ $0.asOf.hasPrefix(String(year)) }).isEmpty else {
            FileHandle.standardError.write(Data(setup.say("không có lịch sử chất lượng nào của năm \(year) trong \(QualityHistory.folder(in: setup.workspace).path)\n",
                                                           "no quality history for \(year) in \(QualityHistory.folder(in: setup.workspace).path)\n").utf8))
            return .noInput
        }
        let feedback = FeedbackInbox.load(from: FeedbackInbox.folder(setup.config), config: setup.config, asOf: setup.options.asOf)
        for problem in feedback.refused { FileHandle.standardError.write(Data("  \(problem.rendered(setup.options.language))\n".utf8)) }
        let report = AnnualReport.build(year: year, history: history, deliveries: Deliveries.entries(year: year, in: setup.workspace),
                                        feedback: feedback.reports)
        try JSONOutput.write(report, to: AnnualReport.url(year: year, in: setup.workspace))
        let html = HTMLAnnualReport.render(report, datasetTitles: setup.config.datasets.mapValues(\.title), language: setup.options.language)
        let htmlURL = HTMLAnnualReport.url(year: year, in: setup.workspace)
        try AtomicFile.write(Array(html.utf8), to: htmlURL)
        run.summary.line(htmlURL.path)
        if let planURL = try writePlan(setup, year: year, history: history, feedback: feedback.reports) { run.summary.line(planURL.path) }
        return .ok
    }

    /// The improvement plan over the year's nights up to the as-of date, reviewing the newest
    /// earlier plan; nil when no night of the year is on or before the as-of date.
    static func writePlan(_ setup: StageSetup, year: Int, history: [QualityHistory], feedback: [FeedbackReport]) throws -> URL? {
        guard let start = CivilDate(year: year, month: 1, day: 1), let yearEnd = CivilDate(year: year, month: 12, day: 31) else { return nil }
        let end = min(yearEnd, setup.options.asOf)
        let dates = history.compactMap { CivilDate(iso: $0.asOf) }.filter { $0 >= start && $0 <= end }
        guard let last = dates.max() else { return nil }
        let previous = ImprovementPlan.previous(before: last.description, in: setup.workspace)
        guard let plan = ImprovementPlan.build(history: history, from: start, through: end, previous: previous,
                                               settings: setup.config.pipeline.improvement, units: setup.config.units,
                                               weights: setup.config.pipeline.scoreWeights, feedback: feedback) else { return nil }
        try JSONOutput.write(plan, to: ImprovementPlan.url(asOf: plan.asOf, in: setup.workspace))
        let html = HTMLImprovementPlan.render(plan, datasetTitles: setup.config.datasets.mapValues(\.title), language: setup.options.language)
        let url = HTMLImprovementPlan.url(asOf: plan.asOf, in: setup.workspace)
        try AtomicFile.write(Array(html.utf8), to: url)
        return url
    }
}
