import Foundation

/// One night's quality in a few kilobytes: `reports/history/<as-of>.json`. The HTML report draws
/// its trend from these and `kdl-report --year` builds the Article 16 yearly evaluation from them.
/// Counts only: no example rows, so no value of any record (personal or not) is kept for a year.
public struct QualityHistory: Codable, Sendable, Equatable {
    /// How many rows one finding code touched tonight.
    public struct FindingCount: Codable, Sendable, Equatable {
        public var code: String
        public var severity: Severity
        public var principle: Principle
        public var count: Int

        public init(code: String, severity: Severity, principle: Principle, count: Int) {
            self.code = code
            self.severity = severity
            self.principle = principle
            self.count = count
        }
    }

    /// One unit's dataset tonight.
    public struct Line: Codable, Sendable, Equatable {
        public var unit: String
        public var unitName: String
        public var dataset: String
        public var rows: RowAccount
        public var score: QualityScore
        public var blocked: Bool
        /// Sorted by code.
        public var findings: [FindingCount]
        public var completeness: [FieldCompleteness]

        public init(unit: String, unitName: String, dataset: String, rows: RowAccount, score: QualityScore, blocked: Bool,
                    findings: [FindingCount], completeness: [FieldCompleteness]) {
            self.unit = unit
            self.unitName = unitName
            self.dataset = dataset
            self.rows = rows
            self.score = score
            self.blocked = blocked
            self.findings = findings
            self.completeness = completeness
        }
    }

    /// One merged dataset tonight: what the open-data side saw (Articles 17 and 19).
    public struct DatasetLine: Codable, Sendable, Equatable {
        public var dataset: String
        public var grade: Grade
        public var overall: Double
        public var rowsBundled: Int
        public var duplicatesAcrossUnits: Int
        public var stale: Bool
        /// Empty when the open bundle was published.
        public var openWithheld: [WithheldReason]

        public init(dataset: String, grade: Grade, overall: Double, rowsBundled: Int, duplicatesAcrossUnits: Int,
                    stale: Bool, openWithheld: [WithheldReason]) {
            self.dataset = dataset
            self.grade = grade
            self.overall = overall
            self.rowsBundled = rowsBundled
            self.duplicatesAcrossUnits = duplicatesAcrossUnits
            self.stale = stale
            self.openWithheld = openWithheld
        }
    }

    /// Bumped when a field changes meaning; readers skip files of a version they do not know.
    public static let currentVersion = 1

    /// A unit that sent no export for a dataset tonight: it has no grade for the night.
    public struct AbsentLine: Codable, Sendable, Equatable {
        public var unit: String
        public var dataset: String
        /// Its rows were carried forward from an earlier night, or it is missing from the bundle.
        public var kind: UnitContribution.Kind
        public var dataAsOf: String?
    }

    public var version: Int
    public var asOf: String
    /// Sorted by unit, then dataset.
    public var units: [Line]
    /// Units with no export tonight, sorted by unit, then dataset (absent in files of earlier versions).
    public var absent: [AbsentLine]?
    /// Sorted by dataset.
    public var datasets: [DatasetLine]
    /// The code that wrote the report (absent in reports of earlier versions).
    public var build: KhoDuLieu.Build? = KhoDuLieu.build

    public init(asOf: String, units: [Line], absent: [AbsentLine] = [], datasets: [DatasetLine]) {
        version = QualityHistory.currentVersion
        self.asOf = asOf
        self.units = units.sorted { ($0.unit, $0.dataset) < ($1.unit, $1.dataset) }
        self.absent = absent.isEmpty ? nil : absent.sorted { ($0.unit, $0.dataset) < ($1.unit, $1.dataset) }
        self.datasets = datasets.sorted { $0.dataset < $1.dataset }
    }

