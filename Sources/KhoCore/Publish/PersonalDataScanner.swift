/// Finds what looks like personal data in free text — an e-mail address, a phone number (however
/// it is spaced or bracketed), a 12- or 9-digit ID number — and masks each match. `OpenDataPolicy`
/// decides where it applies.
public enum PersonalDataScanner {
    /// What replaces a masked match.
    public static let mask = "[đã ẩn]"

    /// A value after masking, and how many personal-looking values it held: the open-text gate
    /// counts them, since masking catches only the forms it knows.
    public struct Masked: Sendable, Equatable {
        public let value: String
        public let found: Int
        public var masked: Bool { found > 0 }
    }

    /// The value with personal-looking data masked.
    public static func maskPersonalData(_ value: String) -> Masked {
        var digits = 0
        var hasAt = false
        for byte in value.utf8 {
            if DateNormalizer.isDigit(byte) { digits += 1 } else if byte == UInt8(ascii: "@") { hasAt = true }
        }
        guard digits >= 9 || hasAt else { return Masked(value: value, found: 0) }
        var scalars = Array(value.unicodeScalars)
        var spans: [Range<Int>] = []
        if hasAt { spans += emailSpans(scalars) }
        if digits >= 9 { spans += numberSpans(scalars) }
        for span in spans.sorted(by: { $0.lowerBound > $1.lowerBound }) {
            scalars.replaceSubrange(span, with: mask.unicodeScalars)
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return Masked(value: String(view), found: spans.count)
    }

    /// Nine digits or an `@`: the bytes might hold personal data and are worth a closer look.
    public static func mayHoldPersonalData(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        for byte in bytes {
            if DateNormalizer.isDigit(byte) { digits += 1 } else if byte == UInt8(ascii: "@") { return true }
        }
        return digits >= 9
    }

    // MARK: - Scanning

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// Runs of digits with the separators people put in phone numbers (space, `.`, `-`, brackets,
    /// a leading `+`): a run that is a phone number is masked whole; a run of exactly 9 or 12 digits
    /// with no separator is an ID number. "Số 12", "150.000.000 đồng" and dates stay.
    private static func numberSpans(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var index = 0
        while index < scalars.count {
            let startsRun = isDigit(scalars[index]) || ((scalars[index] == "+" || scalars[index] == "(")
                && index + 1 < scalars.count && isDigit(scalars[index + 1]))
            guard startsRun, index == 0 || !isDigit(scalars[index - 1]) else { index += 1; continue }
            var end = index
            var lastDigit = index
            var separators = 0
            while end < scalars.count {
                let scalar = scalars[end]
                if isDigit(scalar) {
                    lastDigit = end
                } else if " .-()+".unicodeScalars.contains(scalar) && end + 1 < scalars.count
                            && (isDigit(scalars[end + 1]) || scalars[end + 1] == "(" || scalars[end + 1] == " ") {
                    separators += 1
                } else {
                    break
                }
                end += 1
            }
            let span = index..<(lastDigit + 1)
            let text = String(String.UnicodeScalarView(scalars[span]))
            let digitCount = scalars[span].filter(isDigit).count
            // Any old 11-digit mobile (01…) counts too: the scan needs no prefix table to be careful.
            let isPhone = digitCount >= 10 && (PhoneNormalizer.normalize(text, legacyPrefixes: [:]) != .invalid
                || (digitCount == 11 && scalars[span].first == "0" && scalars[span].dropFirst().first == "1"))
            let isID = separators == 0 && (digitCount == 9 || digitCount == 12)
            if isPhone || isID { spans.append(span) }
            index = lastDigit + 1
        }
        return spans
    }

    private static func emailSpans(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        func local(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII && (scalar.properties.isAlphabetic || isDigit(scalar) || "._%+-'".unicodeScalars.contains(scalar))
        }
        func domain(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII && (scalar.properties.isAlphabetic || isDigit(scalar) || scalar == "." || scalar == "-")
        }
        var spans: [Range<Int>] = []
        for (at, scalar) in scalars.enumerated() where scalar == "@" {
            var start = at
            while start > 0 && local(scalars[start - 1]) { start -= 1 }
            var end = at + 1
            while end < scalars.count && domain(scalars[end]) { end += 1 }
            while end > at + 1 && scalars[end - 1] == "." { end -= 1 }
            let host = scalars[(at + 1)..<end]
            if start < at, host.contains("."), host.last.map({ $0.properties.isAlphabetic }) == true {
                spans.append(start..<end)
            }
        }
        return spans
    }
}
