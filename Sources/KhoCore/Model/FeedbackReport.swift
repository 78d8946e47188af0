/// One problem a data user reported about a unit's data (`feedback/<name>.json` or `.csv`): which
/// dataset, unit, field and row, what is wrong, who said so and when, and how far the unit has got
/// with it. The description and the reporter are personal and stay in `feedback/`; the row may be a
/// personal key (a CCCD), so outputs show it only when it is a row reference (`FeedbackRow`).
public struct FeedbackReport: Sendable, Equatable {
    /// What the file says: the unit's own word on the report.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case open, answered, resolved
    }

    /// Where a report stands in the reports: its status, unless the record it names changed since
    /// it was filed while the unit had not yet called it resolved.
    public enum Standing: String, Codable, Sendable, CaseIterable {
        case open, answered, resolved
        case possiblyResolved = "possibly-resolved"
    }

    /// The file name inside `feedback/`.
    public var file: String
    public var dataset: String
    public var unit: String
    public var field: String?
    /// A row reference (`data/ho-ngheo.csv:12`) or the record's key.
    public var row: String
    public var description: String
    public var reporter: String
    public var date: CivilDate
    public var status: Status
    /// The night the record named by the key was first seen to differ from the night the report
    /// was first read (`FeedbackWatch`); nil while it has not changed, or the row is no key.
    public var recordChanged: CivilDate? = nil

    public var standing: Standing {
        switch status {
        case .resolved: .resolved
        case _ where recordChanged != nil: .possiblyResolved
        case .open: .open
        case .answered: .answered
        }
    }
}
