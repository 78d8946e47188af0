/// The communes a dataset's rows lie in, gathered while the rows stream into the bundles: the
/// catalogs publish them as spatial coverage beside the province. Rows reach the bundles in
/// canonical form, so the codes are those in force on the as-of date.
struct CommuneCoverage {
    /// Fields holding a code of the commune list.
    private let fields: [Int]
    private var seen = ByteTable<Bool>()
    private var codes: [String] = []

    init(dataset: DatasetSchema, communeCatalog: String) {
        fields = dataset.fields.indices.filter { dataset.fields[$0].codeList == communeCatalog }
    }

    /// A byte lookup per field: no `String` unless the code is new.
    mutating func add(_ values: FieldRow) {
        for index in fields {
            values.withField(index) { bytes in
                guard !bytes.isEmpty, seen.value(for: bytes) == nil else { return }
                seen.set(true, for: bytes)
                codes.append(String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    /// Nil for a dataset without a commune field, so its report says nothing rather than "none".
    var sortedCodes: [String]? { fields.isEmpty ? nil : codes.sorted() }
}
