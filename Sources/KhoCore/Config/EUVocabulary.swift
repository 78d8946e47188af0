/// The EU controlled vocabularies that DCAT-AP asks catalogs to use, as far as configuration names
/// them: update frequencies and data themes (the Publications Office's authority tables). Portals
/// that harvest DCAT-AP, CKAN's included, map these URIs to their own facets, so a code outside
/// the table is refused rather than published as a URI nobody knows.
public enum EUVocabulary {
    public static let frequencyScheme = "http://publications.europa.eu/resource/authority/frequency"
    public static let themeScheme = "http://publications.europa.eu/resource/authority/data-theme"
    public static let languageScheme = "http://publications.europa.eu/resource/authority/language"

    /// Frequency codes with their English labels.
    public static let frequencies: [String: String] = [
        "TRIENNIAL": "triennial", "BIENNIAL": "biennial", "ANNUAL": "annual", "ANNUAL_2": "semiannual",
        "ANNUAL_3": "three times a year", "QUARTERLY": "quarterly", "BIMONTHLY": "bimonthly", "MONTHLY": "monthly",
        "MONTHLY_2": "semimonthly", "MONTHLY_3": "three times a month", "BIWEEKLY": "biweekly", "WEEKLY": "weekly",
        "WEEKLY_2": "semiweekly", "WEEKLY_3": "three times a week", "DAILY": "daily", "DAILY_2": "twice a day",
        "CONT": "continuous", "UPDATE_CONT": "continuously updated", "IRREG": "irregular", "NEVER": "never",
        "OTHER": "other", "UNKNOWN": "unknown",
    ]

    /// What a catalog says of a dataset whose frequency is not configured.
    public static let unknownFrequency = "UNKNOWN"

    /// Data-theme codes with their English labels.
    public static let themes: [String: String] = [
        "AGRI": "Agriculture, fisheries, forestry and food", "ECON": "Economy and finance",
        "EDUC": "Education, culture and sport", "ENER": "Energy", "ENVI": "Environment",
        "GOVE": "Government and public sector", "HEAL": "Health", "INTR": "International issues",
        "JUST": "Justice, legal system and public safety", "REGI": "Regions and cities",
        "SOCI": "Population and society", "TECH": "Science and technology", "TRAN": "Transport",
    ]

    public static func frequencyURI(_ code: String) -> String { "\(frequencyScheme)/\(code)" }
    public static func themeURI(_ code: String) -> String { "\(themeScheme)/\(code)" }
    /// ISO 639-2/B codes, as the EU language table uses them (`VIE`, `ENG`).
    public static func languageURI(_ code: String) -> String { "\(languageScheme)/\(code)" }

    static func unknownCode(_ code: String, in table: [String: String]) -> Message {
        let known = table.keys.sorted().joined(separator: ", ")
        return Message(vi: "\"\(code)\" không có trong bảng mã của EU (có: \(known))",
                       en: "\"\(code)\" is not in the EU table (known: \(known))")
    }
}
