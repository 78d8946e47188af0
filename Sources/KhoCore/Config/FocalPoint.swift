/// A unit's focal point for shared data (đầu mối): the office the province's plan names for each
/// unit, and the contact point of the unit's datasets and sharing services in the catalogs.
///
/// These are public office contacts — a position, an office phone and an office e-mail — not a
/// person's own: the open catalog prints the position, never the name (`name` is for state
/// agencies, in `shared/`).
public struct FocalPoint: Sendable, Equatable {
    public var name: String
    public var position: String
    /// As configured, for people (`0260 3862 123`).
    public var phone: String
    public var email: String

    /// The phone as an RFC 3966 URI (`tel:+842603862123`), which vCard readers dial.
    public var telURI: String {
        "tel:+84" + FocalPoint.nationalDigits(phone).dropFirst()
    }

    public var mailtoURI: String { "mailto:" + email }
}

extension FocalPoint {
    /// Reads `focalPoint`; every part is required, and a phone or e-mail that cannot be one is a
    /// problem naming its key (`focalPoint.email`).
    static func load(_ entry: ConfigObject) -> FocalPoint {
        entry.accept("$comment")
        var point = FocalPoint(name: "", position: "", phone: "", email: "")
        for key in ["name", "position"] {
            let text = entry.requiredString(key)
            if entry.has(key) && text.trimmingCharacters(in: .whitespaces).isEmpty {
                entry.problem(key, Message(vi: "không được để trống", en: "must not be empty"))
            }
            if key == "name" { point.name = text } else { point.position = text }
        }
        point.phone = entry.requiredString("phone")
        if entry.has("phone"), !isPhone(point.phone) {
            entry.problem("phone", Message(
                vi: "\"\(point.phone)\" không phải số điện thoại: cần 10 hoặc 11 chữ số bắt đầu bằng 0 (hoặc +84), có thể cách bằng dấu cách, chấm, gạch ngang",
                en: "\"\(point.phone)\" is not a phone number: expected 10 or 11 digits starting with 0 (or +84), optionally separated by spaces, dots or hyphens"))
        }
        point.email = entry.requiredString("email")
        if entry.has("email"), !isEmail(point.email) {
            entry.problem("email", Message(vi: "\"\(point.email)\" không phải địa chỉ e-mail (ten@co-quan.gov.vn)",
                                           en: "\"\(point.email)\" is not an e-mail address (name@agency.gov.vn)"))
        }
        entry.finish()
        return point
    }

    /// The digits of a Vietnamese number in national form (`0…`): `+84` and `84` become `0`.
    static func nationalDigits(_ phone: String) -> String {
        var text = phone.trimmingCharacters(in: .whitespaces)
        let international = text.hasPrefix("+")
        if international { text.removeFirst() }
        let digits = String(text.unicodeScalars.filter { $0.properties.numericType != nil && $0.isASCII }.map(Character.init))
        if international || (digits.hasPrefix("84") && digits.count >= 11) { return "0" + digits.dropFirst(2) }
        return digits
    }

    /// 10 digits (mobiles) or 11 (landlines with their area code), in national or `+84` form, with
    /// spaces, dots, hyphens or brackets between them and nothing else.
    static func isPhone(_ phone: String) -> Bool {
        var body = phone.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("+") {
            guard body.hasPrefix("+84") else { return false }
            body.removeFirst()
        }
        guard !body.isEmpty, body.unicodeScalars.allSatisfy({ "0123456789 .-()".unicodeScalars.contains($0) }) else { return false }
        let digits = nationalDigits(phone)
        return digits.hasPrefix("0") && (10...11).contains(digits.count)
    }

    /// `local@domain.tld` in ASCII: what an office mailbox is; internationalized addresses are not
    /// used by state agencies' mail systems.
    static func isEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, email.unicodeScalars.allSatisfy(\.isASCII) else { return false }
        let local = parts[0], domain = parts[1]
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        guard !local.isEmpty, local.count <= 64, local.allSatisfy(localAllowed.contains),
              local.first != ".", local.last != ".", !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let labelAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        guard labels.count >= 2, domain.count <= 253 else { return false }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.allSatisfy(labelAllowed.contains),
                  label.first != "-", label.last != "-" else { return false }
        }
        return labels.last.map { $0.count >= 2 && $0.allSatisfy(\.isLetter) } ?? false
    }
}
