import Foundation

/// What one unit gives a dataset's bundle tonight: the rows it sent tonight, or — when it sent no
/// export — its last rows, carried forward with their own as-of date for up to
/// `carryForwardDays`; after that, nothing, and the unit is reported missing.
public struct UnitContribution: Sendable {
    public enum Kind: String, Codable, Sendable {
        /// Rows from tonight's export.
        case tonight
        /// Rows from an earlier night's export, still inside the carry-forward window.
        case carriedForward = "carried-forward"
        /// No rows: no export tonight and none recent enough to carry forward.
        case missing
    }

    public let unit: UnitConfig
    public let kind: Kind
    /// The quality of the rows contributed (tonight's, or that of the night they come from).
    public let quality: QualityReport?
    /// The as-of date of the night the rows were read.
    public var dataAsOf: String? { quality?.asOf }

    init(unit: UnitConfig, kind: Kind, quality: QualityReport?) {
        self.unit = unit
        self.kind = kind
        self.quality = quality
    }

    /// Tonight's rows, just read.
    static func tonight(_ unit: UnitConfig, _ quality: QualityReport) -> UnitContribution {
        UnitContribution(unit: unit, kind: .tonight, quality: quality)
    }

    /// The unit's rows on disk (`normalized.csv` and `quality.json` of the last night it was read),
    /// judged against tonight's date: tonight's, carried forward, or too old (or from a later night
    /// than the one being run) to count.
    static func onDisk(_ unit: UnitConfig, dataset: String, workspace: Workspace, asOf: CivilDate, window: Int) -> UnitContribution {
        guard FileManager.default.fileExists(atPath: workspace.normalized(unit.id, dataset).path),
              let quality = try? JSONOutput.read(QualityReport.self, from: workspace.qualityReport(unit.id, dataset)),
              let read = CivilDate(iso: quality.asOf) else {
            return UnitContribution(unit: unit, kind: .missing, quality: nil)
        }
        let age = asOf.daysSinceEpoch - read.daysSinceEpoch
        if age == 0 { return UnitContribution(unit: unit, kind: .tonight, quality: quality) }
        if age > 0 && age <= window { return UnitContribution(unit: unit, kind: .carriedForward, quality: quality) }
        return UnitContribution(unit: unit, kind: .missing, quality: age < 0 ? nil : quality)
    }

    /// For reports: the unit, what it gave, and from which night.
    public var line: Line { Line(unit: unit.id, unitName: unit.name, kind: kind, dataAsOf: dataAsOf) }

    public struct Line: Codable, Sendable, Equatable {
        public var unit: String
        public var unitName: String
        public var kind: Kind
        /// For `missing`, the last night the unit was read, if known.
        public var dataAsOf: String?
    }
}

/// A unit that sent no export for a dataset tonight, and what became of its rows.
public struct UnitAbsence: Codable, Sendable, Equatable {
    public var unit: String
    public var dataset: String
    /// Carried forward (with the night its rows come from) or missing.
    public var contribution: UnitContribution.Line
    /// Why nothing was read: files still arriving, or no file at all.
    public var findings: [Finding]
}