    /// Tonight's summary from the reports the run produced, in a fixed order whatever order they come in.
    public static func make(asOf: CivilDate, qualities: [QualityReport], absent: [UnitAbsence] = [],
                            bundles: [BundleReport]) -> QualityHistory {
        let units = qualities.map { report in
            Line(unit: report.unit, unitName: report.unitName, dataset: report.dataset, rows: report.rows, score: report.score,
                 blocked: report.blocked,
                 findings: report.checks.map { FindingCount(code: $0.code.rawValue, severity: $0.severity, principle: $0.principle, count: $0.count) }
                     .sorted { $0.code < $1.code },
                 completeness: report.completeness)
        }
        let datasets = bundles.map { bundle in
            DatasetLine(dataset: bundle.dataset, grade: bundle.quality.grade, overall: bundle.quality.overall,
                        rowsBundled: bundle.quality.rowsBundled, duplicatesAcrossUnits: bundle.quality.duplicatesAcrossUnits,
                        stale: bundle.quality.stale, openWithheld: bundle.openWithheld)
        }
        let absentLines = absent.map { AbsentLine(unit: $0.unit, dataset: $0.dataset, kind: $0.contribution.kind,
                                                  dataAsOf: $0.contribution.dataAsOf) }
        return QualityHistory(asOf: asOf.description, units: units, absent: absentLines, datasets: datasets)
    }

    // MARK: - Files

    /// `reports/history/`, beside the other reports.
    public static func folder(in workspace: Workspace) -> URL {
        workspace.reports.appendingPathComponent("history", isDirectory: true)
    }

    /// `reports/history/<as-of>.json`: one file per night, so a rerun of a night replaces its own file only.
    public static func url(asOf: CivilDate, in workspace: Workspace) -> URL {
        folder(in: workspace).appendingPathComponent("\(asOf).json")
    }

    /// Every `<YYYY-MM-DD>.json` of `folder`, oldest first. A file that cannot be read, does not
    /// decode, has an unknown version or a name that disagrees with its date is left out and
    /// passed to `unreadable` with the reason: one bad night must not stop the yearly report.
    /// Hidden files (atomic writes in progress) and files not ending in `.json` are not history.
    public static func load(from folder: URL, unreadable: (_ file: URL, _ reason: String) -> Void = { _, _ in }) -> [QualityHistory] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            // No folder yet is the first night, not a problem; anything else is worth saying.
            if FileManager.default.fileExists(atPath: folder.path) { unreadable(folder, "\(error)") }
            return []
        }
        let files = names.sorted().filter { !$0.hasPrefix(".") && $0.hasSuffix(".json") }
        // Decoded on every core: a year of the samples' six units is 8 MB of JSON, read on every run.
        let outcomes = ParallelMap.map(files.count) { decode(folder.appendingPathComponent(files[$0])) }
        var loaded: [(date: CivilDate, history: QualityHistory)] = []
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case .success(let night): loaded.append(night)
            case .failure(let problem): unreadable(folder.appendingPathComponent(files[index]), problem.reason)
            }
        }
        return loaded.sorted { $0.date < $1.date }.map(\.history)
    }

    /// Why a night's file is left out.
    private struct LoadProblem: Error {
        let reason: String
    }

    private static func decode(_ url: URL) -> Result<(date: CivilDate, history: QualityHistory), LoadProblem> {
        guard let date = CivilDate(iso: url.lastPathComponent.dropLast(".json".count)) else {
            return .failure(LoadProblem(reason: "name is not YYYY-MM-DD.json"))
        }
        let history: QualityHistory
        do {
            history = try JSONOutput.read(QualityHistory.self, from: url)
        } catch {
            return .failure(LoadProblem(reason: "\(error)"))
        }
        guard history.version == currentVersion else {
            return .failure(LoadProblem(reason: "version \(history.version), expected \(currentVersion)"))
        }
        guard history.asOf == date.description else {
            return .failure(LoadProblem(reason: "asOf \(history.asOf) disagrees with the file name"))
        }
        return .success((date, history))
    }
}
