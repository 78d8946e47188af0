import Foundation

/// What each unit should fix first (Article 9.1–9.2: data not fit to share needs a plan to improve
/// it), drawn from the nights' histories: every dataset of a unit graded below the target, or with
/// a principle under the configured score, with the few defects that cost the most score, what to
/// change at the source, who answers for it and by when. A plan reviews the one before it: each of
/// its items is marked met, improved or not met, so a defect that keeps coming back shows.
/// Built from `QualityHistory` alone: counts and scores, no values.
public struct ImprovementPlan: Codable, Sendable, Equatable {
    public enum Trend: String, Codable, Sendable { case rising, steady, falling }

    public enum Outcome: String, Codable, Sendable {
        /// The defect is gone on the last night.
        case met
        /// Fewer rows than the previous plan counted, but not none.
        case improved
        /// As many rows or more.
        case notMet = "not-met"
        /// The unit sent nothing for the dataset since: nothing to judge by.
        case noData = "no-data"
    }

    /// One defect to fix.
    public struct Item: Codable, Sendable, Equatable {
        public var code: String
        public var severity: Severity
        public var principle: Principle
        /// Rows with the code on the period's first and last night the dataset ran.
        public var rowsFirst: Int
        public var rowsLast: Int
        public var nights: Int
        /// Months of the period in which the code was met.
        public var monthsSeen: Int
        public var trend: Trend
        /// Score points the code takes on the last night, at most (a row counts once per principle).
        public var scoreCost: Double
        public var action: Message?
        /// The previous plan listed it too.
        public var repeated: Bool
    }

    public struct DatasetPlan: Codable, Sendable, Equatable {
        public var dataset: String
        public var grade: Grade
        public var overall: Double
        /// Principles scored under `minPrincipleScore` on the last night.
        public var weakPrinciples: [String: Double]
        public var items: [Item]
        public var targetGrade: Grade
        public var targetDate: String
    }

    /// What became of one item (`code` set) or one target grade (`code` nil) of the previous plan.
    public struct FollowUp: Codable, Sendable, Equatable {
        public var dataset: String
        public var code: String?
        public var rowsThen: Int?
        public var rowsNow: Int?
        public var targetGrade: Grade?
        public var gradeNow: Grade?
        public var outcome: Outcome
    }

    /// The unit's focal point: an office contact, from the configuration.
    public struct Contact: Codable, Sendable, Equatable {
        public var name: String
        public var position: String
        public var email: String
        public var phone: String
    }

    public struct UnitPlan: Codable, Sendable, Equatable {
        public var unit: String
        public var unitName: String
        public var focalPoint: Contact?
        public var datasets: [DatasetPlan]
        public var followUps: [FollowUp]
        /// Data users' problem reports on the unit's data dated in the period; nil when none.
        public var feedback: [FeedbackTally]? = nil
    }

    public static let currentVersion = 1
    /// The few defects a plan lists per dataset: more would not be read.
    public static let itemsKept = 3

    public var version: Int
    /// The last night of the period: the plan's date and file name.
    public var asOf: String
    public var periodStart: String
    /// The date of the plan reviewed here, if any.
    public var previous: String?
    public var minPrincipleScore: Double
    /// Sorted by unit.
    public var units: [UnitPlan]
    /// The one unit a `--unit` plan is for; nil for the province's plan of every unit.
    public var unit: String? = nil

    // MARK: - Files

    public static func folder(in workspace: Workspace) -> URL {
        workspace.reports.appendingPathComponent("plans", isDirectory: true)
    }

    /// `reports/plans/<as-of>.json`; the HTML sits beside it.
    public static func url(asOf: String, in workspace: Workspace) -> URL {
        folder(in: workspace).appendingPathComponent("\(asOf).json")
    }

    /// `reports/plans/<unit>/<period start>--<as-of>.json`: one unit's plan, for any period; plans of
    /// two periods ending on the same night are both kept.
    public static func url(unit: String, periodStart: String, asOf: String, in workspace: Workspace) -> URL {
        folder(in: workspace).appendingPathComponent("\(unit)/\(periodStart)--\(asOf).json")
    }

