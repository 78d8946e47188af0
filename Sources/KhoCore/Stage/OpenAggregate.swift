/// Counts published on the open side instead of personal rows: one table per declared aggregate,
/// grouped by open fields, with counts, distinct counts and sums.
struct OpenAggregate {
    let spec: AggregateSpec
    private let groupFields: [Int]
    private let measureFields: [Int?]
    private var groups: [[String]: (count: Int, distinct: [Set<String>], sums: [Double])] = [:]

    init(spec: AggregateSpec, schema: DatasetSchema) {
        self.spec = spec
        groupFields = spec.groupBy.compactMap(schema.fieldIndex)
        measureFields = spec.measures.map { $0.field.flatMap(schema.fieldIndex) }
    }

    mutating func add(_ values: [String]) {
        let key = groupFields.map { values[$0] }
        var group = groups[key] ?? (0, [Set<String>](repeating: [], count: spec.measures.count), [Double](repeating: 0, count: spec.measures.count))
        group.count += 1
        for (index, measure) in spec.measures.enumerated() {
            guard let field = measureFields[index] else { continue }
            let value = values[field]
            switch measure.function {
            case .count: break
            case .countDistinct: if !value.isEmpty { group.distinct[index].insert(value) }
            case .sum: group.sums[index] += Double(value) ?? 0
            }
        }
        groups[key] = group
    }

    /// Rows sorted by group key, each the group values followed by the measures.
    func rows() -> [[String]] {
        groups.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { key, group in
            let measures = spec.measures.enumerated().map { index, measure -> String in
                switch measure.function {
                case .count: return String(group.count)
                case .countDistinct: return String(group.distinct[index].count)
                case .sum: return ConstraintCheck.format(group.sums[index])
                }
            }
            return key + measures
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
