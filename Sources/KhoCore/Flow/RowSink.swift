/// Which rows a sink takes.
public enum RowSelection: Sendable {
    /// Every record as read, and the unreadable rows: before normalization and checks.
    case read
    /// Every record after normalization and the checks, accepted or rejected.
    case judged
    /// Records that passed the checks, in canonical form.
    case accepted
}

/// A record on its way to the sinks: as found, and as the rules and checks left it.
public struct FlowRow {
    /// The values as found, with their lineage.
    public var record: Record
    /// The canonical values (for sinks that take accepted rows; the values as found without rules).
    public var canonical: FieldRow?
    public var findings: [Finding]
    public var rejected: Bool
    /// What the rules changed.
    public var changes: ChangeList
    /// Fields with no canonical value (completeness).
    public var empty: FieldSet
    public var recordDate: CivilDate?
}

/// What a flow read and found, for the sinks' reports.
public struct FlowSummary: Sendable {
    /// What the source read: files, counts, file-level and unreadable-row findings.
    public var extract: ExtractReport
    /// Findings the checks could make only over the whole table (outliers).
    public var tableFindings: [Finding]
}

/// Where a flow's rows go: a work file, the normalized file, a dataset's integration. Each sink
/// writes its files and its one report; the fused run and each stage command use the same sinks,
/// so they cannot disagree.
public protocol RowSink: AnyObject {
    var selection: RowSelection { get }
    /// An unreadable row (only for `.read` sinks).
    func unreadable(_ row: UnreadableRow) throws
    func accept(_ row: FlowRow) throws
    /// After the last row, before any sink finishes: work that needs no summary can start, to go
    /// on while the other sinks wait on the disk.
    func rowsEnded() throws
    /// After the last row, before any sink finishes: the report, which needs the counts only, so
    /// that work that reads it can go on while the sinks wait on the disk.
    func summarize(_ summary: FlowSummary) throws
    /// After the last row: complete the files and write the report.
    func finish(_ summary: FlowSummary) throws
}

extension RowSink {
    public func unreadable(_ row: UnreadableRow) throws {}
    public func rowsEnded() throws {}
    public func summarize(_ summary: FlowSummary) throws {}
}
