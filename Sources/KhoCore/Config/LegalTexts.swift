/// The legal texts every bundle carries (`legal` in `nightly.json`): the terms of use and the
/// licence of each side, how to cite a bundle, and the note on the update window. They are
/// configuration because the law moves — Decree 47/2020/NĐ-CP, which they cite, was replaced by
/// Decree 278/2025/NĐ-CP — and the defaults are the texts bundles have always carried, so an
/// unchanged configuration gives unchanged bundles.
public struct LegalTexts: Sendable, Equatable {
    /// What `datapackage.json` puts in `licenses`: no named open licence applies, so the title
    /// states the legal basis and points to the README.
    public struct License: Sendable, Equatable {
        public var name: String
        public var title: String
        /// The licence document's address, for the catalogs' `dct:license`; without one they point
        /// at the licence's own description inside the catalog.
        public var uri: String? = nil
    }

    /// The terms and licence of one side of the bundles.
    public struct Side: Sendable, Equatable {
        public var terms: Message
        public var license: License
    }

    /// How to cite a bundle, in each language.
    public struct Citation: Sendable, Equatable {
        public var vi: TextTemplate
        public var en: TextTemplate

        /// What a citation may name.
        public static let placeholders: Set<String> = ["publisher", "asOf", "title", "file", "dataset"]
    }

    public var open = Side(
        terms: Message(
            vi: "Dữ liệu mở được cung cấp theo Điều 18 Nghị định 47/2020/NĐ-CP: được tự do sử dụng, kể cả cho mục đích thương mại, với điều kiện ghi rõ nguồn; dữ liệu được cung cấp theo hiện trạng; không được bán lại dữ liệu mở ở dạng thô.",
            en: "Open data is provided under Article 18 of Decree 47/2020/ND-CP: anyone may reuse it, commercially too, and must cite the source; it is provided as published; raw open data may not be resold."),
        license: License(name: "other-at", title: "Điều 18 Nghị định 47/2020/NĐ-CP: tự do sử dụng, ghi rõ nguồn (xem README.md)"))

    public var shared = Side(
        terms: Message(
            vi: "Dữ liệu dùng chung: chỉ sử dụng trong phạm vi chức năng, nhiệm vụ của cơ quan nhà nước được chia sẻ; dữ liệu cá nhân chỉ được xử lý khi có căn cứ pháp lý; không công bố, không chuyển cho bên thứ ba.",
            en: "For use by state agencies within their remit only; personal data may be processed only on a legal basis; do not publish or pass on."),
        license: License(name: "other-closed", title: "Chỉ chia sẻ giữa các cơ quan nhà nước theo Nghị định 47/2020/NĐ-CP (xem README.md)"))

    public var citation = Citation(vi: TextTemplate(builtIn: "{publisher} ({asOf}). *{title}*. Gói dữ liệu `{file}`."),
                                   en: TextTemplate(builtIn: "{publisher} ({asOf}). {title}. Bundle `{file}`."))

    /// Said of a bundle whose newest data is older than the update window. The English README has
    /// never carried it, so it is empty by default and printed only when configured.
    public var staleNote = Message(vi: "dữ liệu mới nhất đã quá 3 tháng (Điều 19)", en: "")

    public init() {}
}

extension LegalTexts {
    /// Reads `legal` over `base`; every key is optional and replaces only its own text.
    static func load(_ legal: ConfigObject, over base: LegalTexts) -> LegalTexts {
        var texts = base
        legal.accept("$comment")
        if let side = legal.object("open") { texts.open = loadSide(side, default: texts.open) }
        if let side = legal.object("shared") { texts.shared = loadSide(side, default: texts.shared) }
        if let citation = legal.object("citation") {
            for language in ["vi", "en"] where !citation.has(language) {
                citation.problem(language, Message(vi: "bắt buộc phải có", en: "is required"))
            }
            if let vi = citation.template("vi", known: Citation.placeholders) { texts.citation.vi = vi }
            if let en = citation.template("en", known: Citation.placeholders) { texts.citation.en = en }
            citation.finish()
        }
        if let note = legal.bilingual("staleNote") { texts.staleNote = note }
        legal.finish()
        return texts
    }

    private static func loadSide(_ side: ConfigObject, default given: Side) -> Side {
        var result = given
        side.accept("$comment")
        if let terms = side.bilingual("terms") { result.terms = terms }
        if let license = side.object("license") {
            result.license = License(name: license.requiredString("name"), title: license.requiredString("title"),
                                     uri: license.webAddress("uri"))
            license.finish()
        }
        side.finish()
        return result
    }
}

extension ConfigObject {
    /// `{"vi": "…", "en": "…"}`: both languages are required, so a bundle never mixes them.
    func bilingual(_ key: String) -> Message? {
        guard let object = object(key) else { return nil }
        let message = Message(vi: object.requiredString("vi"), en: object.requiredString("en"))
        object.finish()
        return message
    }
}
