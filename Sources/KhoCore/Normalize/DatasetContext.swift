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
    /// The province catalog whose `cccd_prefix` column lists valid personal-ID prefixes.
    public static let provinceCatalogID = "tinh"
    /// Old mobile prefix → new prefix.
    public let legacyPhonePrefixes: [String: String]
    /// Three-digit province prefixes of personal IDs (empty: not checked).
    public let personalIDProvinces: ByteTable<Bool>

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

    public init(schema: DatasetSchema, unit: String, asOf: CivilDate, codeLists: [String: CodeList],
                codeSystems: [String: CodeSystem] = [:]) {
        self.schema = schema
        self.unit = unit
        self.asOf = asOf
        fieldNames = schema.fields.map(\.name)
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

    /// `NameKey.key(value)`, remembered: names repeat on millions of rows ("Nam", "Xã Đắk Hà").
    public func nameKey(_ value: String) -> String {
        if let key = nameKeys[value] { return key }
        let key = NameKey.key(value)
        if nameKeys.count < 100_000 { nameKeys[value] = key }
        return key
    }
}
