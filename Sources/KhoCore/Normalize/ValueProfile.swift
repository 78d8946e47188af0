/// What the normalization rules would make of a column's sample values: the types every value
/// reads as, the narrowest of them worth proposing, the date layouts written, and the shared code
/// lists most values belong to. For drafting a dataset (`kdl-extract --suggest`) with the rules
/// themselves, so a draft never proposes a type the run would then reject.
public struct ValueProfile: Sendable, Equatable {
    public struct LayoutCount: Sendable, Equatable {
        public var layout: String
        public var count: Int
    }

    public struct Candidate: Sendable, Equatable {
        public var codeList: String
        /// Sampled values that are a code, or a name of exactly one code, of the list.
        public var matched: Int
    }

    /// Non-empty values looked at.
    public private(set) var count = 0
    /// The type to propose: the first of integer, number, date, datetime, boolean every value reads
    /// as, else string. Digits with a leading zero are not proposed as numbers (an identifier or
    /// a code would lose the zero), nor bare digits as dates (Excel serials look like any number).
    public private(set) var type: FieldType = .string
    /// Every value is digits, some with a leading zero: kept as text on purpose.
    public private(set) var leadingZeros = false
    /// The layouts of the values written like dates, most used first.
    public private(set) var dateLayouts: [LayoutCount] = []
    /// Code lists at least four in five values belong to, best first.
    public private(set) var codeLists: [Candidate] = []
    private var accepted: Set<FieldType> = [.string]

    /// Values beyond this many are not looked at.
    public static let maxValues = 1000

    public init(values: [String], codeLists lists: [String: CodeList]) {
        let values = Array(values.prefix(ValueProfile.maxValues))
        count = values.count
        guard !values.isEmpty else { return }
        func all(_ test: (String) -> Bool) -> Bool { values.allSatisfy(test) }
        let digitsOnly = all { $0.utf8.allSatisfy(DateNormalizer.isDigit) }
        leadingZeros = digitsOnly && values.contains { $0.count > 1 && $0.hasPrefix("0") }
        if all({ NumberNormalizer.normalize($0, integer: true) != nil }) { accepted.insert(.integer) }
        if all({ NumberNormalizer.normalize($0, integer: false) != nil }) { accepted.insert(.number) }
        if all({ DateNormalizer.parse($0) != nil }) { accepted.insert(.date) }
        if all({ DateTimeNormalizer.normalize($0) != nil }) { accepted.insert(.datetime) }
        if all({ BooleanRule.canonical($0) != nil }) { accepted.insert(.boolean) }
        if all({ $0.utf8.count == 4 && $0.utf8.allSatisfy(DateNormalizer.isDigit) }) { accepted.insert(.year) }

        let zeroLed = values.contains(where: ValueProfile.hasLeadingZero)
        if accepted.contains(.integer) && !zeroLed { type = .integer }
        else if accepted.contains(.number) && !zeroLed { type = .number }
        else if accepted.contains(.date) && !digitsOnly { type = .date }
        else if accepted.contains(.datetime) { type = .datetime }
        else if accepted.contains(.boolean) && !digitsOnly { type = .boolean }

        var layouts: [String: Int] = [:]
        for value in values { if let layout = DateLayoutSniffer.of(value) { layouts[layout, default: 0] += 1 } }
        dateLayouts = layouts.map { LayoutCount(layout: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.layout) > ($1.count, $0.layout) }
        codeLists = ValueProfile.candidates(values, lists, digitsOnly: digitsOnly)
    }

    /// Whether the run's rules read every value as `type` (its type check then passes).
    public func reads(as type: FieldType) -> Bool { count == 0 || accepted.contains(type) }

    /// The code list clearly ahead of any other, if one is.
    public var codeList: String? {
        guard let first = codeLists.first else { return nil }
        return codeLists.count == 1 || codeLists[1].matched < first.matched ? first.codeList : nil
    }

    /// "007", "-01": a zero a number would drop.
    private static func hasLeadingZero(_ value: String) -> Bool {
        let digits = value.utf8.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        guard let first = digits.first, first == UInt8(ascii: "0"), let second = digits.dropFirst().first else { return false }
        return DateNormalizer.isDigit(second)
    }

    /// Lists that at least four in five values (and two different ones) belong to, by the code
    /// rule: a code, a code that lost its leading zeros, or the name of exactly one code. Fewer
    /// than three values tell nothing, and distinct numbers are a counter or an identifier.
    private static func candidates(_ values: [String], _ lists: [String: CodeList], digitsOnly: Bool) -> [Candidate] {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        guard values.count >= 3, !(digitsOnly && counts.count == values.count) else { return [] }
        let distinct = counts.keys.sorted().map { (value: $0, key: NameKey.key($0), count: counts[$0] ?? 0) }
        var result: [Candidate] = []
        for id in lists.keys.sorted() {
            guard let list = lists[id] else { continue }
            var matched = 0, kinds = 0
            for item in distinct {
                switch CodeNormalizer.resolve(item.value, in: list, on: nil, nameKey: { _ in item.key }) {
                case .code, .padded, .fromName:
                    matched += item.count
                    kinds += 1
                default: break
                }
            }
            if kinds >= 2 && matched * 5 >= values.count * 4 { result.append(Candidate(codeList: id, matched: matched)) }
        }
        return result.sorted { ($0.matched, $1.codeList) > ($1.matched, $0.codeList) }
    }
}
