/// Where a flow's rows come from: a unit's exports in the inbox, or a stage's work file.
public protocol RowSource {
    /// Reads every row in order, handing each record or unreadable row to `take`, and returns
    /// what was read (files, counts, findings about whole files).
    func read(_ take: (SourceItem) throws -> Void) throws -> ExtractReport
}
