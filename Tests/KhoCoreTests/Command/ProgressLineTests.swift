import Testing
@testable import KhoCore

@Suite struct ProgressLineTests {
    /// A third of the bytes read in 2 s: the rows total is estimated from the bytes, the ETA from the rate.
    @Test func readingShowsRowsBytesRateAndETA() {
        let line = ProgressLine(label: "ubnd-kon-ray/ho-ngheo", stage: .reading, rows: 100_000, bytes: 10_000_000,
                                totalBytes: 30_000_000, seconds: 2)
        #expect(line.rendered(.vi) == "ubnd-kon-ray/ho-ngheo  đọc  100 000 / ~300 000 dòng  10,0 / 30,0 MB  33%  50 000 dòng/s  còn ~4 s")
        #expect(line.rendered(.en) == "ubnd-kon-ray/ho-ngheo  reading  100,000 / ~300,000 rows  10.0 / 30.0 MB  33%  50,000 rows/s  ETA ~4 s")
    }

    /// Before anything is read there is no estimate and no rate; a long wait is told in minutes.
    @Test func startAndLongRuns() {
        #expect(ProgressLine(label: "a/b", stage: .reading, totalBytes: 5_000_000, seconds: 0).rendered(.en)
                == "a/b  reading  0 rows  0.0 / 5.0 MB  0%")
        let slow = ProgressLine(label: "a/b", stage: .reading, rows: 1000, bytes: 2_000_000, totalBytes: 100_000_000, seconds: 10)
        #expect(slow.rendered(.en) == "a/b  reading  1,000 / ~50,000 rows  2.0 / 100.0 MB  2%  100 rows/s  ETA ~8 min 10 s")
    }

    @Test func bundlingShowsTheTimeSpent() {
        #expect(ProgressLine(label: "ho-ngheo", stage: .bundling, seconds: 3.7).rendered(.vi) == "ho-ngheo  đóng gói  3 s")
        #expect(ProgressLine(label: "ho-ngheo", stage: .bundling, seconds: 3.7).rendered(.en) == "ho-ngheo  bundling  3 s")
    }

    @Test func countsAreGroupedByThousands() {
        #expect(ProgressLine.count(0, .vi) == "0")
        #expect(ProgressLine.count(999, .en) == "999")
        #expect(ProgressLine.count(1_000, .en) == "1,000")
        #expect(ProgressLine.count(1_234_567, .vi) == "1 234 567")
    }
}
