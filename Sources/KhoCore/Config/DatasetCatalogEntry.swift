/// A dataset's entry in the province's catalog of shared data (Article 11 of Decree 47/2020/NĐ-CP):
/// what it is for, what it covers and holds, how it is collected and kept up to date and how often,
/// on what legal basis — with the DCAT-AP themes the open catalog files it under. `catalogEntry`
/// in `datasets/<id>.json`; the owner is the sharing service's (`sharingService.owner`), one place
/// for one fact.
public struct DatasetCatalogEntry: Sendable, Equatable {
    public var purpose: String
    public var scope: String
    public var content: String
    public var collectionMethod: String
    public var updateMethod: String
    /// A code of the EU frequency table (`ANNUAL`): how often the data itself changes, which is not
    /// how often the pipeline runs.
    public var updateFrequency: String
    public var legalBasis: [String]
    /// Codes of the EU data-theme table (`SOCI`).
    public var themes: [String]
    /// When the dataset was first published as open data, when that is on record.
    public var issued: CivilDate?

    /// What the catalogs say of a dataset with no entry: nothing but an unknown frequency.
    public static let missing = DatasetCatalogEntry(purpose: "", scope: "", content: "", collectionMethod: "", updateMethod: "",
                                                    updateFrequency: EUVocabulary.unknownFrequency, legalBasis: [], themes: [])

    public var isMissing: Bool { self == .missing }
}

extension DatasetCatalogEntry {
    /// Every text is required and may not be empty; a frequency or theme outside the EU tables is
    /// refused. A dataset without `catalogEntry` is a configuration warning.
    static func load(_ root: ConfigObject) -> DatasetCatalogEntry {
        guard let entry = root.object("catalogEntry") else {
            root.warning("catalogEntry", Message(
                vi: "chưa có mục danh mục (Điều 11: mục đích, phạm vi, nội dung, cách thu thập, cập nhật, tần suất, căn cứ pháp lý)",
                en: "no catalog entry (Article 11: purpose, scope, content, collection, update method and frequency, legal basis)"))
            return .missing
        }
        entry.accept("$comment")
        func text(_ key: String) -> String {
            let value = entry.requiredString(key)
            if entry.has(key) && value.trimmingCharacters(in: .whitespaces).isEmpty {
                entry.problem(key, Message(vi: "không được để trống", en: "must not be empty"))
            }
            return value
        }
        var result = DatasetCatalogEntry(purpose: text("purpose"), scope: text("scope"), content: text("content"),
                                         collectionMethod: text("collectionMethod"), updateMethod: text("updateMethod"),
                                         updateFrequency: EUVocabulary.unknownFrequency, legalBasis: [], themes: [])
        if let frequency = entry.string("updateFrequency") {
            if EUVocabulary.frequencies[frequency] != nil { result.updateFrequency = frequency }
            else { entry.problem("updateFrequency", EUVocabulary.unknownCode(frequency, in: EUVocabulary.frequencies)) }
        } else if !entry.has("updateFrequency") {
            entry.problem("updateFrequency", Message(vi: "bắt buộc phải có", en: "is required"))
        }
        result.legalBasis = entry.strings("legalBasis") ?? []
        if result.legalBasis.isEmpty {
            entry.problem("legalBasis", Message(vi: "cần ít nhất một văn bản", en: "needs at least one legal text"))
        }
        for theme in entry.strings("themes") ?? [] {
            if EUVocabulary.themes[theme] != nil { result.themes.append(theme) }
            else { entry.problem("themes", EUVocabulary.unknownCode(theme, in: EUVocabulary.themes)) }
        }
        result.issued = entry.date("issued")
        entry.finish()
        return result
    }
}
