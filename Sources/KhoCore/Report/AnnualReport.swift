import Foundation

/// The yearly evaluation of Article 16 (reported by 20 December): each unit's datasets over the
/// year's nightly histories — how often they ran, how much they sent, how good it was and what
/// went wrong most. Built from `QualityHistory` alone, so it holds counts and scores, no values.
public struct AnnualReport: Codable, Sendable, Equatable {
    /// A finding code's total over the year.
    public struct CodeTotal: Codable, Sendable, Equatable {
        public var code: String
        /// The most severe the code was on any night (a dataset may change a code's severity).
        public var severity: Severity
        public var principle: Principle
        public var total: Int
        /// Nights the code was met at all.
        public var nights: Int
    }

    /// One calendar month of a unit's dataset.
    public struct Month: Codable, Sendable, Equatable {
        /// `YYYY-MM`.
        public var month: String
        public var runs: Int
        public var meanOverall: Double
        public var worstGrade: Grade
    }

    /// One unit's dataset over the year.
    public struct Line: Codable, Sendable, Equatable {
        public var unit: String
        /// The name on the last run (names change when units are reorganized).
        public var unitName: String
        public var dataset: String
        public var runs: Int
        public var firstDate: String
        public var lastDate: String
        public var rowsReadTotal: Int
        public var rowsReadLast: Int
        public var lastGrade: Grade
        public var lastOverall: Double
        public var meanOverall: Double
        public var minOverall: Double
        /// Mean of each principle's score over the runs that scored it.
        public var meanScores: [String: Double]
        public var blockedRuns: Int
        /// Nights of the year the unit sent no export for the dataset (no grade those nights).
        public var nightsWithoutExport: Int
        /// The year's most frequent error codes, most frequent first; warning codes follow when
        /// fewer than `topCodesKept` error codes were met. Info codes never count.
        public var topCodes: [CodeTotal]
        /// `YYYY-MM` of each month with at least one run graded C.
        public var monthsWithGradeC: [String]
        /// Months with at least one run, in order.
        public var months: [Month]
    }

    /// One merged dataset over the year: how often its open data was held back or stale.
    public struct DatasetLine: Codable, Sendable, Equatable {
        public var dataset: String
        public var runs: Int
        public var nightsOpenWithheld: Int
        public var nightsStale: Int
        public var lastGrade: Grade
        public var lastOverall: Double
    }

    /// A dataset's shared bundles written in the year (`recipient` nil), or one recipient's deliveries.
    public struct DeliveryLine: Codable, Sendable, Equatable {
        public var dataset: String
        public var recipient: String?
        /// Shared bundles written, for the line without a recipient; copies delivered, for a recipient.
        public var delivered: Int
        /// Attempts that failed (each retried the next night).
        public var failed: Int
        public var last: String?
    }

    public static let topCodesKept = 5

    public var year: Int
    /// Article 16: the yearly evaluation is reported by 20 December.
    public var dueDate: String
    /// Nightly histories in the year.
    public var runs: Int
    public var firstDate: String?
    public var lastDate: String?
    /// Sorted by unit, then dataset.
    public var units: [Line]
    /// Sorted by dataset.
    public var datasets: [DatasetLine]
    /// Shared bundles written and delivered, per dataset and recipient (Article 16); nil when the
    /// year has no audit trail.
    public var deliveries: [DeliveryLine]? = nil
    /// The code that wrote the report (absent in reports of earlier versions).
    public var build: KhoDuLieu.Build? = KhoDuLieu.build
    /// Data users' problem reports dated in the year, per unit and dataset by status; nil when none.
    public var feedback: [FeedbackTally]? = nil

    /// `reports/annual/<year>.json`; the HTML rendering sits beside it.
    public static func url(year: Int, in workspace: Workspace) -> URL {
        workspace.reports.appendingPathComponent("annual/\(year).json")
    }

    /// Aggregates the histories dated in `year`. Histories may come in any order; a date given
    /// twice counts once (the later in the array wins, as a rerun of that night replaces it).
    public static func build(year: Int, history: [QualityHistory], deliveries: [Deliveries.Entry] = [],
                             feedback: [FeedbackReport] = []) -> AnnualReport {
        var byDate: [CivilDate: QualityHistory] = [:]
        for night in history {
            guard let date = CivilDate(iso: night.asOf), date.year == year else { continue }
            byDate[date] = night
        }
        let nights = byDate.keys.sorted().compactMap { date in byDate[date].map { (date, $0) } }

        var unitRuns: [String: [(date: CivilDate, line: QualityHistory.Line)]] = [:]
        var datasetRuns: [String: [QualityHistory.DatasetLine]] = [:]
        var absences: [String: Int] = [:]
        for (date, night) in nights {
            for line in night.units { unitRuns["\(line.unit)\u{0}\(line.dataset)", default: []].append((date, line)) }
            for line in night.datasets { datasetRuns[line.dataset, default: []].append(line) }
            for line in night.absent ?? [] { absences["\(line.unit)\u{0}\(line.dataset)", default: 0] += 1 }
        }
        let units = unitRuns.compactMap { key, runs in unitLine(runs, nightsWithoutExport: absences[key] ?? 0) }
            .sorted { ($0.unit, $0.dataset) < ($1.unit, $1.dataset) }
        let datasets = datasetRuns.values.compactMap { runs -> DatasetLine? in
            guard let last = runs.last else { return nil }
            return DatasetLine(dataset: last.dataset, runs: runs.count, nightsOpenWithheld: runs.filter { !$0.openWithheld.isEmpty }.count,
                               nightsStale: runs.filter(\.stale).count, lastGrade: last.grade, lastOverall: last.overall)
        }.sorted { $0.dataset < $1.dataset }
        return AnnualReport(year: year, dueDate: "\(year)-12-20", runs: nights.count, firstDate: nights.first?.0.description,
                            lastDate: nights.last?.0.description, units: units, datasets: datasets,
                            deliveries: deliveryLines(deliveries), feedback: feedbackLines(feedback, year: year))
    }

