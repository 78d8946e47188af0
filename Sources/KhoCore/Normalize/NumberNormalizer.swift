/// Numbers written the Vietnamese way (`1.234,5`), the English way (`1,234.5`) or plainly, to a
/// canonical form with `.` as decimal point and no grouping.
///
/// With both separators present the last one is the decimal mark. With one kind only: repeated, it
/// groups thousands; once, it is a decimal mark — except in an integer field, where a single
/// separator followed by exactly three digits can only be grouping.
public enum NumberNormalizer {
    public static let id = "number"

    public static func normalize(_ text: String, integer: Bool) -> String? {
        var text = text
        return text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, bytes.count)) { out in
                canonical(bytes, integer: integer, into: out).map { String(decoding: out[..<$0], as: UTF8.self) }
            }
        }
    }

    /// `normalize` on the bytes of a value, into `out` (at least as long as `bytes`): the length of
    /// the canonical form, or nil. Every step works in `out` itself, so a value costs no allocation
    /// (a grouped number went through five arrays and a split).
    static func canonical(_ bytes: UnsafeBufferPointer<UInt8>, integer: Bool, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let dot = UInt8(ascii: "."), comma = UInt8(ascii: ","), minus = UInt8(ascii: "-")
        var end = 0
        for byte in bytes where byte != 0x20 {   // "1 234 567"
            out[end] = byte
            end += 1
        }
        guard end > 0 else { return nil }
        let negative = out[0] == minus
        let start = negative || out[0] == UInt8(ascii: "+") ? 1 : 0
        guard start < end, DateNormalizer.isDigit(out[start]), DateNormalizer.isDigit(out[end - 1]) else { return nil }
        var dots = 0, commas = 0, lastDot = -1, lastComma = -1
        for index in start..<end {
            let byte = out[index]
            if byte == dot {
                dots += 1
                lastDot = index
            } else if byte == comma {
                commas += 1
                lastComma = index
            } else if !DateNormalizer.isDigit(byte) {
                return nil
            }
        }
        let digits = UnsafeBufferPointer(rebasing: out[start..<end])
        var decimal: UInt8? = nil
        var grouping: UInt8? = nil
        switch (dots, commas) {
        case (0, 0): break
        case (_, 0): if dots == 1 && !(integer && groupsOfThree(digits, dot)) { decimal = dot } else { grouping = dot }
        case (0, _): if commas == 1 && !(integer && groupsOfThree(digits, comma)) { decimal = comma } else { grouping = comma }
        default:
            (decimal, grouping) = lastDot > lastComma ? (dot, comma) : (comma, dot)
            if (decimal == dot ? dots : commas) != 1 { return nil }
        }
        if let grouping {
            let whole = decimal.flatMap { mark in digits.firstIndex(of: mark) } ?? digits.endIndex
            guard groupsOfThree(UnsafeBufferPointer(rebasing: digits[..<whole]), grouping) else { return nil }
        }
        if integer && decimal != nil { return nil }
        // Written over the value from the front: the write never passes the read.
        var written = 0
        if negative {
            out[0] = minus
            written = 1
        }
        for index in start..<end {
            let byte = out[index]
            if byte == grouping { continue }
            out[written] = byte == decimal ? dot : byte
            written += 1
        }
        // "007" is 7; "0.5" keeps its zero.
        let first = negative ? 1 : 0
        var zeros = 0
        while first + zeros + 1 < written && out[first + zeros] == 0x30 && DateNormalizer.isDigit(out[first + zeros + 1]) { zeros += 1 }
        if zeros > 0 {
            for index in (first + zeros)..<written { out[index - zeros] = out[index] }
            written -= zeros
        }
        if written == 2 && negative && out[1] == 0x30 {   // "-0"
            out[0] = 0x30
            written = 1
        }
        return written
    }

    /// True when every group after the first has exactly three digits ("1.234.567").
    private static func groupsOfThree(_ bytes: UnsafeBufferPointer<UInt8>, _ separator: UInt8) -> Bool {
        var groups = 0, length = 0
        for byte in bytes {
            if byte != separator {
                length += 1
                continue
            }
            if groups == 0 ? !(1...3).contains(length) : length != 3 { return false }
            groups += 1
            length = 0
        }
        return groups > 0 && length == 3
    }
}
