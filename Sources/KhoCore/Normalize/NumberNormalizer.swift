/// Numbers written the Vietnamese way (`1.234,5`), the English way (`1,234.5`) or plainly, to a
/// canonical form with `.` as decimal point and no grouping.
///
/// With both separators present the last one is the decimal mark. With one kind only: repeated, it
/// groups thousands; once, it is a decimal mark — except in an integer field, where a single
/// separator followed by exactly three digits can only be grouping.
public enum NumberNormalizer {
    public static let id = "number"

    public static func normalize(_ text: String, integer: Bool) -> String? {
        var bytes = Array(text.utf8).filter { $0 != 0x20 }   // "1 234 567"
        guard !bytes.isEmpty else { return nil }
        var sign: [UInt8] = []
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            if bytes[0] == UInt8(ascii: "-") { sign = [UInt8(ascii: "-")] }
            bytes.removeFirst()
        }
        let dot = UInt8(ascii: "."), comma = UInt8(ascii: ",")
        guard let first = bytes.first, let last = bytes.last, bytes.allSatisfy({ DateNormalizer.isDigit($0) || $0 == dot || $0 == comma }),
              DateNormalizer.isDigit(first), DateNormalizer.isDigit(last) else { return nil }
        let dots = bytes.filter { $0 == dot }.count
        let commas = bytes.filter { $0 == comma }.count
        var decimal: UInt8? = nil
        var grouping: UInt8? = nil
        switch (dots, commas) {
        case (0, 0): break
        case (_, 0): if dots == 1 && !(integer && groupsOfThree(bytes, dot)) { decimal = dot } else { grouping = dot }
        case (0, _): if commas == 1 && !(integer && groupsOfThree(bytes, comma)) { decimal = comma } else { grouping = comma }
        default:
            let lastDot = bytes.lastIndex(of: dot) ?? 0, lastComma = bytes.lastIndex(of: comma) ?? 0
            (decimal, grouping) = lastDot > lastComma ? (dot, comma) : (comma, dot)
            if (decimal == dot ? dots : commas) != 1 { return nil }
        }
        if let grouping, !groupsOfThree(bytes.split(separator: decimal ?? 0xFF, maxSplits: 1).first.map(Array.init) ?? [], grouping) {
            return nil
        }
        var out = sign
        for byte in bytes {
            if byte == grouping { continue }
            out.append(byte == decimal ? dot : byte)
        }
        if integer && decimal != nil { return nil }
        // "007" is 7; "0.5" keeps its zero.
        while out.count > sign.count + 1 && out[sign.count] == 0x30 && DateNormalizer.isDigit(out[sign.count + 1]) {
            out.remove(at: sign.count)
        }
        if out == [UInt8(ascii: "-"), 0x30] { out = [0x30] }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when every group after the first has exactly three digits ("1.234.567").
    private static func groupsOfThree(_ bytes: [UInt8], _ separator: UInt8) -> Bool {
        let groups = bytes.split(separator: separator, omittingEmptySubsequences: false)
        guard groups.count > 1, (1...3).contains(groups[0].count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}
