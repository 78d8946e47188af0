import Foundation

/// Where and how the province publishes (`publication` in `nightly.json`): the public address of
/// `out/`, which the catalogs' URLs start with, the area the warehouse covers, and the date the
/// open-data list was last reviewed (Article 19).
public struct PublicationSettings: Sendable, Equatable {
    /// The public address `out/` is served from, ending in `/`: `open/catalog.jsonld` is at
    /// `<baseURL>open/catalog.jsonld`, and every URI the catalogs mint starts with it.
    public var baseURL = PublicationSettings.placeholderBaseURL
    /// Where state agencies fetch `shared/`, when not from `baseURL` (a network of their own).
    public var sharedBaseURL: String?
    /// Where administrative units get their URIs (`<base>xa/23500/2025-07-01`); by default minted
    /// under `baseURL`, as `<baseURL>id/dvhc/`.
    public var adminUnitBaseURL: String?
    /// The province the warehouse covers, a code of `provinceCatalog`; its row in force, or the
    /// rows it became, are the catalogs' spatial coverage.
    public var province: String?
    public var provinceCatalog = "tinh"
    /// The code list of communes: datasets that publish its codes list their communes as coverage.
    public var communeCatalog = "xa"
    /// When the open-data list was last reviewed; Article 19 asks for a review every six months.
    public var openDataListReviewed: CivilDate?
    /// Where data users' problem reports go instead of the units' focal points (the province's data desk).
    public var dataDesk: String?

    public init() {}

    /// A base that cannot resolve (RFC 2606), used while none is configured, so that no catalog
    /// points at an address someone else may own.
    public static let placeholderBaseURL = "https://khodulieu.invalid/"

    public var sharedBase: String { sharedBaseURL ?? baseURL }
    public var adminUnitBase: String { adminUnitBaseURL ?? baseURL + "id/dvhc/" }
}

extension PublicationSettings {
    static func load(_ object: ConfigObject?, root: ConfigObject) -> PublicationSettings {
        var settings = PublicationSettings()
        guard let object else {
            root.warning("publication", Message(
                vi: "chưa có publication.baseURL (địa chỉ công khai của out/): danh mục dùng \(placeholderBaseURL) thay cho địa chỉ thật",
                en: "no publication.baseURL (the public address of out/): the catalogs use \(placeholderBaseURL) in its place"))
            return settings
        }
        object.accept("$comment")
        if let base = object.webAddress("baseURL", folder: true) { settings.baseURL = base }
        else if !object.has("baseURL") { object.problem("baseURL", Message(vi: "bắt buộc phải có", en: "is required")) }
        settings.sharedBaseURL = object.webAddress("sharedBaseURL", folder: true)
        settings.adminUnitBaseURL = object.webAddress("adminUnitBaseURL", folder: true)
        settings.province = object.string("province")
        if !object.has("province") {
            object.warning("province", Message(vi: "chưa có tỉnh: danh mục không ghi phạm vi không gian cấp tỉnh",
                                               en: "no province: the catalogs give no province as spatial coverage"))
        }
        if let catalog = object.string("provinceCatalog") { settings.provinceCatalog = catalog }
        if let catalog = object.string("communeCatalog") { settings.communeCatalog = catalog }
        settings.openDataListReviewed = object.date("openDataListReviewed")
        if let desk = object.string("dataDesk") {
            if FocalPoint.isEmail(desk) { settings.dataDesk = desk }
            else { object.problem("dataDesk", Message(vi: "\"\(desk)\" không phải địa chỉ e-mail (ten@co-quan.gov.vn)",
                                                      en: "\"\(desk)\" is not an e-mail address (name@agency.gov.vn)")) }
        }
        object.finish()
        return settings
    }
}

extension ConfigObject {
    /// An absolute `http`/`https` address; with `folder`, one that more paths are appended to,
    /// so it gets its final `/`.
    func webAddress(_ key: String, folder: Bool = false) -> String? {
        guard let text = string(key) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil, !text.contains(" ") else {
            problem(key, Message(vi: "\"\(text)\" không phải địa chỉ web tuyệt đối (https://…)",
                                 en: "\"\(text)\" is not an absolute web address (https://…)"))
            return nil
        }
        return folder && !text.hasSuffix("/") ? text + "/" : text
    }
}
