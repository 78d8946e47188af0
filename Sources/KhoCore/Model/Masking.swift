/// Hides personal values in reports without hiding what was wrong with them.
///
/// Text (`mask`) keeps its first and last character: `Nguyễn Văn An` → `N***********n`.
///
/// A date (`maskDate`) keeps its separators and shows only the part a reader needs to see the fault,
/// never a whole date. Layouts are the ones `DateNormalizer` reads: day, month and a four-digit year,
/// year first or last, joined by one of `/`, `-`, `.`.
/// - A date that exists shows its year only: `**/**/1985`, `1899-**-**`. The year is what the
///   plausibility checks judge (before 1900, in the future, an age), and alone it narrows a person
///   down far less than the whole date does.
/// - A date that does not exist shows its day and month and hides its year: `31/02/****`,
///   `03/25/****` (a month-first date), `****-13-01`. A 29 February of a common year is impossible
///   only because of its year, so `29/02/****` leaves the reader to look it up.
/// - Anything else shows only its shape — ASCII digits `#`, spaces and ASCII punctuation kept, any
///   other character `*` — so a two-digit year or a time reads as such without its digits:
///   `##/##/##`, `####-##-##*##:##`, `***** **`.
/// - Empty stays empty.
public enum Masking {
    /// How a personal field's values are masked: dates by `maskDate`, anything else by `mask`.
    public enum Style: Sendable {
        case text, date
    }

    public static func mask(_ value: String, as style: Style) -> String {
        style == .date ? maskDate(value) : mask(value)
    }

    public static func mask(_ value: String) -> String {
        let characters = Array(value)
        guard characters.count > 2 else { return String(repeating: "*", count: characters.count) }
        return String(characters[0]) + String(repeating: "*", count: characters.count - 2) + String(characters[characters.count - 1])
    }

    public static func maskDate(_ value: String) -> String {
        guard let written = WrittenDate(value) else { return shape(value) }
        let exists = CivilDate(year: written.year.number, month: written.month.number, day: written.day.number) != nil
        let year = exists ? String(written.year) : hidden(written.year)
        let month = exists ? hidden(written.month) : String(written.month)
        let day = exists ? hidden(written.day) : String(written.day)
        let parts = written.yearFirst ? [year, month, day] : [day, month, year]
        return parts.joined(separator: String(written.separator))
    }

    /// Digits `#`, spaces and ASCII punctuation as they are, anything else `*`.
    static func shape(_ value: String) -> String {
        String(value.map { character -> Character in
            if character.isASCII && character.isNumber { return "#" }
            if character == " " || (character.isASCII && character.isPunctuation) || (character.isASCII && character.isSymbol) {
                return character
            }
            return "*"
        })
    }

    private static func hidden(_ digits: Substring) -> String { String(repeating: "*", count: digits.count) }

    /// `d/M/yyyy` or `yyyy-M-d` as written (one or two digits for day and month, one separator).
    private struct WrittenDate {
        let day: Substring
        let month: Substring
        let year: Substring
        let separator: Character
        let yearFirst: Bool

        init?(_ value: String) {
            guard let separator = value.first(where: { $0 == "/" || $0 == "-" || $0 == "." }) else { return nil }
            let parts = value.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
            self.separator = separator
            if parts[0].count == 4 && parts[1].count <= 2 && parts[2].count <= 2 {
                (year, month, day, yearFirst) = (parts[0], parts[1], parts[2], true)
            } else if parts[2].count == 4 && parts[0].count <= 2 && parts[1].count <= 2 {
                (day, month, year, yearFirst) = (parts[0], parts[1], parts[2], false)
            } else {
                return nil
            }
        }
    }
}

private extension Substring {
    /// The value of a run of ASCII digits (at most four here).
    var number: Int { reduce(0) { $0 * 10 + Int($1.asciiValue ?? 0x30) - 0x30 } }
}
