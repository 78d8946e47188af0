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
    public var openWithheld: [WithheldReason]
    /// Findings made while bundling (duplicates across units, personal data in open text).
    public var findings: FindingTally
    /// Values masked or neutralized on the open side.
    public var openMasked: Int
    public var openNeutralized: Int
    /// Personal-looking values found (and masked) in open free text: what the open-text gate counts.
    public var personalDataInOpenText: Int? = nil
    /// What small-cell suppression hid in each open aggregate; nil for a dataset published as rows.
    public var smallCells: [SmallCells]? = nil

    /// One open aggregate's suppression. Which cells were primary stays here, in the internal
    /// report: published, it would tell readers which hidden cells are the small ones.
    public struct SmallCells: Codable, Sendable, Equatable {
        public var table: String
        public var cells: Int
        public var primary: Int
        public var complementary: Int
        /// Suppressed cells the published totals still give away.
        public var exposed: Int
    }
    /// The commune codes of the bundled rows (the catalogs' spatial coverage); nil for a dataset
    /// without a commune field, and in reports of earlier versions.
    public var communes: [String]? = nil
    /// Older bundles retention removed tonight; nil when none.
    public var removed: [Retention.Removal]? = nil
}

/// Why an open bundle was held back: a stable code with its figures, worded when shown.
public struct WithheldReason: Codable, Sendable, Equatable {
    public enum Code: String, Codable, Sendable {
        /// The dataset's grade is at or below the gate's.
        case grade = "grade-blocked"
        /// Too large a share of the extracted rows was rejected.
        case rejectedShare = "rejected-share"
        /// A unit's export was unreadable or incomplete.
        case exportIncomplete = "export-incomplete"
        /// Open free text held more personal-looking values than the gate allows.
        case personalDataInOpenText = "personal-data-in-open-text"
        /// An open aggregate has a small cell that totals the bundle publishes give away.
        case smallCellExposed = "small-cell-exposed"
        /// Recorded as plain English text by an earlier version (night histories keep it).
        case unspecified
    }

    public var code: Code
    /// The figure that failed (`C`, `31.5`) or the unit concerned.
    public var value: String
    /// The gate's limit, where there is one.
    public var limit: String?

    init(code: Code, value: String, limit: String? = nil) {
        self.code = code
        self.value = value
        self.limit = limit
    }

    /// Also reads the plain strings earlier versions wrote.
    public init(from decoder: Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(code: .unspecified, value: text)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(code: try container.decode(Code.self, forKey: .code), value: try container.decode(String.self, forKey: .value),
                  limit: try container.decodeIfPresent(String.self, forKey: .limit))
    }

    static func grade(_ grade: Grade, limit: Grade) -> WithheldReason {
        WithheldReason(code: .grade, value: grade.rawValue, limit: limit.rawValue)
    }

    static func rejectedShare(_ share: Double, limit: Double) -> WithheldReason {
        WithheldReason(code: .rejectedShare, value: String(QualityScore.round(share * 100)), limit: String(QualityScore.round(limit * 100)))
    }

    static func exportIncomplete(unit: String) -> WithheldReason {
        WithheldReason(code: .exportIncomplete, value: unit)
    }

    static func personalDataInOpenText(_ count: Int, limit: Int) -> WithheldReason {
        WithheldReason(code: .personalDataInOpenText, value: String(count), limit: String(limit))
    }

    static func smallCellExposed(table: String) -> WithheldReason {
        WithheldReason(code: .smallCellExposed, value: table)
    }

    public var message: Message {
        switch code {
        case .grade:
            Message(vi: "hạng \(value) (ngưỡng chặn: hạng \(limit ?? ""))", en: "grade \(value) (gate: grade \(limit ?? ""))")
        case .rejectedShare:
            Message(vi: "tỷ lệ dòng bị loại \(value)% vượt \(limit ?? "")%", en: "rejected share \(value)% over \(limit ?? "")%")
        case .exportIncomplete:
            Message(vi: "tệp xuất của \(value) không đọc được hoặc không đầy đủ", en: "the export of \(value) is unreadable or incomplete")
        case .personalDataInOpenText:
            Message(vi: "văn bản tự do của dữ liệu mở có \(value) giá trị trông như dữ liệu cá nhân (đã che), vượt ngưỡng \(limit ?? "")",
                    en: "open free text held \(value) personal-looking values (masked), over the limit of \(limit ?? "")")
        case .smallCellExposed:
            Message(vi: "bảng \(value) có ô nhỏ bị lộ qua số bản ghi ghi trong gói dù đã bị ẩn",
                    en: "table \(value) has a small cell that the row counts in the bundle give away although it is suppressed")
        case .unspecified:
            Message(vi: "lý do ghi bởi phiên bản trước: \(value)", en: value)
        }
    }
}
