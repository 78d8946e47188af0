/// Which version of a record goes into the provincial table when units report the same primary
/// key with different values (`conflictRule` of a dataset). The other versions are not dropped:
/// the shared bundle lists every version of a key in conflict (`data/conflicts.csv`).
///
/// Either rule breaks a tie the same way: the unit read first (units are read in order of their
/// id), then the first row in file order — so the same inputs always keep the same version.
public enum ConflictRule: Sendable, Equatable {
    /// The version whose date field (a `date` or `datetime`) is the newest; a version without a
    /// date loses to one with a date. The default, by the dataset's `record-date` field.
    case newest(field: String)
    /// The version of the unit read first, whatever its dates: what integration did before
    /// conflicts had a rule, so an older record could win over a newer one.
    case firstUnit

    /// As reports name it: `newest:ngay_cap_nhat`, `first-unit`.
    public var id: String {
        switch self {
        case .newest(let field): "newest:\(field)"
        case .firstUnit: "first-unit"
        }
    }

    /// The rule a report names by its id.
    public init?(id: String) {
        if id == "first-unit" {
            self = .firstUnit
        } else if id.hasPrefix("newest:"), id.count > 7 {
            self = .newest(field: String(id.dropFirst(7)))
        } else {
            return nil
        }
    }

    /// In words, for the bundle's README and reports.
    public var message: Message {
        switch self {
        case .newest(let field):
            Message(vi: "giữ phiên bản có \(field) mới nhất; nếu bằng nhau, giữ phiên bản của đơn vị đứng trước theo mã đơn vị",
                    en: "the version with the newest \(field) is kept; on a tie, that of the unit first by id")
        case .firstUnit:
            Message(vi: "giữ phiên bản của đơn vị đứng trước theo mã đơn vị", en: "the version of the unit first by id is kept")
        }
    }

    /// Without a declared rule: the newest by the record-date field, or the first unit when the
    /// dataset has no such field.
    static func defaultRule(fields: [FieldDefinition]) -> ConflictRule {
        fields.first { $0.role == .recordDate && ($0.type == .date || $0.type == .datetime) }.map { .newest(field: $0.name) } ?? .firstUnit
    }

    /// `"conflictRule": "first-unit"` or `"conflictRule": {"newest": "ngay_cap_nhat"}`; problems
    /// are recorded with their path and the default is returned.
    static func read(_ root: ConfigObject, fields: [FieldDefinition]) -> ConflictRule {
        let fallback = defaultRule(fields: fields)
        guard let value = root.raw("conflictRule") else { return fallback }
        let expected = Message(vi: "cần \"first-unit\" hoặc {\"newest\": \"<trường ngày>\"}",
                               en: "expected \"first-unit\" or {\"newest\": \"<date field>\"}")
        switch value {
        case .string("first-unit"):
            return .firstUnit
        case .object:
            guard let rule = root.object("conflictRule") else { return fallback }
            defer { rule.finish() }
            guard let name = rule.string("newest") else {
                if !rule.has("newest") { rule.problem(nil, expected) }
                return fallback
            }
            guard let field = fields.first(where: { $0.name == name }) else {
                rule.problem("newest", Message(vi: "chỉ đến \"\(name)\", không phải một trường", en: "names \"\(name)\", which is not a field"))
                return fallback
            }
            guard field.type == .date || field.type == .datetime else {
                rule.problem("newest", Message(vi: "\"\(name)\" có kiểu \(field.type.rawValue); cần date hoặc datetime",
                                               en: "\"\(name)\" is of type \(field.type.rawValue); date or datetime is needed"))
                return fallback
            }
            return .newest(field: name)
        default:
            root.problem("conflictRule", expected)
            return fallback
        }
    }
}
