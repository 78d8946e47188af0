import Foundation

/// A number as a spreadsheet stores it (`<v>0.30000000000000004</v>`, `6.2085314159E+10`) and as
/// its user saw it: Excel shows at most 15 significant digits, so the value is rounded there,
/// written without exponent and without trailing zeros (`0.3`, `62085314159`).
public enum ExcelNumber {
    /// Excel's display precision: digits beyond are noise from binary floating point, or lost.
    public static let significantDigits = 15

    /// The number as the user saw it, or nil when the text is not a finite number.
    public static func displayed(_ text: String) -> String? {
        if let shown = shownAsWritten(text) { return shown }
        guard let value = parse(text) else { return nil }
        return plain(value)
    }

    /// The common case without formatting: plain decimal text of at most 15 significant digits
    /// (`23293`, `-0.25`, `45306.5`) is already what the cell shows, once trailing fractional
    /// zeros go. Nil for anything else (exponents, noise, signs, spaces).
    static func shownAsWritten(_ text: String) -> String? {
        var digits = 0, leadingZeros = true, point: Int? = nil, index = 0, sawDigit = false
        let utf8 = text.utf8
        guard let first = utf8.first, first != UInt8(ascii: "+") else { return nil }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "-") where index == 0: break
            case UInt8(ascii: "."):
                guard point == nil, sawDigit else { return nil }
                point = index
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                if byte != UInt8(ascii: "0") { leadingZeros = false }
                if !leadingZeros { digits += 1 }
            default: return nil
            }
            index += 1
        }
        guard digits <= significantDigits, index > (first == UInt8(ascii: "-") ? 1 : 0), utf8.last != UInt8(ascii: ".") else { return nil }
        // `007` or `-0` are not how a number is written back; leave them to the general path.
        let body = first == UInt8(ascii: "-") ? text.dropFirst() : Substring(text)
        if body.count > 1 && body.hasPrefix("0") && !body.hasPrefix("0.") { return nil }
        guard point != nil else { return text == "-0" ? "0" : text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return trimmed == "-0" || trimmed.isEmpty ? "0" : String(trimmed)
    }

    /// The number in plain decimal notation, rounded to 15 significant digits.
    public static func plain(_ value: Double) -> String {
        if value == 0 { return "0" }
        let formatted = String(format: "%.\(significantDigits - 1)e", value)   // d.dddddddddddddde±XX
        guard let e = formatted.firstIndex(of: "e"), let exponent = Int(formatted[formatted.index(after: e)...]) else { return formatted }
        var mantissa = formatted[..<e]
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa = mantissa.dropFirst() }
        var digits = Array(mantissa.filter { $0 != "." })
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        // The decimal point goes after digit number exponent + 1.
        let point = exponent + 1
        var result: String
        if point <= 0 {
            result = "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            result = String(digits) + String(repeating: "0", count: point - digits.count)
        } else {
            result = String(digits[..<point]) + "." + String(digits[point...])
        }
        if negative { result = "-" + result }
        return result
    }

    /// Whether an integer this large lost digits: Excel keeps 15 significant digits of what is
    /// typed, so a 16-digit identifier typed as a number ends in zeros that were never typed.
    public static func lostPrecision(_ text: String) -> Bool {
        guard let value = parse(text) else { return false }
        return abs(value) >= 1e15
    }

    /// Strict decimal syntax (`-1.5E+10`), finite; no `nan`, `inf` or hexadecimal that `Double(_:)` takes.
    static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ (0x30...0x39).contains($0) || [0x2B, 0x2D, 0x2E, 0x45, 0x65].contains($0) }),
              let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }

    // MARK: - Dates

    /// Which calendar a workbook's serial numbers count from.
    public enum DateSystem: Sendable {
        /// Serial 1 is 1900-01-01, and serial 60 is 1900-02-29, a day that never was (Lotus 1-2-3's
        /// leap-year bug, kept by Excel): it is written as such, so the date check rejects it.
        case from1900
        /// Serial 0 is 1904-01-01 (old Mac workbooks).
        case from1904
    }

    /// A date serial as `YYYY-MM-DD`, with the time of day (`THH:MM:SS`) for a date-time format and
    /// `HH:MM:SS` alone for a time format. Nil when out of the calendar's range.
    public static func date(serial text: String, system: DateSystem, kind: NumberFormat.DateKind) -> String? {
        guard let value = parse(text), value >= 0, value < 2_958_466 else { return nil }
        // Excel rounds to the millisecond, then shows whole seconds.
        var days = Int(value.rounded(.down))
        var milliseconds = Int(((value - Double(days)) * 86_400_000).rounded())
        if milliseconds >= 86_400_000 { days += 1; milliseconds -= 86_400_000 }
        let seconds = milliseconds / 1000
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        var time: String { two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60) }
        if kind == .time { return time }
        let day: String
        switch system {
        case .from1900:
            if days == 60 { day = "1900-02-29" }
            else if days == 0 { day = "1900-01-00" }
            else {
                // 1899-12-31 is serial 0; after the phantom day, serials are one ahead.
                let epoch = CivilDate(year: 1899, month: 12, day: 31)!.daysSinceEpoch
                guard let date = CivilDate(daysSinceEpoch: epoch + days - (days > 60 ? 1 : 0)) else { return nil }
                day = date.description
            }
        case .from1904:
            let epoch = CivilDate(year: 1904, month: 1, day: 1)!.daysSinceEpoch
            guard let date = CivilDate(daysSinceEpoch: epoch + days) else { return nil }
            day = date.description
        }
        // A date format hides the time of day: the user saw the day alone.
        return kind == .dateTime ? day + "T" + time : day
    }
}
