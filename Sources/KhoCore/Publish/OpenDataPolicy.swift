/// The whole open-data rule of a dataset, in one place (DESIGN.md, "Integration and bundles"):
///
/// - **What may be open**: only fields classified `open`, or, for a dataset published as counts,
///   only its declared aggregates (grouped by open fields);
/// - **free text**: an open free-text value is scanned for personal-looking data (e-mail, phone,
///   ID number), and each match is masked;
/// - **the gates**: a dataset graded `blockGrade` or worse, whose rejected share exceeds
///   `maxRejectedShare`, or fed by an unreadable or incomplete export, gets no open bundle tonight.
///
/// Nothing else decides what reaches the open side. (That every bundle CSV, shared or open, is
/// safe to open in a spreadsheet is `SpreadsheetSafety`, applied by the bundle writers' caller.)
public struct OpenDataPolicy {
    public let dataset: DatasetSchema
    public let gates: QualityGates
    /// The dataset's fields that may be published, in schema order.
    public let openFields: [Int]
    /// Open free-text fields, scanned for personal-looking data.
    private let freeText: FieldSet
    /// Whether rows are published (open fields), else only the declared aggregates.
    public var publishesRows: Bool { dataset.openData.mode == .fields }
    public var aggregates: [AggregateSpec] { publishesRows ? [] : dataset.openData.aggregates }

    public init(dataset: DatasetSchema, gates: QualityGates) {
        self.dataset = dataset
        self.gates = gates
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
    /// masked), else nil.
    public func openValue(_ bytes: UnsafeBufferPointer<UInt8>, field index: Int) -> String? {
        guard freeText[index], PersonalDataScanner.mayHoldPersonalData(bytes) else { return nil }
        let (masked, changed) = PersonalDataScanner.maskPersonalData(String(decoding: bytes, as: UTF8.self))
        return changed ? masked : nil
    }

    /// Why tonight's open bundle is held back; empty when it may be published.
    public func withheld(quality: BundleQuality, contributions: [UnitContribution]) -> [WithheldReason] {
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
        return withheld
    }
}
