/// Counts published on the open side instead of personal rows: one table per declared aggregate,
/// grouped by exactly its `groupBy` fields, with counts, distinct counts and sums. Which cells are
/// shown is `OpenDataPolicy`'s decision; this table only counts and renders.
struct OpenAggregate {
    let spec: AggregateSpec
    private let groupFields: [Int]
    private let measureFields: [Int?]
    private struct Group {
        var values: [String]
        var count = 0
        var distinct: [ByteTable<Bool>]
        var sums: [Double]
        /// The units whose rows the group counts, by their index in `units`.
        var units = Set<Int>()
    }

    private var groups: [Group] = []
    /// By the group's values' bytes joined with U+001F.
    private var groupIndex = ByteTable<Int>()
    private var key: [UInt8] = []
    private var units: [String] = []
    private var unitIndex: [String: Int] = [:]

    /// The table in key order: each cell's group values, its measures, the units whose rows it counts.
    struct Cells: Sendable {
        var keys: [[String]]
        var values: [[Double]]
        var units: [[String]]
    }

    init(spec: AggregateSpec, schema: DatasetSchema) {
        self.spec = spec
        groupFields = spec.groupBy.compactMap(schema.fieldIndex)
        measureFields = spec.measures.map { $0.field.flatMap(schema.fieldIndex) }
    }

    mutating func add<Fields: ByteFields>(_ values: Fields, unit: String = "") {
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
        let unitNumber: Int
        if let known = unitIndex[unit] {
            unitNumber = known
        } else {
            unitNumber = units.count
            unitIndex[unit] = unitNumber
            units.append(unit)
        }
        // Mutated in place: copying a group out and back would copy its sets on every row.
        groups[index].count += 1
        groups[index].units.insert(unitNumber)
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

    func cells() -> Cells {
        let sorted = groups.sorted { $0.values.lexicographicallyPrecedes($1.values) }
        let values = sorted.map { group in
            spec.measures.enumerated().map { index, measure -> Double in
                switch measure.function {
                case .count: Double(group.count)
                case .countDistinct: Double(group.distinct[index].count)
                case .sum: group.sums[index]
                }
            }
        }
        return Cells(keys: sorted.map(\.values), values: values, units: sorted.map { $0.units.map { units[$0] }.sorted() })
    }

    /// The CSV rows: group values, the measures (empty where the cell is suppressed), and whether it is.
    func rows(_ cells: Cells, suppressed: [Bool]) -> [[String]] {
        cells.keys.indices.map { cell in
            let measures = spec.measures.enumerated().map { index, measure -> String in
                if suppressed[cell] { return "" }
                let value = cells.values[cell][index]
                return measure.function == .sum ? ConstraintCheck.format(value) : String(Int(value))
            }
            return cells.keys[cell] + measures + [suppressed[cell] ? "true" : "false"]
        }
    }

    /// Rows with an empty group value (a unit whose export has no such column) are a group of their
    /// own, so a group column is required only where the dataset requires the field, and the group
    /// columns are the primary key only when none can be empty: databases refuse a null in a key.
    /// A measure may be empty: its cell is suppressed, as the last column says.
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
                              description: "Để trống khi ô bị ẩn (\(AggregateSpec.suppressedColumn) = true). / Empty when the cell is suppressed.",
                              type: measure.function == .sum ? .number : .integer, classification: .open)
        }
        return TableSchema(fields: keys + measures + [OpenDataPolicy.suppressedField],
                           primaryKey: fields.allSatisfy(\.required) ? spec.groupBy : nil)
    }
}
