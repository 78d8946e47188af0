/// A form a tax code may take besides the 10 digits (13 for a branch) every taxpayer has, for some
/// subjects and only between dates (`dictionary.json`, `taxCodeForms`). The law moves who may use
/// which form, so the dates are configuration and are judged on the record's date, as code lists are.
public struct TaxCodeForm: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The 12-digit personal ID used as the tax code.
        case personalID = "personal-id"
    }

    public var kind: Kind
    /// The subjects (a field's `taxCodeSubject`) that may use the form.
    public var subjects: [String]
    /// Inclusive, like a catalog row's; nil means open-ended.
    public var validFrom: CivilDate?
    public var validTo: CivilDate?
    /// The legal text that introduced the form, for people reading the configuration and findings.
    public var basis: String?

    public init(kind: Kind, subjects: [String], validFrom: CivilDate? = nil, validTo: CivilDate? = nil, basis: String? = nil) {
        self.kind = kind
        self.subjects = subjects
        self.validFrom = validFrom
        self.validTo = validTo
        self.basis = basis
    }

    public func isValid(on date: CivilDate) -> Bool {
        if let validFrom, date < validFrom { return false }
        if let validTo, date > validTo { return false }
        return true
    }
}

extension TaxCodeForm {
    static func load(_ object: ConfigObject) -> TaxCodeForm? {
        object.accept("$comment")
        let kind = object.choice("form", Kind.self)
        if !object.has("form") {
            object.problem("form", Message(vi: "bắt buộc phải có", en: "is required"))
        }
        let subjects = object.strings("subjects") ?? []
        if subjects.isEmpty || subjects.contains(where: \.isEmpty) {
            object.problem("subjects", Message(vi: "cần ít nhất một đối tượng, không rỗng", en: "must list at least one subject, none empty"))
        }
        let validFrom = date(object, "validFrom")
        let validTo = date(object, "validTo")
        if let validFrom, let validTo, validTo < validFrom {
            object.problem("validTo", Message(vi: "trước validFrom", en: "is before validFrom"))
        }
        let basis = object.string("basis")
        object.finish()
        guard let kind else { return nil }
        return TaxCodeForm(kind: kind, subjects: subjects, validFrom: validFrom, validTo: validTo, basis: basis)
    }

    private static func date(_ object: ConfigObject, _ key: String) -> CivilDate? {
        guard let text = object.string(key) else { return nil }
        guard let date = CivilDate(iso: text) else {
            object.problem(key, Message(vi: "\"\(text)\" không phải ngày dạng YYYY-MM-DD", en: "\"\(text)\" is not a YYYY-MM-DD date"))
            return nil
        }
        return date
    }
}
