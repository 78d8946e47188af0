/// Counts published on the open side instead of personal rows: one table per declared aggregate,
/// grouped by open fields, with counts, distinct counts and sums.
struct OpenAggregate {
    let spec: AggregateSpec
    private let groupFields: [Int]
    private let measureFields: [Int?]
    private struct Group {
        var values: [String]
        var count = 0
        var distinct: [Set<String>]
        var sums: [Double]
    }

    private var groups: [Group] = []
    /// By the group's values joined with U+001F (one string hashes faster than an array of them).
    private var groupIndex: [String: Int] = [:]

    init(spec: AggregateSpec, schema: DatasetSchema) {
        self.spec = spec
        groupFields = spec.groupBy.compactMap(schema.fieldIndex)
        measureFields = spec.measures.map { $0.field.flatMap(schema.fieldIndex) }
    }

    mutating func add(_ values: [String]) {
        var key = ""
        for field in groupFields { key += values[field]; key += "\u{1F}" }
        let index: Int
        if let known = groupIndex[key] {
            index = known
        } else {
            index = groups.count
            groupIndex[key] = index
            groups.append(Group(values: groupFields.map { values[$0] }, distinct: [Set<String>](repeating: [], count: spec.measures.count),
                                sums: [Double](repeating: 0, count: spec.measures.count)))
        }
        // Mutated in place: copying a group out and back would copy its sets on every row.
        groups[index].count += 1
        for (measureIndex, measure) in spec.measures.enumerated() {
            guard let field = measureFields[measureIndex] else { continue }
            let value = values[field]
            switch measure.function {
            case .count: break
            case .countDistinct: if !value.isEmpty { groups[index].distinct[measureIndex].insert(value) }
            case .sum: groups[index].sums[measureIndex] += Double(value) ?? 0
            }
        }
    }

    /// Rows sorted by group key, each the group values followed by the measures.
    func rows() -> [[String]] {
        groups.sorted { $0.values.lexicographicallyPrecedes($1.values) }.map { group in
            let measures = spec.measures.enumerated().map { index, measure -> String in
                switch measure.function {
                case .count: return String(group.count)
                case .countDistinct: return String(group.distinct[index].count)
                case .sum: return ConstraintCheck.format(group.sums[index])
                }
            }
            return group.values + measures
        }
    }

    func schema(of dataset: DatasetSchema) -> TableSchema {
        let keys = spec.groupBy.compactMap(dataset.field).map { TableSchema.Field($0, isKey: true) }
        let measures = spec.measures.map { measure in
            TableSchema.Field(name: measure.name, title: measure.title,
                              type: measure.function == .sum ? .number : .integer, classification: .open, required: true)
        }
        return TableSchema(fields: keys + measures, primaryKey: spec.groupBy)
    }
}
