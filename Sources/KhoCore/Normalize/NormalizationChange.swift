/// What a normalization rule changed in a value: counted per kind in `normalize.json` and listed
/// per row in the `_flags` of `normalized.csv` (`ngay_sinh:date`).
public enum NormalizationChange: String, CaseIterable, Sendable {
    case textSpace = "text-space"
    case textNFC = "text-nfc"
    case date
    case number
    case codePadded = "code-padded"
    case codeCrosswalk = "code-crosswalk"
    case codeFromName = "code-from-name"
    case codeSuccessor = "code-successor"
    case nameFromCode = "name-from-code"
    case identifier
    case personalIDLeadingZero = "personal-id-leading-zero"
    case phone
    case phoneLegacyPrefix = "phone-legacy-prefix"
    case email
    case boolean

    /// The cases by `ordinal`, made once (`allCases` builds a new array each time it is read).
    public static let byOrdinal = allCases
    public static let count = byOrdinal.count

    /// Position in `allCases`, for counting in an array. A switch, because this is counted for
    /// millions of values and a dictionary lookup showed in profiles.
    public var ordinal: Int {
        switch self {
        case .textSpace: 0
        case .textNFC: 1
        case .date: 2
        case .number: 3
        case .codePadded: 4
        case .codeCrosswalk: 5
        case .codeFromName: 6
        case .codeSuccessor: 7
        case .nameFromCode: 8
        case .identifier: 9
        case .personalIDLeadingZero: 10
        case .phone: 11
        case .phoneLegacyPrefix: 12
        case .email: 13
        case .boolean: 14
        }
    }
}

/// What the rules changed in one row, packed to travel between threads without an allocation:
/// a change is 10 bits (a field index below 64 and a kind), six to a word, twelve in the two words
/// here. A row with more changes, or a change to a later field, keeps them all in an array instead.
public struct ChangeList: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    public private(set) var count = 0
    /// Every change as `field << 8 | kind`, once the words cannot hold them.
    private var spilled: [UInt32]?

    public init() {}

    public init(_ changes: [(field: Int, change: NormalizationChange)]) {
        for change in changes { append(field: change.field, change: change.change) }
    }

    public var isEmpty: Bool { count == 0 }

    public mutating func append(field: Int, change: NormalizationChange) {
        defer { count += 1 }
        if spilled == nil, count < 12, field < 64, change.ordinal < 16 {
            let packed = UInt64(field) << 4 | UInt64(change.ordinal)
            if count < 6 { low |= packed << UInt64(10 * count) } else { high |= packed << UInt64(10 * (count - 6)) }
            return
        }
        if spilled == nil {
            var all: [UInt32] = []
            all.reserveCapacity(count + 1)
            forEach { field, change in all.append(UInt32(field) << 8 | UInt32(change.ordinal)) }
            spilled = all
        }
        spilled?.append(UInt32(field) << 8 | UInt32(change.ordinal))
    }

    public func contains(field: Int, change: NormalizationChange) -> Bool {
        var found = false
        forEach { if $0 == field && $1 == change { found = true } }
        return found
    }

    /// Calls `body` with each change, in order.
    @inline(__always)
    public func forEach(_ body: (_ field: Int, _ change: NormalizationChange) throws -> Void) rethrows {
        if let spilled {
            for packed in spilled { try body(Int(packed >> 8), NormalizationChange.byOrdinal[Int(packed & 0xFF)]) }
            return
        }
        for index in 0..<count {
            let packed = index < 6 ? low >> UInt64(10 * index) & 0x3FF : high >> UInt64(10 * (index - 6)) & 0x3FF
            try body(Int(packed >> 4), NormalizationChange.byOrdinal[Int(packed & 0xF)])
        }
    }
}
