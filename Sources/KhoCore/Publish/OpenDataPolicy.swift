/// The whole open-data rule of a dataset, in one place (DESIGN.md, "Integration and bundles"):
///
/// - **What may be open**: only fields classified `open`, or, for a dataset published as counts,
///   only its declared aggregates (grouped by open fields);
/// - **small cells**: an aggregate cell counting from 1 to below `minCount` people or households is
///   suppressed with all its measures, then more cells until no suppressed cell can be recomputed
///   from the totals a reader knows (`SmallCellSuppression`); hidden cells are empty, with
///   `bi_an` = true;
/// - **free text**: an open free-text value is scanned for personal-looking data (e-mail, phone,
///   ID number), and each match is masked and counted;
/// - **the gates**: a dataset graded `blockGrade` or worse, whose rejected share exceeds
///   `maxRejectedShare`, fed by an unreadable or incomplete export, whose open free text held more
///   than `maxPersonalDataInOpenText` personal-looking values (masking finds only the forms it
///   knows: many finds mean the field carries personal data by habit, and names slip through), or
///   with a suppressed cell that its published totals give away, gets no open bundle tonight.
///
/// Nothing else decides what reaches the open side. (That every bundle CSV, shared or open, is
/// safe to open in a spreadsheet is `SpreadsheetSafety`, applied by the bundle writers' caller.)
public struct OpenDataPolicy {
    public let dataset: DatasetSchema
    public let gates: QualityGates
    /// The pipeline's smallest count, for aggregates and measures that set none.
    public let minCount: Int
    /// The dataset's fields that may be published, in schema order.
    public let openFields: [Int]
    /// Open free-text fields, scanned for personal-looking data.
    private let freeText: FieldSet
    /// Whether rows are published (open fields), else only the declared aggregates.
    public var publishesRows: Bool { dataset.openData.mode == .fields }
    public var aggregates: [AggregateSpec] { publishesRows ? [] : dataset.openData.aggregates }

    public init(dataset: DatasetSchema, gates: QualityGates, openData: OpenDataDefaults = OpenDataDefaults()) {
        self.dataset = dataset
        self.gates = gates
        minCount = openData.minCount
        openFields = dataset.fields.indices.filter { dataset.fields[$0].classification == .open }
        var freeText = FieldSet()
        for index in openFields where dataset.fields[index].role == .freeText { freeText[index] = true }
        self.freeText = freeText
    }

    /// The open table's schema: the open fields (the primary key only if all of it is open), then provenance.
    public func tableSchema(provenance: [TableSchema.Field]) -> TableSchema {
        let key = Set(dataset.primaryKey)
        let openKey = !dataset.primaryKey.isEmpty && dataset.primaryKey.allSatisfy { dataset.field($0)?.classification == .open }
        return TableSchema(fields: openFields.map { TableSchema.Field(dataset.fields[$0], isKey: openKey && key.contains(dataset.fields[$0].name)) }
                               + provenance,
                           primaryKey: openKey ? dataset.primaryKey : nil)
    }

    /// The open value of a field when it must differ from the shared one (personal-looking data
    /// masked) and how many such values it held, else nil.
    public func openValue(_ bytes: UnsafeBufferPointer<UInt8>, field index: Int) -> (value: String, found: Int)? {
        guard freeText[index], PersonalDataScanner.mayHoldPersonalData(bytes) else { return nil }
        let masked = PersonalDataScanner.maskPersonalData(String(decoding: bytes, as: UTF8.self))
        return masked.masked ? (masked.value, masked.found) : nil
    }

    // MARK: - Small cells

    /// The last column of every open aggregate: whether the row's measures are hidden.
    static let suppressedField = TableSchema.Field(
        name: AggregateSpec.suppressedColumn, title: "Bị ẩn",
        description: "true khi các số đo của dòng bị ẩn để không nhận diện được hộ, người (xem README.md). / true when the row's measures are suppressed so that no household or person can be singled out (see README.md).",
        type: .boolean, classification: .open, required: true)

