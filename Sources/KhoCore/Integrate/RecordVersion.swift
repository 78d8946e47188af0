/// One version of a record, as much of it as choosing between versions needs: no values, so a
/// table of millions of keys stays small. Where it was read needs no saying: versions come in
/// reading order (units by id, then file order), and the kept one is the first read of its values.
struct RecordVersion: Equatable {
    /// The unit's place in the order units are read.
    var unit: Int
    /// The rule's date as seconds since 1970 (a date at midnight), nil when the row has none.
    var date: Int64?
    /// `RecordFingerprint` of the row's values: equal for identical versions.
    var fingerprint: UInt64
}

extension ConflictRule {
    /// Whether `challenger`, read after `holder`, takes its place as the version kept. A tie keeps
    /// the holder: it was read first, so it is of the unit first by id, or earlier in its file.
    func prefers(_ challenger: RecordVersion, over holder: RecordVersion) -> Bool {
        switch self {
        case .firstUnit:
            false
        case .newest:
            (challenger.date ?? .min) > (holder.date ?? .min)
        }
    }

    /// The index of the rule's date field in the dataset, if the rule has one.
    func dateField(in dataset: DatasetSchema) -> Int? {
        guard case .newest(let name) = self else { return nil }
        return dataset.fieldIndex(name)
    }

    /// A canonical date (`2024-11-26`) or date-time (`2024-11-26T07:30:00`, with `Z` or an offset
    /// such as `+07:00`) as seconds since 1970, comparable across both; nil for anything else.
    static func instant(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let date = CivilDate(isoBytes: bytes) else { return nil }
        var seconds = Int64(date.daysSinceEpoch) * 86_400
        guard bytes.count > 10 else { return bytes.count == 10 ? seconds : nil }
        guard bytes.count >= 19, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hours = twoDigits(bytes, 11), let minutes = twoDigits(bytes, 14), let rest = twoDigits(bytes, 17) else { return nil }
        seconds += Int64(hours * 3600 + minutes * 60 + rest)
        let zone = bytes.count - 19
        if zone == 1 && bytes[19] == UInt8(ascii: "Z") { return seconds }
        guard zone == 6, bytes[22] == UInt8(ascii: ":"), let zoneHours = twoDigits(bytes, 20), let zoneMinutes = twoDigits(bytes, 23) else {
            return zone == 0 ? seconds : nil
        }
        let offset = Int64(zoneHours * 3600 + zoneMinutes * 60)
        switch bytes[19] {
        case UInt8(ascii: "+"): return seconds - offset
        case UInt8(ascii: "-"): return seconds + offset
        default: return nil
        }
    }

    private static func twoDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int? {
        let high = bytes[at], low = bytes[at + 1]
        guard (0x30...0x39).contains(high), (0x30...0x39).contains(low) else { return nil }
        return Int(high - 0x30) * 10 + Int(low - 0x30)
    }
}
