import Testing
@testable import KhoCore

@Suite struct DateNormalizerTests {
    @Test(arguments: [
        ("15/03/2024", "2024-03-15"), ("5/3/2024", "2024-03-05"), ("05/03/2024", "2024-03-05"),
        ("15-03-2024", "2024-03-15"), ("15.03.2024", "2024-03-15"),
        ("2024-03-15", "2024-03-15"), ("2024-3-5", "2024-03-05"), ("2024/03/15", "2024-03-15"),
        ("15/03/2024 00:00:00", "2024-03-15"), ("15/03/2024 00:00", "2024-03-15"), ("2024-03-15T00:00:00", "2024-03-15"),
        ("2024-03-15T00:00:00.000Z", "2024-03-15"),
        ("45292", "2024-01-01"), ("45351", "2024-02-29"), ("10000", "1927-05-18"),
        ("29/02/2024", "2024-02-29"), ("29/02/2000", "2000-02-29"), ("31/12/1899", "1899-12-31"),
    ])
    func acceptedForms(text: String, iso: String) {
        #expect(DateNormalizer.parse(text)?.description == iso)
    }

    @Test(arguments: [
        "31/02/2024", "29/02/2023", "29/02/1900", "31/04/2024", "00/01/2024", "15/13/2024",
        "15/03/24", "24-03-15", "03/25/2024", "2024-15-03",
        "15/03-2024", "15//2024", "15/03/2024/1", "15 03 2024", "20240315",
        "15/03/2024 08:30", "15/03/2024 00:00:01", "15/03/2024 ", "2024-03-15T",
        "9999", "09999", "452920", "ngày 15/03/2024", "", "15/03/２０２４",
    ])
    func refusedForms(text: String) {
        #expect(DateNormalizer.parse(text) == nil)
    }

    @Test func excelSerialCountsFrom1899_12_30() {
        #expect(DateNormalizer.excelSerial(25_569)?.description == "1970-01-01")
        #expect(DateNormalizer.excelSerial(45_292)?.description == "2024-01-01")
        #expect(DateNormalizer.excelSerial(9_999) == nil)
    }
}

@Suite struct DateTimeNormalizerTests {
    @Test(arguments: [
        ("15/08/2025 08:30", "2025-08-15T08:30:00"),
        ("15/08/2025 8:05", "2025-08-15T08:05:00"),
        ("2025-08-15T08:30:15", "2025-08-15T08:30:15"),
        ("2025-08-15 08:30:15", "2025-08-15T08:30:15"),
        ("2025-08-15T08:30:15.250", "2025-08-15T08:30:15"),
        ("2025-08-15T08:30:15Z", "2025-08-15T08:30:15Z"),
        ("2025-08-15T08:30Z", "2025-08-15T08:30:00Z"),
        ("2025-08-15T08:30:15+07:00", "2025-08-15T08:30:15+07:00"),
        ("2025-08-15T08:30:15+0700", "2025-08-15T08:30:15+07:00"),
        ("2025-08-15T08:30:15-03:30", "2025-08-15T08:30:15-03:30"),
        ("15/08/2025 00:00:00", "2025-08-15T00:00:00"),
        ("45884 23:59:59", "2025-08-15T23:59:59"),
    ])
    func acceptedForms(text: String, iso: String) {
        #expect(DateTimeNormalizer.normalize(text) == iso)
    }

    @Test(arguments: [
        "15/08/2025", "15/08/2025 24:00", "15/08/2025 08:60", "15/08/2025 08:30:60", "15/08/2025 8", "15/08/2025 08:30:15:01",
        "15/08/2025 123:00", "31/02/2025 08:30", "15/08/25 08:30", "2025-08-15T08:30:15+7", "2025-08-15T08:30+07:00:00",
        "lúc 08:30", "",
    ])
    func refusedForms(text: String) {
        #expect(DateTimeNormalizer.normalize(text) == nil)
    }

    @Test func dateOfACanonicalDateTime() {
        #expect(DateTimeNormalizer.date(of: "2025-08-15T08:30:15+07:00") == TestSupport.date("2025-08-15"))
        #expect(DateTimeNormalizer.date(of: "15/08/2025") == nil)
    }

    /// Every combination of dates and times of the usual forms and their near misses: where the
    /// allocation-free reading takes a text, it reads what `normalize` reads, byte for byte.
    @Test func theFastReadingAgreesWithNormalize() {
        let dates = ["15/08/2025", "2025-08-15", "31/02/2025", "2025-02-30", "1/08/2025", "15.08.2025", "2025/08/15"]
        let times = ["8:30", "08:30", "08:30:15", "23:59:59", "24:00", "12:60", "12:00:60", "8:5", "08:30:1", "08:30:15.5",
                     "08:30Z", "08:30+07:00", "08::30", "08:30:", ":30", "083", "08:30:15:00", "1:2:3", "a:30", "08:30 "]
        var fast = 0
        for date in dates {
            for separator in [" ", "T", "  "] {
                for time in times {
                    let text = date + separator + time
                    var copy = text
                    guard let reading = copy.withUTF8(DateTimeNormalizer.fastParse) else { continue }
                    fast += 1
                    let iso = reading.map { reading in
                        DateTimeNormalizer.withISOBytes(reading.date, seconds: reading.seconds) { String(decoding: $0, as: UTF8.self) }
                    }
                    #expect(iso == DateTimeNormalizer.normalize(text), "\(text)")
                }
            }
        }
        #expect(fast > 60)
    }
}
