import Foundation

/// `kdl-report --year`: the Article 16 yearly evaluation from the nights' histories; `--unit`: one
/// unit's improvement plan over any period.
public enum ReportCommand: CommandDefinition {
    public static let name = "report"
    public static let summary = Message(vi: "Báo cáo đánh giá dữ liệu hằng năm (Điều 16, hạn 20/12): tổng hợp lịch sử chất lượng của năm thành reports/annual/<năm>.html và .json, kèm kế hoạch cải thiện của từng đơn vị (reports/plans/<ngày>.html và .json). Với --unit: chỉ kế hoạch cải thiện của đơn vị đó trong kỳ chọn (cả năm, --month hoặc --from/--to), đối chiếu kế hoạch trước của đơn vị, ghi vào reports/plans/<đơn vị>/<đầu kỳ>--<ngày>.html và .json.",
                                        en: "Yearly data evaluation (Article 16, due 20 December): the year's quality history per unit as reports/annual/<year>.html and .json, with each unit's improvement plan (reports/plans/<date>.html and .json). With --unit: only that unit's improvement plan over the period chosen (the year, --month or --from/--to), reviewing the unit's previous plan, as reports/plans/<unit>/<start>--<date>.html and .json.")
    public static let flags: [CommandFlag] = [.year, .unit, .month, .from, .to]
    public static let examples = ["swift run kdl-report --year 2026", "swift run kdl-report --year 2026 --lang en",
                                  "swift run kdl-report --unit ubnd-dak-ha --month 2026-11",
                                  "swift run kdl-report --unit ubnd-dak-ha --from 2026-10-01 --to 2026-12-31"]
    public static var flagHelp: [CommandFlag: Message] {
        [.unit: Message(vi: "chỉ viết kế hoạch cải thiện của đơn vị này (một đơn vị), không viết báo cáo năm",
                        en: "write only this unit's improvement plan (one unit), not the yearly report")]
    }

    public static func execute(_ setup: StageSetup, _ run: CommandRun) throws -> ExitCode {
        if !setup.options.units.isEmpty { return try executeUnitPlan(setup, run) }
        let year = setup.options.year ?? setup.options.asOf.year
        let history = loadHistory(setup)
        guard !history.filter({ $0.asOf.hasPrefix(String(year)) }).isEmpty else {
            FileHandle.standardError.write(Data(setup.say("không có lịch sử chất lượng nào của năm \(year) trong \(QualityHistory.folder(in: setup.workspace).path)\n",
                                                           "no quality history for \(year) in \(QualityHistory.folder(in: setup.workspace).path)\n").utf8))
            return .noInput
        }
        let feedback = loadFeedback(setup)
        let report = AnnualReport.build(year: year, history: history, deliveries: Deliveries.entries(year: year, in: setup.workspace),
                                        feedback: feedback)
        try JSONOutput.write(report, to: AnnualReport.url(year: year, in: setup.workspace))
        let html = HTMLAnnualReport.render(report, datasetTitles: setup.config.datasets.mapValues(\.title), language: setup.options.language)
        let htmlURL = HTMLAnnualReport.url(year: year, in: setup.workspace)
        try AtomicFile.write(Array(html.utf8), to: htmlURL)
        run.summary.line(htmlURL.path)
        if let planURL = try writePlan(setup, year: year, history: history, feedback: feedback) { run.summary.line(planURL.path) }
        return .ok
    }

    /// The nights' histories; a file that cannot be read is named on stderr and left out.
    static func loadHistory(_ setup: StageSetup) -> [QualityHistory] {
        QualityHistory.load(from: QualityHistory.folder(in: setup.workspace)) { file, reason in
            FileHandle.standardError.write(Data("  \(file.lastPathComponent): \(reason)\n".utf8))
        }
    }

    /// `feedback/` as the nightly run last saw it: bad files named on stderr, reports whose record
    /// changed by the as-of date marked possibly resolved.
    static func loadFeedback(_ setup: StageSetup) -> [FeedbackReport] {
        let loaded = FeedbackInbox.load(from: FeedbackInbox.folder(setup.config), config: setup.config, asOf: setup.options.asOf)
        for problem in loaded.refused { FileHandle.standardError.write(Data("  \(problem.rendered(setup.options.language))\n".utf8)) }
        return FeedbackWatch.load(setup.workspace)?.marking(loaded.reports, through: setup.options.asOf) ?? loaded.reports
    }

    /// The period the flags name: `--from`/`--to`, `--month`, else `--year` or the as-of year.
    static func period(_ options: StageOptions) -> (start: CivilDate, end: CivilDate)? {
        if let from = options.from, let to = options.to { return (from, to) }
        if let month = options.month, let last = CivilDate(year: month.year, month: month.month, day: CivilDate.daysIn(month: month.month, year: month.year)) {
            return (month, last)
        }
        let year = options.year ?? options.asOf.year
        guard let start = CivilDate(year: year, month: 1, day: 1), let end = CivilDate(year: year, month: 12, day: 31) else { return nil }
        return (start, end)
    }

    /// `--unit`: the unit's plan over the period up to the as-of date, reviewing its newest earlier
    /// plan (its own or the province's). 66 when no night of the period graded the unit.
    static func executeUnitPlan(_ setup: StageSetup, _ run: CommandRun) throws -> ExitCode {
        guard setup.options.units.count == 1, let unit = setup.options.units.first else {
            throw UsageError(vi: "kdl-report nhận đúng một --unit (đã cho \(setup.options.units.count))",
                             en: "kdl-report takes exactly one --unit (\(setup.options.units.count) given)")
        }
        guard let period = period(setup.options) else { throw UsageError(vi: "kỳ không hợp lệ", en: "invalid period") }
        let end = min(period.end, setup.options.asOf)
        let history = loadHistory(setup)
        let nights = history.compactMap { night -> QualityHistory? in
            guard let date = CivilDate(iso: night.asOf), date >= period.start, date <= end else { return nil }
            var mine = night
            mine.units = night.units.filter { $0.unit == unit }
            return mine.units.isEmpty ? nil : mine
        }
        guard let last = nights.compactMap({ CivilDate(iso: $0.asOf) }).max() else {
            FileHandle.standardError.write(Data(setup.say("không có lịch sử chất lượng nào của \(unit) từ \(period.start) đến \(end) trong \(QualityHistory.folder(in: setup.workspace).path)\n",
                                                           "no quality history of \(unit) from \(period.start) to \(end) in \(QualityHistory.folder(in: setup.workspace).path)\n").utf8))
            return .noInput
        }
        let previous = ImprovementPlan.previous(before: last.description, unit: unit, in: setup.workspace)
        guard var plan = ImprovementPlan.build(history: nights, from: period.start, through: end, previous: previous,
                                               settings: setup.config.pipeline.improvement, units: setup.config.units,
                                               weights: setup.config.pipeline.scoreWeights,
                                               feedback: loadFeedback(setup).filter { $0.unit == unit }) else { return .noInput }
        plan.unit = unit
        let url = ImprovementPlan.url(unit: unit, periodStart: plan.periodStart, asOf: plan.asOf, in: setup.workspace)
        try JSONOutput.write(plan, to: url)
        let html = HTMLImprovementPlan.render(plan, datasetTitles: setup.config.datasets.mapValues(\.title), language: setup.options.language)
        let htmlURL = url.deletingPathExtension().appendingPathExtension("html")
        try AtomicFile.write(Array(html.utf8), to: htmlURL)
        run.summary.line(htmlURL.path)
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
