import Foundation

/// A state body as the configuration names it, with the period it is in force: the publisher, a
/// unit's successor, a sharing service's owner. Bodies carry dates because they end: Kon Tum
/// province and its district People's Committees ended on 2025-06-30.
public struct Organization: Sendable, Equatable {
    public var name: String
    /// QCVN 102:2016/BTTTT agency code, only when known: a code is never made up.
    public var agencyCode: String?
    public var contact: String?
    public var homepage: String?
    /// First and last day in force, both included (as `valid_from`/`valid_to` in the catalogs);
    /// nil when the period is open on that side.
    public var validFrom: CivilDate?
    public var validTo: CivilDate?

    public init(name: String, agencyCode: String? = nil, contact: String? = nil, homepage: String? = nil,
                validFrom: CivilDate? = nil, validTo: CivilDate? = nil) {
        self.name = name
        self.agencyCode = agencyCode
        self.contact = contact
        self.homepage = homepage
        self.validFrom = validFrom
        self.validTo = validTo
    }

    public func isInForce(on date: CivilDate) -> Bool {
        if let validFrom, date < validFrom { return false }
        if let validTo, date > validTo { return false }
        return true
    }
}

extension Organization {
    /// The keys an entry may have besides `name` and `$comment`: each place that names a body takes
    /// only what it uses (a successor has no period of its own, an owner no agency code).
    struct Keys: OptionSet {
        let rawValue: Int
        static let agencyCode = Keys(rawValue: 1)
        static let contact = Keys(rawValue: 2)
        static let homepage = Keys(rawValue: 4)
        static let period = Keys(rawValue: 8)
    }

    /// Reads one entry; a missing or empty name and a period that ends before it starts are problems.
    static func load(_ entry: ConfigObject, keys: Keys) -> Organization {
        entry.accept("$comment")
        let name = entry.requiredString("name")
        if entry.has("name") && name.trimmingCharacters(in: .whitespaces).isEmpty {
            entry.problem("name", Message(vi: "không được để trống", en: "must not be empty"))
        }
        var organization = Organization(name: name)
        if keys.contains(.agencyCode) { organization.agencyCode = entry.string("agencyCode") }
        if keys.contains(.contact) { organization.contact = entry.string("contact") }
        if keys.contains(.homepage) { organization.homepage = entry.string("homepage") }
        if keys.contains(.period) {
            organization.validFrom = entry.date("validFrom")
            organization.validTo = entry.date("validTo")
            if let from = organization.validFrom, let to = organization.validTo, to < from {
                entry.problem("validTo", Message(vi: "\(to) trước validFrom \(from)", en: "\(to) is before validFrom \(from)"))
            }
        }
        entry.finish()
        return organization
    }
}