    static func feedbackLines(_ reports: [FeedbackReport], year: Int) -> [FeedbackTally]? {
        guard let start = CivilDate(year: year, month: 1, day: 1), let end = CivilDate(year: year, month: 12, day: 31) else { return nil }
        let lines = FeedbackTally.count(reports, from: start, through: end)
        return lines.isEmpty ? nil : lines
    }

    /// Counts per dataset and recipient from the audit trails of the year's nights; the dataset's bundles written first.
    static func deliveryLines(_ entries: [Deliveries.Entry]) -> [DeliveryLine]? {
        guard !entries.isEmpty else { return nil }
        var lines: [String: DeliveryLine] = [:]
        for entry in entries {
            let key = "\(entry.dataset)\u{0}\(entry.recipient ?? "")"
            var line = lines[key] ?? DeliveryLine(dataset: entry.dataset, recipient: entry.recipient, delivered: 0, failed: 0)
            if entry.event == .failed { line.failed += 1 } else { line.delivered += 1 }
            line.last = max(line.last ?? "", entry.time)
            lines[key] = line
        }
        return lines.values.sorted { ($0.dataset, $0.recipient ?? "") < ($1.dataset, $1.recipient ?? "") }
    }

    /// One unit's dataset from its runs, oldest first.
    private static func unitLine(_ runs: [(date: CivilDate, line: QualityHistory.Line)], nightsWithoutExport: Int) -> Line? {
        guard let first = runs.first, let last = runs.last else { return nil }
        let overall = runs.map(\.line.score.overall)

        var sums: [String: (total: Double, count: Int)] = [:]
        for run in runs {
            for (principle, score) in run.line.score.scores {
                sums[principle, default: (0, 0)].total += score
                sums[principle, default: (0, 0)].count += 1
            }
        }
        let meanScores = sums.mapValues { QualityScore.round($0.total / Double($0.count)) }

        var codes: [String: CodeTotal] = [:]
        for run in runs {
            for finding in run.line.findings where finding.severity != .info {
                var total = codes[finding.code] ?? CodeTotal(code: finding.code, severity: finding.severity, principle: finding.principle,
                                                            total: 0, nights: 0)
                total.total += finding.count
                total.nights += 1
                total.severity = max(total.severity, finding.severity)
                codes[finding.code] = total
            }
        }
        let topCodes = codes.values.sorted { ($1.severity, $1.total, $0.code) < ($0.severity, $0.total, $1.code) }.prefix(topCodesKept)

        var monthRuns: [String: [QualityHistory.Line]] = [:]
        for run in runs { monthRuns[monthKey(run.date), default: []].append(run.line) }
        let months = monthRuns.keys.sorted().compactMap { key -> Month? in
            guard let lines = monthRuns[key], let worst = lines.map(\.score.grade).max() else { return nil }
            return Month(month: key, runs: lines.count, meanOverall: QualityScore.round(lines.map(\.score.overall).reduce(0, +) / Double(lines.count)),
                         worstGrade: worst)
        }

        return Line(unit: last.line.unit, unitName: last.line.unitName, dataset: last.line.dataset, runs: runs.count,
                    firstDate: first.date.description, lastDate: last.date.description,
                    rowsReadTotal: runs.map(\.line.rows.read).reduce(0, +), rowsReadLast: last.line.rows.read,
                    lastGrade: last.line.score.grade, lastOverall: last.line.score.overall,
                    meanOverall: QualityScore.round(overall.reduce(0, +) / Double(overall.count)),
                    minOverall: overall.min() ?? 0, meanScores: meanScores,
                    blockedRuns: runs.filter(\.line.blocked).count, nightsWithoutExport: nightsWithoutExport, topCodes: Array(topCodes),
                    monthsWithGradeC: months.filter { $0.worstGrade == .c }.map(\.month), months: months)
    }

    static func monthKey(_ date: CivilDate) -> String {
        String(date.description.prefix(7))
    }
}
