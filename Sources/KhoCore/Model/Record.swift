/// One source record, its values aligned with the dataset's fields, and where it came from.
public struct Record: Sendable {
    /// One value per dataset field, in schema order; empty when the source had none.
    public var values: [String]
    /// Lineage: `file:line` of the record in the unit's export.
    public var source: String

    public init(values: [String], source: String) {
        self.values = values
        self.source = source
    }

    /// The file and 1-based line parsed back out of `source`.
    public var position: (file: String, line: Int?) {
        guard let colon = source.lastIndex(of: ":"), let line = Int(source[source.index(after: colon)...]) else {
            return (source, nil)
        }
        return (String(source[..<colon]), line)
    }
}
