/// The Table Schema types the pipeline understands (Frictionless names).
public enum FieldType: String, Sendable, CaseIterable {
    case string, integer, number, date, datetime, boolean, year
}

/// Who may see a field (Law on Data 60/2024: open, shared, private).
public enum Classification: String, Sendable, Codable, CaseIterable {
    /// May be published as open data.
    case open
    /// For state agencies only.
    case shared
    /// Personal data: shared only with a legal basis, never open.
    case personal
}

/// What a field means to the checks that look across fields or know an identifier's rules.
public enum FieldRole: String, Sendable, CaseIterable {
    case personalID = "personal-id"
    case taxCode = "tax-code"
    case phone
    case email
    case birthDate = "birth-date"
    case sex
    /// The date the record describes: code validity and timeliness are judged on it.
    case recordDate = "record-date"
    /// Free text that the open side scans for personal data.
    case freeText = "free-text"
}

/// The constraints whose value can be the source's or the canonical one (`constraintsApplyTo`).
public enum ValueConstraint: String, Sendable, CaseIterable {
    case pattern, `enum`, minLength, maxLength
}

/// One field of a dataset, after the dataset's entry has been merged over the dictionary's.
public struct FieldDefinition: Sendable {
    public var name: String
    public var title: String?
    public var description: String?
    public var type: FieldType = .string
    /// Frictionless `format` of the canonical value, passed through to bundles (e.g. "email").
    /// A date's `format` describes the source instead: see `sourceLayouts`.
    public var format: String?
    /// The layouts a date or date-time field accepts in the source (its `format`); nil accepts
    /// every layout `DateNormalizer` knows. A value in another layout is `date-layout-unexpected`.
    public var sourceLayouts: [DateLayout]?
    /// Constraints tested on the value as the unit wrote it (outer spaces aside) rather than on
    /// the canonical value: by default `enum`, so that an enum lists what users see in the source.
    public var constraintsOnSource: Set<ValueConstraint> = [.enum]
    public var classification: Classification = .shared
    public var codeList: String?
    /// For a name field: the code field whose catalog name it must agree with.
    public var nameOf: String?
    public var role: FieldRole?
    /// For a tax-code field: who the tax code belongs to (`individual` for individuals and household
    /// businesses), which decides the forms beside 10 or 13 digits it may take (`TaxCodeForm`).
    public var taxCodeSubject: String?
    /// The dictionary's `taxCodeForms` for that subject, filled in when the dataset is loaded.
    public var taxCodeForms: [TaxCodeForm] = []
    public var required = false
    public var unique = false
    public var pattern: String?
    public var enumValues: [String]?
    public var minimum: Double?
    public var maximum: Double?
    public var minLength: Int?
    public var maxLength: Int?
    /// Header spellings that map to this field.
    public var aliases: [String] = []
    /// Managing agency and rules, as the national data dictionary records them.
    public var owner: String?
    public var rules: String?

    public init(name: String) { self.name = name }
}
