/// One family of checks. Checks stream: `check` sees each row once, in order; `finish` may add
/// findings that need the whole table (outliers). A check never loads a file.
///
/// Checks also compute the canonical form of the values they judge (a date they parsed, a code
/// they resolved): the normalize stage replays them and keeps those values.
public protocol RowCheck: AnyObject {
    /// Stable kebab-case id.
    static var id: String { get }
    /// The finding codes the check can emit.
    static var codes: [FindingCode] { get }
    init(schema: DatasetSchema)
    func check(_ row: inout RowState, _ context: ValidationContext)
    func finish(_ context: ValidationContext) -> [Finding]
}

extension RowCheck {
    public func finish(_ context: ValidationContext) -> [Finding] { [] }
}

/// A set of field indices (a dataset has at most 64 fields), as cheap to copy as an integer.
public struct FieldSet: Sendable, Equatable {
    private var bits: UInt64 = 0

    public init() {}

    public subscript(_ index: Int) -> Bool {
        get { bits & (UInt64(1) << UInt64(index)) != 0 }
        set {
            if newValue { bits |= UInt64(1) << UInt64(index) } else { bits &= ~(UInt64(1) << UInt64(index)) }
        }
    }
}

/// Everything the checks share for one unit and dataset: schema, code lists, the as-of date,
/// and the tallies the reports are built from.
public final class ValidationContext {
    public let schema: DatasetSchema
    public let unit: String
    public let asOf: CivilDate
    /// Per field, its code list (nil for uncoded fields).
    public let fieldCodeLists: [CodeList?]
    /// Per field, the unit's own code system when it differs, with its crosswalk column.
    public let sourceCodeSystems: [(list: CodeList, column: String)?]
    /// Old mobile prefix → new prefix.
    public let legacyPhonePrefixes: [String: String]
    /// Three-digit province prefixes of personal IDs (empty: not checked).
    public let personalIDProvinces: ByteTable<Bool>
    private var changes = [Int](repeating: 0, count: NormalizationRule.allCases.count)

    /// Values changed by each normalization rule (rules that changed nothing are left out).
    public var normalizations: [String: Int] {
        var result: [String: Int] = [:]
        for rule in NormalizationRule.allCases where changes[rule.ordinal] > 0 { result[rule.rawValue] = changes[rule.ordinal] }
        return result
    }

    public init(schema: DatasetSchema, unit: String, asOf: CivilDate, codeLists: [String: CodeList],
                codeSystems: [String: CodeSystem] = [:]) {
        self.schema = schema
        self.unit = unit
        self.asOf = asOf
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
        for entry in codeLists[PersonalIDCheck.provinceCatalogID]?.entries ?? [] {
            if let prefix = entry.extra["cccd_prefix"], !prefix.isEmpty { provinces.set(true, for: prefix) }
        }
        personalIDProvinces = provinces
    }

    /// Records a finding on a field (or the row when `field` is nil) with the dataset's severity,
    /// masking the value when the field holds personal data. On a personal field the detail is
    /// dropped too unless it reveals no value: a resolved code ("Kinh" → 01), an age or an expected
    /// digit would tell what the masked value hides.
    public func emit(_ code: FindingCode, _ row: inout RowState, field: Int?, value: String? = nil, detail: String? = nil) {
        let severity = schema.severity(of: code)
        let definition = field.map { schema.fields[$0] }
        let personal = definition?.classification == .personal
        let shown = value.map { personal ? Masking.mask($0) : $0 }
        let safeDetail = personal && !FindingCatalog.valueFreeDetails.contains(code) ? nil : detail
        let finding = FindingCatalog.finding(code, at: Location(unit: unit, file: row.file, line: row.line > 0 ? row.line : nil,
                                                                field: definition?.name),
                                             value: shown, detail: safeDetail, severity: severity)
        row.findings.append(finding)
        if severity == .error, let field { row.failed[field] = true }
    }

    /// Counts a value a normalization rule changed (for `normalize.json`).
    public func noteChange(_ rule: NormalizationRule) { changes[rule.ordinal] += 1 }

    private var nameKeys: [String: String] = [:]

    /// `NameKey.key(value)`, remembered: names repeat on millions of rows ("Nam", "Xã Đắk Hà").
    public func nameKey(_ value: String) -> String {
        if let key = nameKeys[value] { return key }
        let key = NameKey.key(value)
        if nameKeys.count < 100_000 { nameKeys[value] = key }
        return key
    }
}

/// Hides personal values in reports: first and last character kept, the rest starred.
public enum Masking {
    public static func mask(_ value: String) -> String {
        let characters = Array(value)
        guard characters.count > 2 else { return String(repeating: "*", count: characters.count) }
        return String(characters[0]) + String(repeating: "*", count: characters.count - 2) + String(characters[characters.count - 1])
    }
}
