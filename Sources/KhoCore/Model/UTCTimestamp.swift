import Foundation

/// A moment in ISO 8601, UTC, to the second ("2026-11-29T01:00:00Z"), as `ISO8601DateFormatter`
/// writes it by default (to the nearest millisecond, then the second cut off): through the C
/// library, because setting up a formatter costs a millisecond or more, and a run writes a stamp
/// when it takes its lock, for each event it logs and for each bundle it delivers.
enum UTCTimestamp {
    static func string(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        var seconds = time_t((milliseconds / 1000).rounded(.down)), parts = tm()
        guard gmtime_r(&seconds, &parts) != nil,
              let day = CivilDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday)) else {
            return ISO8601DateFormatter().string(from: date)
        }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day)T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
