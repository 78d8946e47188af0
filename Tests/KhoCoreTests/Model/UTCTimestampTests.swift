import Foundation
import Testing
@testable import KhoCore

struct UTCTimestampTests {
    /// The stamp is `ISO8601DateFormatter`'s: rounded to the millisecond, then the second cut off.
    @Test(arguments: [0, 1, 59.999, 59.999_4, 59.999_6, 951_782_400, 1_796_280_071.5, 1_796_280_071.999_9, 4_102_444_799, 253_402_300_799])
    func theStampIsTheFormattersOne(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(UTCTimestamp.string(date) == ISO8601DateFormatter().string(from: date))
    }
}
