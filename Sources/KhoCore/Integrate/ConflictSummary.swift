/// The conflicts of one night's integration in counts: how many keys units reported with
/// different values, how many versions the rule set aside, and between which units. Counts only,
/// so both bundles' `quality.json` can carry it; the versions themselves are in the shared bundle.
public struct ConflictSummary: Codable, Sendable, Equatable {
    public struct UnitPair: Codable, Sendable, Equatable {
        /// The unit whose version went into the table.
        public var kept: String
        /// The unit whose version was set aside (the same unit when a unit repeats a key itself).
        public var setAside: String
        public var versions: Int
    }

    /// The rule that chose (`newest:ngay_cap_nhat`, `first-unit`).
    public var rule: String
    /// Keys reported with more than one set of values.
    public var keys: Int
    /// Versions not in the table because the rule kept another version of their key.
    public var versionsSetAside: Int
    /// Per pair of units, by kept unit, then unit set aside.
    public var units: [UnitPair]
}
