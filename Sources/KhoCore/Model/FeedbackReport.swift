/// One problem a data user reported about a unit's data (`feedback/<name>.json`): which dataset,
/// unit, field and row, what is wrong, who said so and when, and how far the unit has got with it.
/// The description and the reporter are personal and stay in `feedback/` and the internal reports'
/// counts: no open output ever carries them.
public struct FeedbackReport: Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case open, answered, resolved
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
}
