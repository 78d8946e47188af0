/// A layout a source writes its dates in, declared with a field's `format` the way Frictionless
/// does: `%d` day and `%m` month (one or two digits, as `strptime` reads them), `%Y` a four-digit
/// year, `%H`, `%M`, `%S` a time of day, `%%` a percent sign; every other character stands for
/// itself. `default` is ISO 8601 (`%Y-%m-%d`, or `%Y-%m-%dT%H:%M:%S` for a date-time).
///
/// Two-digit years (`%y`) and month names are refused: reading them means guessing the century
/// or the language.
public struct DateLayout: Sendable, Equatable, CustomStringConvertible {
    enum Token: Equatable, Sendable {
        case day, month, year, hour, minute, second
        case literal(UInt8)
    }

    /// As the configuration wrote it.
    public let description: String
    let tokens: [Token]
    /// Per token: a number next to another number, which must be written with two digits.
    private let fixedWidth: [Bool]

    public static let isoDate = DateLayout(uncheckedTokens: [.year, .literal(0x2D), .month, .literal(0x2D), .day], description: "%Y-%m-%d")
    public static let isoDateTime = DateLayout(
        uncheckedTokens: [.year, .literal(0x2D), .month, .literal(0x2D), .day, .literal(0x54), .hour, .literal(0x3A), .minute, .literal(0x3A), .second],
        description: "%Y-%m-%dT%H:%M:%S")

    private init(uncheckedTokens: [Token], description: String) {
        tokens = uncheckedTokens
        self.description = description
        fixedWidth = DateLayout.fixedWidth(uncheckedTokens)
    }

    private static func fixedWidth(_ tokens: [Token]) -> [Bool] {
        func isNumber(_ index: Int) -> Bool {
            guard tokens.indices.contains(index) else { return false }
            if case .literal = tokens[index] { return false }
            return true
        }
        return tokens.indices.map { isNumber($0) && (isNumber($0 - 1) || isNumber($0 + 1)) }
    }

    /// Why a declared layout cannot be used, in both languages.
    public struct Problem: Error, Equatable {
        public let message: Message
    }

    /// Parses a declared layout: a date layout needs `%d`, `%m` and `%Y` once each; a time part is optional.
    public init(_ text: String) throws(Problem) {
        var tokens: [Token] = []
        var bytes = Array(text.utf8).makeIterator()
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "%") else { tokens.append(.literal(byte)); continue }
            switch bytes.next() {
            case UInt8(ascii: "d"): tokens.append(.day)
            case UInt8(ascii: "m"): tokens.append(.month)
            case UInt8(ascii: "Y"): tokens.append(.year)
            case UInt8(ascii: "H"): tokens.append(.hour)
            case UInt8(ascii: "M"): tokens.append(.minute)
            case UInt8(ascii: "S"): tokens.append(.second)
            case UInt8(ascii: "%"): tokens.append(.literal(UInt8(ascii: "%")))
            case let other:
                let directive = other.map { "%" + String(UnicodeScalar($0)) } ?? "%"
                throw Problem(message: Message(
                    vi: "\"\(text)\": không hỗ trợ \(directive) (dùng %d, %m, %Y, %H, %M, %S; năm phải đủ 4 chữ số)",
                    en: "\"\(text)\": \(directive) is not supported (use %d, %m, %Y, %H, %M, %S; years need four digits)"))
            }
        }
        for part in [Token.day, .month, .year] where tokens.filter({ $0 == part }).count != 1 {
            throw Problem(message: Message(vi: "\"\(text)\": cần %d, %m và %Y, mỗi thứ đúng một lần",
                                           en: "\"\(text)\": needs %d, %m and %Y exactly once each"))
        }
        for part in [Token.hour, .minute, .second] where tokens.filter({ $0 == part }).count > 1 {
            throw Problem(message: Message(vi: "\"\(text)\": một phần của giờ xuất hiện hai lần", en: "\"\(text)\": a part of the time appears twice"))
        }
        self.tokens = tokens
        description = text
        fixedWidth = DateLayout.fixedWidth(tokens)
    }

    /// A date (and a time of day) read in this layout, or nil when the value is not written in it
    /// or names no real day (31/02).
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (date: CivilDate, seconds: Int)? {
        var position = 0
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        func digits(_ minimum: Int, _ maximum: Int) -> Int? {
            var value = 0
            var count = 0
            while count < maximum, position < bytes.count, bytes[position] &- 0x30 < 10 {
                value = value * 10 + Int(bytes[position] - 0x30)
                position += 1
                count += 1
            }
            return count >= minimum ? value : nil
        }
        for (index, token) in tokens.enumerated() {
            // One digit is enough only between separators: in `%Y%m%d` a lone digit would be a guess.
            let least = fixedWidth[index] ? 2 : 1
            switch token {
            case .literal(let byte):
                guard position < bytes.count, bytes[position] == byte else { return nil }
                position += 1
            case .day: guard let value = digits(least, 2) else { return nil }; day = value
            case .month: guard let value = digits(least, 2) else { return nil }; month = value
            case .year: guard let value = digits(4, 4) else { return nil }; year = value
            case .hour: guard let value = digits(least, 2), value < 24 else { return nil }; hour = value
            case .minute: guard let value = digits(least, 2), value < 60 else { return nil }; minute = value
            case .second: guard let value = digits(least, 2), value < 60 else { return nil }; second = value
            }
        }
        guard position == bytes.count, let date = CivilDate(year: year, month: month, day: day) else { return nil }
        return (date, hour * 3600 + minute * 60 + second)
    }

    /// Whether the layout writes a time of day.
    public var hasTime: Bool { tokens.contains { $0 == .hour || $0 == .minute || $0 == .second } }
}
