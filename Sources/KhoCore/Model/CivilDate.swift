/// A calendar date without time zone: what records, code validity and the `--as-of` date are.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless the date exists in the proleptic Gregorian calendar (no 30 February).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A date written in the code, known to exist (the first day of a year).
    init(firstDayOf year: Int) {
        self.year = year
        month = 1
        day = 1
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        var year = 0, month = 0, day = 0, count = 0
        for byte in text.utf8 {
            switch count {
            case 4, 7:
                guard byte == UInt8(ascii: "-") else { return nil }
            case 0..<10:
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                let digit = Int(byte - 0x30)
                if count < 4 { year = year * 10 + digit } else if count < 7 { month = month * 10 + digit } else { day = day * 10 + digit }
            default:
                return nil
            }
            count += 1
        }
        guard count == 10 else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD` from bytes.
    public init?(isoBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        var year = 0, month = 0, day = 0
        for index in 0..<10 where index != 4 && index != 7 {
            let byte = bytes[index]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            let digit = Int(byte - 0x30)
            if index < 4 { year = year * 10 + digit } else if index < 7 { month = month * 10 + digit } else { day = day * 10 + digit }
        }
        self.init(year: year, month: month, day: day)
    }

    /// Calls `body` with the date as `YYYY-MM-DD` bytes, without allocating.
    public func withISOBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            UInt8(0x30 + year / 1000 % 10), UInt8(0x30 + year / 100 % 10), UInt8(0x30 + year / 10 % 10), UInt8(0x30 + year % 10),
            UInt8(ascii: "-"), UInt8(0x30 + month / 10), UInt8(0x30 + month % 10), UInt8(ascii: "-"),
            UInt8(0x30 + day / 10), UInt8(0x30 + day % 10))
        return try withUnsafeBytes(of: &bytes) { try body($0.bindMemory(to: UInt8.self)) }
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    public init?(daysSinceEpoch days: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    public func adding(days: Int) -> CivilDate? { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// The same day `months` calendar months later, or the month's last day when it is shorter
    /// (2026-08-31 + 6 months = 2027-02-28): how "every six months" is counted.
    public func adding(months: Int) -> CivilDate? {
        let index = year * 12 + (month - 1) + months
        let year = index / 12, month = index % 12 + 1
        return CivilDate(year: year, month: month, day: min(day, CivilDate.daysIn(month: month, year: year)))
    }

    /// Whole years from `self` to `later` (an age).
    public func years(until later: CivilDate) -> Int {
        var years = later.year - year
        if (later.month, later.day) < (month, day) { years -= 1 }
        return years
    }

    /// `YYYY-MM-DD`, written byte by byte: dates are formatted on every row.
    public var description: String {
        String(unsafeUninitializedCapacity: 10) { buffer in
            buffer[0] = UInt8(0x30 + year / 1000 % 10)
            buffer[1] = UInt8(0x30 + year / 100 % 10)
            buffer[2] = UInt8(0x30 + year / 10 % 10)
            buffer[3] = UInt8(0x30 + year % 10)
            buffer[4] = UInt8(ascii: "-")
            buffer[5] = UInt8(0x30 + month / 10)
            buffer[6] = UInt8(0x30 + month % 10)
            buffer[7] = UInt8(ascii: "-")
            buffer[8] = UInt8(0x30 + day / 10)
            buffer[9] = UInt8(0x30 + day % 10)
            return 10
        }
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

}
