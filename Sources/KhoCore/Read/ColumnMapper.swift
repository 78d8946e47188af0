/// Maps source columns (CSV headers, XML child names) to dataset fields: the unit's explicit
/// mapping first, then the field's name, title and dictionary aliases, compared as folded keys.
public struct ColumnMapper: Sendable {
    /// The outcome for one header row.
    public struct Mapping: Sendable, Equatable {
        /// For each source column, the dataset field index it feeds, if any.
        public var fieldForColumn: [Int?]
        /// Columns that match no field (index, header text).
        public var unmapped: [Int]
        /// Columns that match a field an earlier column already took.
        public var duplicates: [Int]
        /// Dataset fields no column feeds.
        public var missingFields: [Int]
    }

    private var explicit: [String: Int] = [:]
    private var byAlias: [String: Int] = [:]
    private let fieldCount: Int

    public init(schema: DatasetSchema, explicitColumns: [(column: String, field: String)]) {
        fieldCount = schema.fields.count
        for (column, field) in explicitColumns {
            if let index = schema.fieldIndex(field) { explicit[column] = index; explicit[TextKey.compact(column)] = index }
        }
        var ambiguous: Set<String> = []
        for (index, field) in schema.fields.enumerated() {
            for spelling in [field.name, field.title].compactMap({ $0 }) + field.aliases {
                let key = TextKey.compact(spelling)
                guard !key.isEmpty else { continue }
                if let other = byAlias[key], other != index { ambiguous.insert(key) }
                byAlias[key] = byAlias[key] ?? index
            }
        }
        for key in ambiguous { byAlias[key] = nil }
    }

    /// The field a column name maps to, if any.
    public func field(forColumn name: String) -> Int? {
        if let index = explicit[name] { return index }
        let key = TextKey.compact(name)
        return explicit[key] ?? byAlias[key]
    }

    public func map(header: [String]) -> Mapping {
        var fieldForColumn: [Int?] = []
        var unmapped: [Int] = [], duplicates: [Int] = []
        var taken = Set<Int>()
        for (column, name) in header.enumerated() {
            guard let field = field(forColumn: name) else {
                fieldForColumn.append(nil)
                if !name.allSatisfy(\.isWhitespace) { unmapped.append(column) }
                continue
            }
            if taken.contains(field) {
                fieldForColumn.append(nil)
                duplicates.append(column)
            } else {
                taken.insert(field)
                fieldForColumn.append(field)
            }
        }
        let missing = (0..<fieldCount).filter { !taken.contains($0) }
        return Mapping(fieldForColumn: fieldForColumn, unmapped: unmapped, duplicates: duplicates, missingFields: missing)
    }

    /// How many cells of a row name a known field: the header row is the one that scores best.
    public func headerScore(_ cells: [String]) -> Int {
        var seen = Set<Int>()
        for cell in cells { if let field = field(forColumn: cell) { seen.insert(field) } }
        return seen.count
    }
}
