/// `reports/bundles/<dataset>.json`: what the bundle stage did for one dataset tonight.
public struct BundleReport: Codable, Sendable, Equatable {
    public struct Output: Codable, Sendable, Equatable {
        public var side: BundleSide
        public var path: String
        public var sha256: String
        public var bytes: Int64
        public var rows: Int
    }

    public var dataset: String
    public var asOf: String
    public var quality: BundleQuality
    public var outputs: [Output]
    /// Why the open bundle was not published tonight, if it was not.
    public var openWithheld: [String]
    /// Findings made while bundling (duplicates across units, personal data in open text).
    public var findings: FindingTally
    /// Values masked or neutralized on the open side.
    public var openMasked: Int
    public var openNeutralized: Int
}
