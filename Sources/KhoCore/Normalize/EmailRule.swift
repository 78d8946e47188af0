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
        var value = value
        // ASCII addresses (all but the oddest) by their bytes; the rest by the rules on text, where
        // lower-casing may turn a letter into ASCII (U+212A, the Kelvin sign, into k).
        let ascii: String?? = value.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } ? .some(canonicalASCII(bytes)) : .none }
        return ascii ?? canonicalText(value)
    }

    /// `canonical` of ASCII bytes, which it is always given: nil when they are no address.
    private static func canonicalASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")),
              !bytes[(at + 1)...].contains(UInt8(ascii: "@")),
              (1...64).contains(at), (4...253).contains(bytes.count - at - 1) else { return nil }
        let dot = UInt8(ascii: "."), hyphen = UInt8(ascii: "-")
        var previous: UInt8 = 0
        for byte in bytes[..<at] {
            guard EmailRule.isLocalByte(byte), !(byte == dot && previous == dot) else { return nil }
            previous = byte
        }
        guard bytes[0] != dot, bytes[at - 1] != dot else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        out.append(contentsOf: bytes[...at])
        var labels = 0
        var labelStart = out.count
        var labelIsLetters = true
        func endLabel() -> Bool {
            let count = out.count - labelStart
            guard (1...63).contains(count), out[labelStart] != hyphen, out[out.count - 1] != hyphen else { return false }
            labels += 1
            return true
        }
        for var byte in bytes[(at + 1)...] {
            if (0x41...0x5A).contains(byte) { byte += 0x20 }
            if byte == dot {
                guard endLabel() else { return nil }
                out.append(byte)
                labelStart = out.count
                labelIsLetters = true
                continue
            }
            guard (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) || byte == hyphen else { return nil }
            if !(0x61...0x7A).contains(byte) { labelIsLetters = false }
            out.append(byte)
        }
        guard endLabel(), labels >= 2, out.count - labelStart >= 2, labelIsLetters else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isLocalByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "%"),
             UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }

    /// The rules on text, for addresses with a byte outside ASCII.
    static func canonicalText(_ value: String) -> String? {
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
