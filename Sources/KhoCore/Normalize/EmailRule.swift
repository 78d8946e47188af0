/// E-mail addresses with their domain lower-cased; what is not an address is marked unparsed.
public final class EmailRule: NormalizationStep {
    public static let id = "email"

    private let fields: [Int]

    public init?(schema: DatasetSchema) {
        fields = schema.indices(of: .email)
        if fields.isEmpty { return nil }
    }

    public func apply(_ row: inout RowState, _ context: DatasetContext) {
        for field in fields where !row.isEmpty(field) {
            let value = row.value(field)
            guard let canonical = EmailRule.canonical(value) else {
                row.unparsed[field] = true
                continue
            }
            if canonical != value {
                row.setValue(field, canonical)
                row.noteChange(field, .email)
            }
        }
    }

    /// One `@`, a plausible local part, a domain of dot-separated labels ending in a top-level
    /// domain of letters.
    static func canonical(_ value: String) -> String? {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
              (1...64).contains(local.utf8.count), (4...253).contains(domain.utf8.count) else { return nil }
        let localAllowed: (UInt8) -> Bool = { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || "._%+-'".utf8.contains(byte)
        }
        guard local.utf8.allSatisfy(localAllowed), local.first != ".", local.last != ".", !local.contains("..") else { return nil }
        let labels = domain.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return nil }
        for label in labels {
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                  label.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) || $0 == UInt8(ascii: "-") }) else { return nil }
        }
        guard let tld = labels.last, tld.utf8.count >= 2, tld.utf8.allSatisfy({ (0x61...0x7A).contains($0) }) else { return nil }
        return "\(local)@\(labels.joined(separator: "."))"
    }
}