    /// The newest plan dated before `asOf` that covers `unit` — the unit's own plans and the
    /// province's — cut down to that unit; for one as-of date the unit's own wins, then the longer period.
    public static func previous(before asOf: String, unit: String, in workspace: Workspace) -> ImprovementPlan? {
        var candidates: [(asOf: String, own: Bool, start: String, url: URL)] = []
        let unitFolder = folder(in: workspace).appendingPathComponent(unit, isDirectory: true)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: unitFolder.path)) ?? [] where !name.hasPrefix(".") && name.hasSuffix(".json") {
            let parts = name.dropLast(5).components(separatedBy: "--")
            guard parts.count == 2, CivilDate(iso: parts[0]) != nil, CivilDate(iso: parts[1]) != nil, parts[1] < asOf else { continue }
            candidates.append((parts[1], true, parts[0], unitFolder.appendingPathComponent(name)))
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder(in: workspace).path)) ?? [] where !name.hasPrefix(".") && name.hasSuffix(".json") {
            let date = String(name.dropLast(5))
            guard CivilDate(iso: date) != nil, date < asOf else { continue }
            candidates.append((date, false, "", url(asOf: date, in: workspace)))
        }
        // Newest first; on one date the unit's own plan, then the one of the longer period (the earlier start).
        candidates.sort { ($1.asOf, $1.own ? 1 : 0, $0.start) < ($0.asOf, $0.own ? 1 : 0, $1.start) }
        for candidate in candidates {
            guard var plan = try? JSONOutput.read(ImprovementPlan.self, from: candidate.url), plan.version == currentVersion else { continue }
            plan.units = plan.units.filter { $0.unit == unit }
            plan.unit = unit
            return plan
        }
        return nil
    }

    /// The newest plan dated before `asOf`; a file that does not decode is no plan (the next
    /// plan then reviews nothing rather than stopping the yearly report).
    public static func previous(before asOf: String, in workspace: Workspace) -> ImprovementPlan? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder(in: workspace).path)) ?? []
        let dates = names.filter { !$0.hasPrefix(".") && $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
            .filter { CivilDate(iso: $0) != nil && $0 < asOf }.sorted()
        for date in dates.reversed() {
            if let plan = try? JSONOutput.read(ImprovementPlan.self, from: url(asOf: date, in: workspace)),
               plan.version == currentVersion { return plan }
        }
        return nil
    }
}

