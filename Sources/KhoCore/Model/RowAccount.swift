/// Where every row went. The identities below hold at every step and are written into every report.
///
///     read      = extracted + unreadable
///     extracted = validated + rejected
public struct RowAccount: Codable, Sendable, Equatable {
    public var read = 0
    public var unreadable = 0
    public var extracted = 0
    public var validated = 0
    public var rejected = 0

    public init() {}

    public init(read: Int, unreadable: Int, extracted: Int, validated: Int, rejected: Int) {
        self.read = read
        self.unreadable = unreadable
        self.extracted = extracted
        self.validated = validated
        self.rejected = rejected
    }

    public var extractionBalances: Bool { read == extracted + unreadable }
    public var validationBalances: Bool { extracted == validated + rejected }
    public var balances: Bool { extractionBalances && validationBalances }

    public static func + (lhs: RowAccount, rhs: RowAccount) -> RowAccount {
        RowAccount(read: lhs.read + rhs.read, unreadable: lhs.unreadable + rhs.unreadable,
                   extracted: lhs.extracted + rhs.extracted, validated: lhs.validated + rhs.validated,
                   rejected: lhs.rejected + rhs.rejected)
    }
}
