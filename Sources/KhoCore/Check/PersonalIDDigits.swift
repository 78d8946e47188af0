/// What a 12-digit personal ID says by its digits alone (DOMAIN.md): digits 1–3 the province where
/// the birth was registered, digit 4 the century and sex, digits 5–6 the birth year. Read from the
/// bytes, so every check that meets a personal ID — in its own field or used as a tax code — reads
/// it the same way.
struct PersonalIDDigits {
    /// The first three digits are a province's prefix (always true when no prefixes are configured).
    let provinceKnown: Bool
    /// 0 and 1 for the 1900s (male, female), 2 and 3 for the 2000s, and so on.
    let centuryDigit: Int
    let yearDigits: Int

    /// Nil unless the value is exactly twelve ASCII digits.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, provinces: ByteTable<Bool>) {
        guard bytes.count == 12, bytes.allSatisfy(DateNormalizer.isDigit) else { return nil }
        provinceKnown = provinces.count == 0 || provinces.value(for: UnsafeBufferPointer(rebasing: bytes[0..<3])) != nil
        centuryDigit = Int(bytes[3] - 0x30)
        yearDigits = Int(bytes[4] - 0x30) * 10 + Int(bytes[5] - 0x30)
    }

    var birthYear: Int { 1900 + centuryDigit / 2 * 100 + yearDigits }

    /// Why these digits cannot be the ID of someone alive on `date`, or nil when they can: a
    /// prefix that is no province, or a birth year after the date. Words without the digits, so
    /// the reason can be shown beside a masked value.
    func problem(on date: CivilDate) -> String? {
        if !provinceKnown { return "digits 1-3 are no province's prefix" }
        if birthYear > date.year { return "digits 4-6 give a birth year after the record's date" }
        return nil
    }
}
