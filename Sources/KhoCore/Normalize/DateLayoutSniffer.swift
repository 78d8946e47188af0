/// How a date is written, in `strftime` terms (`%d/%m/%Y`, `%Y-%m-%d`, `%d/%m/%Y %H:%M:%S`), to
/// tell a person which layouts an export uses. Where day and month could be swapped the day is
/// read first, as `DateNormalizer` reads it; a layout that reading refuses (month first, a
/// two-digit year) is named all the same, so the person can be told why its values are not dates.
public enum DateLayoutSniffer {
    /// The layout of one value, or nil when it is not written like a date.
    public static func of(_ value: String) -> String? {
        let bytes = Array(value.utf8)
        let split = bytes.firstIndex { $0 == 0x20 || $0 == UInt8(ascii: "T") }
        let day = bytes[..<(split ?? bytes.count)]
        let separators = day.filter { !DateNormalizer.isDigit($0) }
        guard separators.count == 2, separators[0] == separators[1],
              [UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: ".")].contains(separators[0]) else { return nil }
        let mark = String(UnicodeScalar(separators[0]))
        let parts = day.split(separator: separators[0], omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ (1...4).contains($0.count) }) else { return nil }
        var layout: String
        if parts[0].count == 4 && parts[1].count <= 2 && parts[2].count <= 2 {
            layout = "%Y\(mark)%m\(mark)%d"
        } else if (parts[2].count == 4 || parts[2].count == 2) && parts[0].count <= 2 && parts[1].count <= 2 {
            let year = parts[2].count == 4 ? "%Y" : "%y"
            let monthFirst = DateNormalizer.number(parts[1]) > 12 && DateNormalizer.number(parts[0]) <= 12
            layout = monthFirst ? "%m\(mark)%d\(mark)\(year)" : "%d\(mark)%m\(mark)\(year)"
        } else {
            return nil
        }
        guard let split else { return layout }
        guard let time = clock(bytes[(split + 1)...]) else { return nil }
        layout += (bytes[split] == UInt8(ascii: "T") ? "T" : " ") + time
        return layout
    }

    /// Layouts `DateNormalizer` refuses: guessing which number is the day, or the century, would
    /// invent data.
    public static func isRefused(_ layout: String) -> Bool {
        layout.hasPrefix("%m") || layout.contains("%y")
    }

    /// `%H:%M`, `%H:%M:%S` or `%H:%M:%S.%f`, then `Z` or an offset (`%z`).
    private static func clock(_ bytes: ArraySlice<UInt8>) -> String? {
        var time = bytes
        var zone = ""
        if time.last == UInt8(ascii: "Z") {
            zone = "Z"
            time = time.dropLast()
        } else if let sign = time.lastIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) {
            zone = "%z"
            time = time[..<sign]
        }
        let parts = time.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts[0].count <= 2, parts[1].count == 2 else { return nil }
        var layout = "%H:%M"
        if parts.count == 3 { layout += parts[2].contains(UInt8(ascii: ".")) ? ":%S.%f" : ":%S" }
        return layout + zone
    }
}
