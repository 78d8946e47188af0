/// Dates as Vietnamese exports write them, to ISO `YYYY-MM-DD`.
///
/// Accepted: `YYYY-MM-DD`, `DD/MM/YYYY` (also with `-` or `.`, one-digit day or month), `YYYY/MM/DD`,
/// a midnight time after any of them (`01/02/2024 00:00:00`, as Excel writes dates), and Excel serial
/// numbers of five digits (45292 = 2024-01-01). Two-digit years and month-first dates are refused:
/// guessing them would invent data.
public enum DateNormalizer {
    public static let id = "date"

    public static func parse(_ text: String) -> CivilDate? {
        var copy = text
        return copy.withUTF8(parse)
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        if let date = fastParse(bytes) { return date }
        return generalParse(String(decoding: bytes, as: UTF8.self))
    }

    /// The two forms nearly every export uses, `dd/MM/yyyy` and `yyyy-MM-dd`, without allocating.
    static func fastParse(_ bytes: UnsafeBufferPointer<UInt8>) -> CivilDate?? {
        guard bytes.count == 10 else { return .none }
        func digits(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<(start + count) {
                let byte = bytes[index]
                guard isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        if bytes[2] == UInt8(ascii: "/") && bytes[5] == UInt8(ascii: "/"),
           let day = digits(0, 2), let month = digits(3, 2), let year = digits(6, 4) {
            return .some(CivilDate(year: year, month: month, day: day))
        }
        if bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-"),
           let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2) {
            return .some(CivilDate(year: year, month: month, day: day))
        }
        return .none
    }

    private static func generalParse(_ text: String) -> CivilDate? {
        var bytes = Array(text.utf8)
        // Drop a midnight time: "01/02/2024 00:00:00", "2024-02-01T00:00", "2024-02-01T00:00:00+07:00".
        if let split = bytes.firstIndex(where: { $0 == 0x20 || $0 == UInt8(ascii: "T") }) {
            guard isMidnight(bytes[(split + 1)...]) else { return nil }
            bytes.removeSubrange(split...)
        }
        if bytes.count == 5, bytes.allSatisfy(isDigit) {
            return excelSerial(number(bytes[...]))
        }
        let parts = bytes.split(omittingEmptySubsequences: false) { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDigit) }) else { return nil }
        let separators = bytes.filter { !isDigit($0) }
        guard separators.count == 2, separators[0] == separators[1] else { return nil }
        if parts[0].count == 4 && parts[1].count <= 2 && parts[2].count <= 2 {
            return CivilDate(year: number(parts[0]), month: number(parts[1]), day: number(parts[2]))
        }
        if parts[2].count == 4 && parts[0].count <= 2 && parts[1].count <= 2 {
            return CivilDate(year: number(parts[2]), month: number(parts[1]), day: number(parts[0]))
        }
        return nil
    }

    /// `00:00`, `00:00:00` or `00:00:00.000`, then optionally `Z` or an offset such as `+07:00`.
    static func isMidnight(_ time: ArraySlice<UInt8>) -> Bool {
        var clock = time
        if clock.last == UInt8(ascii: "Z") {
            clock = clock.dropLast()
        } else if let sign = clock.lastIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) {
            let zone = clock[(sign + 1)...]
            guard zone.count == 5 || zone.count == 4, zone.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ":") }) else { return false }
            clock = clock[..<sign]
        }
        let text = String(decoding: clock, as: UTF8.self)
        return ["00:00", "00:00:00", "00:00:00.0", "00:00:00.00", "00:00:00.000"].contains(text)
    }

    /// Excel's day count from 1899-12-30 (which absorbs Excel's phantom 29 February 1900).
    static func excelSerial(_ serial: Int) -> CivilDate? {
        guard serial >= 10_000 else { return nil }
        return CivilDate(daysSinceEpoch: serial - 25_569)
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func number(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
}

/// Date and time to ISO 8601 `YYYY-MM-DDTHH:MM:SS`, keeping an explicit offset when given.
public enum DateTimeNormalizer {
    public static let id = "datetime"

    public static func normalize(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard let split = bytes.firstIndex(where: { $0 == 0x20 || $0 == UInt8(ascii: "T") }),
              let date = DateNormalizer.parse(String(decoding: bytes[..<split], as: UTF8.self)) else { return nil }
        var rest = bytes[(split + 1)...]
        var offset = ""
        if rest.last == UInt8(ascii: "Z") {
            offset = "Z"
            rest = rest.dropLast()
        } else if let sign = rest.lastIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) {
            let zone = rest[sign...]
            let digits = zone.dropFirst().filter(DateNormalizer.isDigit)
            guard digits.count == 4, zone.count == 6 || zone.count == 5 else { return nil }
            offset = String(decoding: [rest[sign]] + digits.prefix(2) + [UInt8(ascii: ":")] + digits.suffix(2), as: UTF8.self)
            rest = rest[..<sign]
        }
        let parts = rest.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        var values: [Int] = []
        for (index, part) in parts.enumerated() {
            var digits = part
            if index == 2, let dot = part.firstIndex(of: UInt8(ascii: ".")) { digits = part[..<dot] }   // drop fractions
            guard (1...2).contains(digits.count), digits.allSatisfy(DateNormalizer.isDigit) else { return nil }
            values.append(DateNormalizer.number(digits))
        }
        if values.count == 2 { values.append(0) }
        guard values[0] < 24, values[1] < 60, values[2] < 60 else { return nil }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(date)T\(two(values[0])):\(two(values[1])):\(two(values[2]))\(offset)"
    }

    /// The form nearly every export uses — a `dd/MM/yyyy` or `yyyy-MM-dd` date, a space or `T`, and
    /// `H:MM`, `HH:MM` or `HH:MM:SS`, no fraction and no zone — read without allocating: the date and
    /// the seconds since midnight, or `.some(nil)` for an impossible date or time. `.none` for any
    /// other form, which `normalize` reads; where both read a text, they read it alike.
    static func fastParse(_ bytes: UnsafeBufferPointer<UInt8>) -> (date: CivilDate, seconds: Int)?? {
        guard bytes.count >= 14, bytes[10] == 0x20 || bytes[10] == UInt8(ascii: "T"),
              let date = DateNormalizer.fastParse(UnsafeBufferPointer(rebasing: bytes[..<10])) else { return .none }
        // Hours, minutes and seconds as they are read: each part at most two digits.
        var clock = (0, 0, 0)
        var part = 0, digits = 0
        for byte in bytes[11...] {
            if byte == UInt8(ascii: ":") {
                guard digits > 0, part < 2 else { return .none }
                part += 1
                digits = 0
            } else if DateNormalizer.isDigit(byte), digits < 2 {
                let digit = Int(byte - 0x30)
                switch part {
                case 0: clock.0 = clock.0 * 10 + digit
                case 1: clock.1 = clock.1 * 10 + digit
                default: clock.2 = clock.2 * 10 + digit
                }
                digits += 1
            } else {
                return .none
            }
        }
        guard part >= 1, digits > 0 else { return .none }
        guard let date, clock.0 < 24, clock.1 < 60, clock.2 < 60 else { return .some(nil) }
        return .some((date, clock.0 * 3600 + clock.1 * 60 + clock.2))
    }

    /// Calls `body` with a date and a time of day as `YYYY-MM-DDTHH:MM:SS` bytes, without allocating.
    static func withISOBytes<R>(_ date: CivilDate, seconds: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let hours = seconds / 3600, minutes = seconds / 60 % 60, rest = seconds % 60
        return try date.withISOBytes { day in
            var time: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
                UInt8(ascii: "T"), UInt8(0x30 + hours / 10), UInt8(0x30 + hours % 10), UInt8(ascii: ":"),
                UInt8(0x30 + minutes / 10), UInt8(0x30 + minutes % 10), UInt8(ascii: ":"), UInt8(0x30 + rest / 10), UInt8(0x30 + rest % 10))
            return try withUnsafeBytes(of: &time) { clock in
                try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 19) { buffer in
                    _ = buffer.initialize(from: day)
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[10...]).initialize(from: clock.bindMemory(to: UInt8.self))
                    return try body(UnsafeBufferPointer(buffer))
                }
            }
        }
    }

    /// A date and a time of day (seconds since midnight) as a canonical date-time without offset.
    static func iso(_ date: CivilDate, seconds: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(date)T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }

    /// The calendar date of a canonical date-time.
    public static func date(of canonical: String) -> CivilDate? { CivilDate(iso: canonical.prefix(10)) }
}
