/// One source record, its values aligned with the dataset's fields, and where it came from.
public struct Record: Sendable {
    /// One value per dataset field, in schema order; empty when the source had none.
    public var values: FieldRow
    /// The file the record came from, as reports name it (`unit/file.csv`); the same string for
    /// every record of a file.
    public var file: String
    /// 1-based line of the record in its file; 0 when unknown.
    public var line: Int

    public init(values: FieldRow, file: String, line: Int) {
        self.values = values
        self.file = file
        self.line = line
    }

    public init(values: [String], file: String, line: Int) {
        self.init(values: FieldRow(values), file: file, line: line)
    }

    /// A record whose lineage is written `file:line` (the `_src` column of the work files).
    public init(values: FieldRow, source: String) {
        let (file, line) = Record.split(source)
        self.init(values: values, file: file, line: line ?? 0)
    }

    public init(values: [String], source: String) {
        self.init(values: FieldRow(values), source: source)
    }

    /// Lineage as the work files write it: `file:line`.
    public var source: String { "\(file):\(line)" }

    /// `file:line` split at its last colon.
    public static func split(_ source: String) -> (file: String, line: Int?) {
        guard let colon = source.lastIndex(of: ":"), let line = Int(source[source.index(after: colon)...]) else {
            return (source, nil)
        }
        return (String(source[..<colon]), line)
    }
}
