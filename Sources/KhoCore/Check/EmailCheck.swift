/// E-mail addresses: one `@`, a plausible local part, a domain of dot-separated labels ending in a
/// top-level domain of letters. The domain is lower-cased.
public final class EmailCheck: RowCheck {
    public static let id = "email"
    public static let codes: [FindingCode] = [.emailInvalid]

    private let fields: [Int]

    public init(schema: DatasetSchema) {
        fields = schema.indices(of: .email)
    }

    public func check(_ row: inout RowState, _ context: ValidationContext) {
        for field in fields where !row.isEmpty(field) && !row.failed[field] {
            let value = row.value(field)
            guard let canonical = EmailCheck.canonical(value) else {
                context.emit(.emailInvalid, &row, field: field, value: value)
                continue
            }
            if canonical != value {
                row.setValue(field, canonical)
                context.noteChange(.email)
            }
        }
    }

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