extension ImprovementPlan {
    /// The plan for the nights of `history` dated from `start` through `end`, reviewing `previous`.
    /// Nights may come in any order; a date given twice counts once (the later wins).
    public static func build(history: [QualityHistory], from start: CivilDate, through end: CivilDate, previous: ImprovementPlan?,
                             settings: ImprovementSettings, units: [UnitConfig], weights: ScoreWeights = .defaults,
                             feedback: [FeedbackReport] = []) -> ImprovementPlan? {
        var byDate: [CivilDate: QualityHistory] = [:]
        for night in history {
            guard let date = CivilDate(iso: night.asOf), date >= start, date <= end else { continue }
            byDate[date] = night
        }
        guard let last = byDate.keys.max() else { return nil }
        var runs: [String: [(date: CivilDate, line: QualityHistory.Line)]] = [:]
        for date in byDate.keys.sorted() {
            for line in byDate[date]?.units ?? [] { runs["\(line.unit)\u{0}\(line.dataset)", default: []].append((date, line)) }
        }
        let previousItems = Set(previous?.units.flatMap { unit in unit.datasets.flatMap { set in set.items.map { "\(unit.unit)\u{0}\(set.dataset)\u{0}\($0.code)" } } } ?? [])
        let target = settings.target(from: last).description

        var plans: [String: [DatasetPlan]] = [:]
        var names: [String: String] = [:]
        for key in runs.keys.sorted() {
            guard let lines = runs[key], let newest = lines.last?.line else { continue }
            names[newest.unit] = newest.unitName
            let weak = newest.score.scores.filter { principle, score in
                Principle.allCases.contains { $0.rawValue == principle } && score < settings.minPrincipleScore
            }
            guard newest.score.grade > settings.targetGrade || !weak.isEmpty else { continue }
            let items = self.items(lines, previous: previousItems, weights: weights)
            plans[newest.unit, default: []].append(DatasetPlan(dataset: newest.dataset, grade: newest.score.grade, overall: newest.score.overall,
                                                               weakPrinciples: weak, items: items, targetGrade: settings.targetGrade, targetDate: target))
        }

        var followUps: [String: [FollowUp]] = [:]
        for unit in previous?.units ?? [] {
            for set in unit.datasets {
                let newest = runs["\(unit.unit)\u{0}\(set.dataset)"]?.last?.line
                if let newest { names[unit.unit] = newest.unitName } else if names[unit.unit] == nil { names[unit.unit] = unit.unitName }
                followUps[unit.unit, default: []].append(FollowUp(
                    dataset: set.dataset, code: nil, rowsThen: nil, rowsNow: nil, targetGrade: set.targetGrade, gradeNow: newest?.score.grade,
                    outcome: newest.map { $0.score.grade <= set.targetGrade ? .met : $0.score.overall > set.overall ? .improved : .notMet } ?? .noData))
                for item in set.items {
                    let now = newest.map { line in line.findings.first { $0.code == item.code }?.count ?? 0 }
                    let outcome: Outcome = now.map { $0 == 0 ? .met : $0 < item.rowsLast ? .improved : .notMet } ?? .noData
                    followUps[unit.unit, default: []].append(FollowUp(dataset: set.dataset, code: item.code, rowsThen: item.rowsLast, rowsNow: now,
                                                                      targetGrade: nil, gradeNow: nil, outcome: outcome))
                }
            }
        }

        let contacts = Dictionary(units.map { ($0.id, $0.focalPoint) }, uniquingKeysWith: { first, _ in first })
        let reports = Dictionary(grouping: FeedbackTally.count(feedback, from: start, through: end), by: \.unit)
        let unitPlans = Set(plans.keys).union(followUps.keys).union(reports.keys).sorted().map { unit in
            UnitPlan(unit: unit, unitName: names[unit] ?? unit,
                     focalPoint: (contacts[unit] ?? nil).map { Contact(name: $0.name, position: $0.position, email: $0.email, phone: $0.phone) },
                     datasets: plans[unit] ?? [], followUps: followUps[unit] ?? [], feedback: reports[unit])
        }
        return ImprovementPlan(version: currentVersion, asOf: last.description, periodStart: start.description,
                               previous: previous?.asOf, minPrincipleScore: settings.minPrincipleScore, units: unitPlans)
    }

    /// The codes that cost the most score on the last night, with their course over the period.
    /// A code weighs what it weighs in the score (`ScoreWeights`); a row counts once, so a code met
    /// more often than rows were read costs at most its weight on every row.
    private static func items(_ lines: [(date: CivilDate, line: QualityHistory.Line)], previous: Set<String>, weights: ScoreWeights) -> [Item] {
        guard let first = lines.first?.line, let newest = lines.last?.line else { return [] }
        let read = max(newest.rows.read, 1)
        let candidates = newest.findings.filter { $0.severity != .info && $0.count > 0 }.map { finding -> Item in
            let weight = Double(FindingCode(rawValue: finding.code).flatMap { weights.byCode[$0] } ?? ScoreWeights.weight(of: finding.severity))
                / Double(ScoreWeights.scale)
            let seen = lines.filter { run in run.line.findings.contains { $0.code == finding.code && $0.count > 0 } }
            let rowsFirst = first.findings.first { $0.code == finding.code }?.count ?? 0
            let trend: Trend = finding.count > rowsFirst ? .rising : finding.count < rowsFirst ? .falling : .steady
            return Item(code: finding.code, severity: finding.severity, principle: finding.principle, rowsFirst: rowsFirst, rowsLast: finding.count,
                        nights: seen.count, monthsSeen: Set(seen.map { AnnualReport.monthKey($0.date) }).count, trend: trend,
                        scoreCost: QualityScore.round(100 * weight * Double(min(finding.count, read)) / Double(read)),
                        action: FindingCatalog.action(forRecorded: finding.code),
                        repeated: previous.contains("\(newest.unit)\u{0}\(newest.dataset)\u{0}\(finding.code)"))
        }
        return Array(candidates.sorted { ($1.scoreCost, $0.code) < ($0.scoreCost, $1.code) }.prefix(itemsKept))
    }
}
