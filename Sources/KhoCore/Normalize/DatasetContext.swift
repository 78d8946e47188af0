/// What the normalization rules and the checks share for one unit and dataset: the schema, the
/// code lists as the unit uses them, the as-of date, and caches of what repeats on every row.
public final class DatasetContext {
    public let schema: DatasetSchema
    public let unit: String
    public let asOf: CivilDate
    /// Per field, its code list (nil for uncoded fields).
    public let fieldCodeLists: [CodeList?]
    /// Per field, the unit's own code system when it differs, with its crosswalk column.
    public let sourceCodeSystems: [(list: CodeList, column: String)?]
    /// Per coded field whose list has a parent list, where a record's parent code comes from.
    public let codeParents: [CodeParent?]
    /// The coded fields, each parent before the fields it tells apart: a district written as a
    /// name is a code before the commune names it disambiguates are looked up.
    public let codedFields: [Int]

    /// Where a record's code of a list's parent list comes from: the record's own field of that
    /// list when it holds a code valid on the record's date, else the unit's own code (a district
    /// committee's district), else nowhere.
    public struct CodeParent: Sendable {
        public let field: Int?
        public let unitCode: String?
    }
    /// The province catalog whose `cccd_prefix` column lists valid personal-ID prefixes.
    public static let provinceCatalogID = "tinh"
    /// Old mobile prefix → new prefix.
    public let legacyPhonePrefixes: [String: String]
    /// Three-digit province prefixes of personal IDs (empty: not checked).
    public let personalIDProvinces: ByteTable<Bool>

    /// Per workbook file, the cell each field was read from, for the findings' positions.
    public let cells: WorkbookCells
    /// Per field, its name and how its values are masked (nil: not personal): what a finding on it needs.
    let fieldNames: [String]
    let personalMasks: [Masking.Style?]
    /// How each code is reported in this dataset, worked out once rather than on every finding.
    private let findingRules: [FindingCode: FindingRule]

    struct FindingRule {
        var severity: Severity
        var principle: Principle
        var detailIsValueFree: Bool
    }

    /// - Parameter unitCodes: the unit's own codes by catalog (`UnitConfig.ownCodes`).
    public init(schema: DatasetSchema, unit: String, asOf: CivilDate, codeLists: [String: CodeList],
                codeSystems: [String: CodeSystem] = [:], unitCodes: [String: String] = [:]) {
        self.schema = schema
        self.unit = unit
        self.asOf = asOf
        fieldNames = schema.fields.map(\.name)
        cells = WorkbookCells(fieldNames: fieldNames)
        personalMasks = schema.fields.map { field in
            guard field.classification == .personal else { return nil }
            return field.type == .date || field.type == .datetime ? .date : .text
        }
        findingRules = Dictionary(uniqueKeysWithValues: FindingCode.allCases.map { code in
            (code, FindingRule(severity: schema.severity(of: code), principle: FindingCatalog.entry(code).principle,
                               detailIsValueFree: FindingCatalog.valueFreeDetails.contains(code)))
        })
        fieldCodeLists = schema.fields.map { field in field.codeList.flatMap { codeLists[$0] } }
        sourceCodeSystems = schema.fields.map { field in
            guard let system = codeSystems[field.name], let list = codeLists[system.catalog] else { return nil }
            return (list, system.column)
        }
        let parents = schema.fields.indices.map { index -> CodeParent? in
            guard let list = schema.fields[index].codeList, let parent = codeLists[list]?.properties.parentCatalog else { return nil }
            let field = schema.fields.indices.first { $0 != index && schema.fields[$0].codeList == parent }
            let unitCode = unitCodes[parent]
            return field == nil && unitCode == nil ? nil : CodeParent(field: field, unitCode: unitCode)
        }
        codeParents = parents
        // By the number of parent fields above each (commune under district under province); the
        // bound guards against lists that name each other as parents.
        func depth(_ index: Int) -> Int {
            var depth = 0, current = index
            while depth < 8, let parent = parents[current]?.field { depth += 1; current = parent }
            return depth
        }
        codedFields = schema.fields.indices.filter { schema.fields[$0].codeList != nil }
            .map { (index: $0, depth: depth($0)) }.sorted { ($0.depth, $0.index) < ($1.depth, $1.index) }.map(\.index)
        var prefixes: [String: String] = [:]
        for entry in codeLists[PhoneNormalizer.prefixCatalogID]?.entries ?? [] {
            if let successor = entry.successor, successor != entry.code { prefixes[entry.code] = successor }
        }
        legacyPhonePrefixes = prefixes
        var provinces = ByteTable<Bool>()
        for entry in codeLists[DatasetContext.provinceCatalogID]?.entries ?? [] {
            if let prefix = entry.extra["cccd_prefix"], !prefix.isEmpty { provinces.set(true, for: prefix) }
        }
        personalIDProvinces = provinces
    }

    func findingRule(_ code: FindingCode) -> FindingRule {
        findingRules[code] ?? FindingRule(severity: schema.severity(of: code), principle: FindingCatalog.entry(code).principle,
                                          detailIsValueFree: FindingCatalog.valueFreeDetails.contains(code))
    }

    private var nameKeys: [String: String] = [:]
    private var booleans: [String: String?] = [:]

    /// `NameKey.key(value)`, remembered: names repeat on millions of rows ("Nam", "Xã Đắk Hà").
    public func nameKey(_ value: String) -> String {
        if let key = nameKeys[value] { return key }
        let key = NameKey.key(value)
        if nameKeys.count < 100_000 { nameKeys[value] = key }
        return key
    }

    /// `BooleanRule.canonical(value)`, remembered: a yes/no column repeats a few spellings ("Có",
    /// "Không", "x") on every row, and each took a pass through Foundation's folding.
    func canonicalBoolean(_ value: String) -> String? {
        if let known = booleans[value] { return known }
        let canonical = BooleanRule.canonical(value)
        if booleans.count < 10_000 { booleans.updateValue(canonical, forKey: value) }
        return canonical
    }
}
