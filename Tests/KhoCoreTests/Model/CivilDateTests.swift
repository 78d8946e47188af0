import Foundation
import Testing
@testable import KhoCore

@Suite struct CivilDateTests {
    @Test(arguments: [(2024, 2, 29), (2000, 2, 29), (2023, 12, 31), (1900, 1, 1), (1, 1, 1), (9999, 12, 31)])
    func existingDates(year: Int, month: Int, day: Int) {
        #expect(CivilDate(year: year, month: month, day: day) != nil)
    }

    @Test(arguments: [(2023, 2, 29), (1900, 2, 29), (2100, 2, 29), (2024, 2, 30), (2024, 4, 31), (2024, 13, 1), (2024, 0, 1),
                      (2024, 1, 0), (2024, 1, 32), (0, 1, 1), (10000, 1, 1)])
    func impossibleDates(year: Int, month: Int, day: Int) {
        #expect(CivilDate(year: year, month: month, day: day) == nil)
    }

    @Test func leapYears() {
        #expect(CivilDate.isLeap(2024))
        #expect(CivilDate.isLeap(2000))
        #expect(!CivilDate.isLeap(1900))
        #expect(!CivilDate.isLeap(2025))
        #expect(CivilDate.daysIn(month: 2, year: 2024) == 29)
        #expect(CivilDate.daysIn(month: 2, year: 2100) == 28)
    }

    @Test(arguments: ["2024-02-29", "1985-03-15", "0099-01-05"])
    func isoRoundTrips(text: String) {
        #expect(CivilDate(iso: text)?.description == text)
    }

    @Test(arguments: ["2024-2-29", "2024/02/29", "29-02-2024", " 2024-02-29", "2024-02-29 ", "2024-02-30", "2024-02-29T00:00", "", "２０２４-02-29"])
    func isoIsStrict(text: String) {
        #expect(CivilDate(iso: text) == nil)
    }

    @Test(arguments: [("1970-01-01", 0), ("1969-12-31", -1), ("2000-03-01", 11_017), ("2024-01-01", 19_723), ("1899-12-30", -25_569)])
    func daysSinceEpoch(text: String, days: Int) {
        let date = TestSupport.date(text)
        #expect(date.daysSinceEpoch == days)
        #expect(CivilDate(daysSinceEpoch: days) == date)
    }

    @Test func daysRoundTripOverCenturies() {
        for days in stride(from: -80_000, through: 80_000, by: 97) {
            #expect(CivilDate(daysSinceEpoch: days)?.daysSinceEpoch == days)
        }
    }

    @Test func addingDaysCrossesMonthsAndLeapDays() {
        #expect(TestSupport.date("2024-02-28").adding(days: 1) == TestSupport.date("2024-02-29"))
        #expect(TestSupport.date("2024-02-28").adding(days: 2) == TestSupport.date("2024-03-01"))
        #expect(TestSupport.date("2025-06-30").adding(days: 1) == TestSupport.date("2025-07-01"))
        #expect(TestSupport.date("2025-01-01").adding(days: -1) == TestSupport.date("2024-12-31"))
    }

    @Test(arguments: [("2026-05-29", 6, "2026-11-29"), ("2026-08-31", 6, "2027-02-28"), ("2027-08-31", 6, "2028-02-29"),
                      ("2026-07-15", 6, "2027-01-15"), ("2026-12-31", -6, "2026-06-30")])
    func addingMonthsKeepsTheDayOrTheMonthsLast(from: String, months: Int, to: String) {
        #expect(TestSupport.date(from).adding(months: months) == TestSupport.date(to))
    }

    @Test(arguments: [("1985-03-15", "2024-03-14", 38), ("1985-03-15", "2024-03-15", 39), ("2000-02-29", "2001-02-28", 0),
                      ("2000-02-29", "2001-03-01", 1), ("2025-01-01", "2024-12-15", -1)])
    func wholeYears(birth: String, on day: String, years: Int) {
        #expect(TestSupport.date(birth).years(until: TestSupport.date(day)) == years)
    }

    @Test func orderIsChronological() {
        #expect(TestSupport.date("2024-12-31") < TestSupport.date("2025-01-01"))
        #expect(TestSupport.date("2025-06-30") < TestSupport.date("2025-07-01"))
        #expect(!(TestSupport.date("2025-07-01") < TestSupport.date("2025-07-01")))
        #expect(TestSupport.date("2025-02-01") > TestSupport.date("2025-01-31"))
    }

    /// Today as the C library has it is the day `Calendar.current` gives, in the time zone of the
    /// machine (asked before and after, in case midnight falls in between).
    @Test func todayIsTheCalendarsDay() {
        func calendarDay() -> CivilDate? {
            let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
            return CivilDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
        }
        let before = calendarDay(), today = CivilDate.today, after = calendarDay()
        #expect(today == before || today == after)
        #expect(before != nil)
    }
}
