/// Counts published on the open side instead of personal rows: one table per declared aggregate,
/// grouped by open fields, with counts, distinct counts and sums.
struct OpenAggregate {
    let spec: AggregateSpec
    private let groupFields: [Int]
    private let measureFields: [Int?]
    private struct Group {
        var values: [String]
        var count = 0
        var distinct: [ByteTable<Bool>]
        var sums: [Double]
    }

    private var groups: [Group] = []
    /// By the group's values' bytes joined with U+001F.
    private var groupIndex = ByteTable<Int>()
    private var key: [UInt8] = []

    init(spec: AggregateSpec, schema: DatasetSchema) {
        self.spec = spec
        groupFields = spec.groupBy.compactMap(schema.fieldIndex)
        measureFields = spec.measures.map { $0.field.flatMap(schema.fieldIndex) }
    }

    mutating func add<Fields: ByteFields>(_ values: Fields) {
        key.removeAll(keepingCapacity: true)
        for field in groupFields {
            values.withField(field) { key.append(contentsOf: $0) }
            key.append(0x1F)
        }
        let index: Int
        if let known = groupIndex.value(for: key) {
            index = known
        } else {
            index = groups.count
            groupIndex.set(index, for: key)
            groups.append(Group(values: groupFields.map { field in values.withField(field) { String(decoding: $0, as: UTF8.self) } },
                                distinct: [ByteTable<Bool>](repeating: ByteTable(), count: spec.measures.count),
                                sums: [Double](repeating: 0, count: spec.measures.count)))
        }
        // Mutated in place: copying a group out and back would copy its sets on every row.
        groups[index].count += 1
        for (measureIndex, measure) in spec.measures.enumerated() {
            guard let field = measureFields[measureIndex] else { continue }
            switch measure.function {
            case .count: break
            case .countDistinct:
                values.withField(field) { bytes in
                    if !bytes.isEmpty && groups[index].distinct[measureIndex].value(for: bytes) == nil {
                        groups[index].distinct[measureIndex].set(true, for: bytes)
                    }
                }
            case .sum:
                groups[index].sums[measureIndex] += values.withField(field) { Double(String(decoding: $0, as: UTF8.self)) } ?? 0
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

    /// Rows with an empty group value (a unit whose export has no such column) are a group of their
    /// own, so a group column is required only where the dataset requires the field, and the group
    /// columns are the primary key only when none can be empty: databases refuse a null in a key.
    func schema(of dataset: DatasetSchema) -> TableSchema {
        let fields = spec.groupBy.compactMap(dataset.field)
        let keys = fields.map { field in
            var key = TableSchema.Field(field, isKey: false)
            // Unique in the dataset is not unique in a table of groups.
            key.constraints?.unique = nil
            if key.constraints?.isEmpty == true { key.constraints = nil }
            return key
        }
        let measures = spec.measures.map { measure in
            TableSchema.Field(name: measure.name, title: measure.title,
                              type: measure.function == .sum ? .number : .integer, classification: .open, required: true)
        }
        return TableSchema(fields: keys + measures, primaryKey: fields.allSatisfy(\.required) ? spec.groupBy : nil)
    }
}