    static let suppressionRule = Message(
        vi: "Ô có số đếm (người, hộ) từ 1 đến dưới ngưỡng bị ẩn. Sau đó, mỗi tổng của từ hai ô trở lên — theo từng chiều phân nhóm, của cả bảng, và số bản ghi của từng đơn vị ghi trong gói — nếu chỉ còn một ô bị ẩn thì ẩn thêm ô nhỏ nhất còn hiện, lặp đến khi ổn định; rồi giải các tổng như hệ phương trình và ẩn thêm đến khi không ô bị ẩn nào tính lại được. Mọi số đo của một ô bị ẩn cùng nhau. Ô bị ẩn để trống các số đo và có \(AggregateSpec.suppressedColumn) = true.",
        en: "A cell counting from 1 to below the threshold (people, households) is suppressed. Then every total of two or more cells (along each grouping dimension, of the whole table, and each unit's row count given in the bundle) that holds exactly one suppressed cell gets a second, its smallest shown cell, until stable; the totals are then solved as linear equations and more cells suppressed until no suppressed cell can be recomputed. All measures of a suppressed cell are suppressed together. A suppressed cell has empty measures and \(AggregateSpec.suppressedColumn) = true.")

    /// Per measure, the smallest count shown: its own `minCount`, else its aggregate's, else the
    /// pipeline's. A sum counts no one: it is never checked, only hidden with its cell.
    public func minCounts(_ aggregate: AggregateSpec) -> [Int] {
        aggregate.measures.map { $0.function == .sum ? 0 : $0.minCount ?? aggregate.minCount ?? minCount }
    }

    /// The cells of an aggregate to hide. The totals a reader knows besides the table: the whole
    /// table (the rows bundled are in `quality.json`), each unit's cells (its rows are in `sources`),
    /// and — assumed, as is usual — each grouping dimension's marginals, since other publications
    /// (the yearly review decisions count poor households per commune) may give them.
    func suppression(_ cells: OpenAggregate.Cells, aggregate: AggregateSpec) -> SmallCellSuppression.Outcome {
        var byUnit: [String: [Int]] = [:]
        for (cell, units) in cells.units.enumerated() {
            for unit in units { byUnit[unit, default: []].append(cell) }
        }
        let published = [Array(cells.keys.indices)] + byUnit.sorted { $0.key < $1.key }.map(\.value)
        return SmallCellSuppression.apply(.init(keys: cells.keys, values: cells.values, minCounts: minCounts(aggregate),
                                                publishedTotals: published))
    }

    // MARK: - Gates

    /// Why tonight's open bundle is held back; empty when it may be published.
    public func withheld(quality: BundleQuality, contributions: [UnitContribution], personalDataInOpenText: Int = 0,
                         smallCells: [BundleReport.SmallCells] = []) -> [WithheldReason] {
        var withheld: [WithheldReason] = []
        if let block = gates.blockGrade, quality.grade >= block {
            withheld.append(.grade(quality.grade, limit: block))
        }
        let extracted = quality.rows.extracted
        let rejectedShare = extracted == 0 ? 0 : Double(quality.rows.rejected) / Double(extracted)
        if rejectedShare > gates.maxRejectedShare {
            withheld.append(.rejectedShare(rejectedShare, limit: gates.maxRejectedShare))
        }
        for contribution in contributions where contribution.kind != .missing && contribution.quality?.blocked == true {
            withheld.append(.exportIncomplete(unit: contribution.unit.id))
        }
        if personalDataInOpenText > gates.maxPersonalDataInOpenText {
            withheld.append(.personalDataInOpenText(personalDataInOpenText, limit: gates.maxPersonalDataInOpenText))
        }
        for table in smallCells where table.exposed > 0 {
            withheld.append(.smallCellExposed(table: table.table))
        }
        return withheld
    }
}
