import Testing
@testable import KhoCore

@Suite struct NumberNormalizerTests {
    @Test(arguments: [
        ("1.234,5", "1234.5"), ("1,234.5", "1234.5"), ("1234,5", "1234.5"), ("1234.5", "1234.5"),
        ("1 234 567", "1234567"), ("1.234.567", "1234567"), ("1,234,567", "1234567"),
        ("1.234.567,89", "1234567.89"), ("1,234,567.89", "1234567.89"), ("1 234,50", "1234.50"),
        ("1.234", "1.234"), ("1,234", "1.234"),   // one separator in a number field is the decimal mark
        ("0,5", "0.5"), ("-0,5", "-0.5"), ("+7,2", "7.2"), ("-1.234,5", "-1234.5"),
        ("-0", "0"), ("007", "7"), ("00,5", "0.5"), ("-007", "-7"), ("0", "0"), ("000", "0"),
    ])
    func numberField(text: String, canonical: String) {
        #expect(NumberNormalizer.normalize(text, integer: false) == canonical)
    }

    @Test(arguments: [
        ("1234", "1234"), ("1.234", "1234"), ("1,234", "1234"), ("1.234.567", "1234567"), ("1 234 567", "1234567"),
        ("12.345", "12345"), ("-1.234", "-1234"), ("-0", "0"), ("007", "7"), ("+5", "5"),
    ])
    func integerField(text: String, canonical: String) {
        #expect(NumberNormalizer.normalize(text, integer: true) == canonical)
    }

    @Test(arguments: ["1,5", "1.5", "1234,5", "1.234,5", "1.2345"])
    func fractionIsNotAnInteger(text: String) {
        #expect(NumberNormalizer.normalize(text, integer: true) == nil)
    }

    @Test(arguments: ["", " ", "-", "+", "--5", "abc", "12a", "1e3", "1.", ".5", ",5", "5-", "1,2,3", "1.23.456", "1..234",
                      "1,234.567,8", "1.234,567.8", "1234.567.890", "một", "1/2", "١٢٣"])
    func garbageIsRefused(text: String) {
        #expect(NumberNormalizer.normalize(text, integer: false) == nil)
        #expect(NumberNormalizer.normalize(text, integer: true) == nil)
    }

    /// The byte path against the string-and-array implementation it replaced (kept here as the
    /// reference), on 200 000 values made of digits, separators, signs and spaces.
    @Test func theBytePathReadsEveryValueAsTheArrayPathDid() {
        var random = SplitMix(state: 1234)
        let alphabet = Array("0000123456789...,,,+- a".utf8)
        for _ in 0..<200_000 {
            let text = String(decoding: (0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! }, as: UTF8.self)
            for integer in [false, true] {
                #expect(NumberNormalizer.normalize(text, integer: integer) == Self.reference(text, integer: integer), "\(text) \(integer)")
            }
        }
    }

    private static func reference(_ text: String, integer: Bool) -> String? {
        var bytes = Array(text.utf8).filter { $0 != 0x20 }
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
        func groupsOfThree(_ bytes: [UInt8], _ separator: UInt8) -> Bool {
            let groups = bytes.split(separator: separator, omittingEmptySubsequences: false)
            guard groups.count > 1, (1...3).contains(groups[0].count) else { return false }
            return groups.dropFirst().allSatisfy { $0.count == 3 }
        }
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
        while out.count > sign.count + 1 && out[sign.count] == 0x30 && DateNormalizer.isDigit(out[sign.count + 1]) {
            out.remove(at: sign.count)
        }
        if out == [UInt8(ascii: "-"), 0x30] { out = [0x30] }
        return String(decoding: out, as: UTF8.self)
    }
}
