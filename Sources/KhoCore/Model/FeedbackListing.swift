/// One problem report as the unit's reports list it: where it points and how it stands, without
/// the description, the reporter or a key (which may be personal).
public struct FeedbackListing: Codable, Sendable, Equatable {
    public var file: String
    public var dataset: String
    public var field: String?
    /// The row reference (`data/ho-ngheo.csv:12`); nil when the report names a key.
    public var row: String?
    /// The report names the record by its key (not shown).
    public var byKey: Bool
    public var date: String
    public var status: FeedbackReport.Standing
    /// The night its record was first seen changed; set when `status` is possibly-resolved.
    public var recordChanged: String?

    public init(file: String, dataset: String, field: String?, row: String?, byKey: Bool, date: String,
                status: FeedbackReport.Standing, recordChanged: String?) {
        self.file = file
        self.dataset = dataset
        self.field = field
        self.row = row
        self.byKey = byKey
        self.date = date
        self.status = status
        self.recordChanged = recordChanged
    }

    public init(_ report: FeedbackReport) {
        let row = FeedbackRow(report.row)
        file = report.file
        dataset = report.dataset
        field = report.field
        self.row = row.shown
        byKey = row.shown == nil
        date = report.date.description
        status = report.standing
        recordChanged = report.standing == .possiblyResolved ? report.recordChanged?.description : nil
    }

    /// A unit's reports dated up to `end`, by dataset, date and file.
    public static func list(_ reports: [FeedbackReport], unit: String, through end: CivilDate) -> [FeedbackListing] {
        reports.filter { $0.unit == unit && $0.date <= end }
            .sorted { ($0.dataset, $0.date, $0.file) < ($1.dataset, $1.date, $1.file) }
            .map(FeedbackListing.init)
    }
}
