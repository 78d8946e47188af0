import Foundation
import Testing
@testable import KhoCore

/// Possibly resolved: a report naming a record by key, compared night to night with the record.
@Suite struct FeedbackWatchTests {
    static let header = "ma_ho,ho_ten,ngay_sinh,gioi_tinh,ma_dan_toc,so_dinh_danh,quan_he_chu_ho,ma_xa,ten_xa,dia_chi,so_dien_thoai,loai_ho,nam_ra_soat,ngay_cap_nhat,ghi_chu,_src,_flags\n"
    static let nam = "234790002,Trương Văn Nam,1985-05-15,1,01,062085171883,01,23479,Xã Đăk Rve,,,2,2024,2024-11-23,,x.csv:2,\n"
    static let linh = "234790002,Lâm Thị Mỹ Linh,1988-01-14,2,06,062188944881,02,23479,Xã Đăk Rve,,,2,2024,2024-11-23,,x.csv:3,\n"

    static func report(_ file: String, row: String, status: FeedbackReport.Status = .open, unit: String = "ubnd-kon-ray") -> FeedbackReport {
        FeedbackReport(file: file, dataset: "ho-ngheo", unit: unit, field: nil, row: row, description: "Ngày sinh sai", reporter: "Phạm Thị Hoa",
                       date: TestSupport.date("2026-11-20"), status: status)
    }

    struct Nights {
        let root: URL
        let workspace: Workspace
        var watch: FeedbackWatch?

        init() throws {
            root = try TestSupport.temporaryFolder()
            workspace = Workspace(inbox: root.appendingPathComponent("inbox"), out: root.appendingPathComponent("out"))
        }

        /// One night: the unit's rows as given, then tonight's watch, and the reports marked.
        mutating func night(_ date: String, rows: String?, _ reports: [FeedbackReport]) throws -> [FeedbackReport.Standing] {
            let file = workspace.normalized("ubnd-kon-ray", "ho-ngheo")
            if let rows {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data((FeedbackWatchTests.header + rows).utf8).write(to: file)
            } else {
                try? FileManager.default.removeItem(at: file)
            }
            let next = try FeedbackWatch.update(watch, reports: reports, config: TestSupport.configuration, workspace: workspace,
                                                asOf: TestSupport.date(date))
            watch = next
            return next.marking(reports, through: TestSupport.date(date)).map(\.standing)
        }
    }

    @Test func aRecordThatChangesOrGoesMarksItsReportUntilItComesBack() throws {
        var nights = try Nights()
        defer { try? FileManager.default.removeItem(at: nights.root) }
        let reports = [Self.report("a.json", row: "062085171883"), Self.report("b.json", row: "062188944881", status: .answered),
                       Self.report("c.json", row: "data/ho-ngheo.csv:2"), Self.report("d.json", row: "062085171883", status: .resolved)]
        #expect(try nights.night("2026-11-27", rows: Self.nam + Self.linh, reports) == [.open, .answered, .open, .resolved])
        // Lineage moved (another row before it), values did not: nothing changed.
        #expect(try nights.night("2026-11-28", rows: Self.linh.replacingOccurrences(of: "x.csv:3", with: "x.csv:2")
                                    + Self.nam.replacingOccurrences(of: "x.csv:2", with: "x.csv:3"), reports) == [.open, .answered, .open, .resolved])
        let changed = Self.nam.replacingOccurrences(of: "1985-05-15", with: "1985-05-16")
        #expect(try nights.night("2026-11-29", rows: changed + Self.linh, reports) == [.possiblyResolved, .answered, .open, .resolved])
        #expect(nights.watch?.entries.map(\.file) == ["a.json", "b.json"])
        // The first night it differed is kept while it differs; the key gone is a change too.
        #expect(try nights.night("2026-11-30", rows: changed, reports) == [.possiblyResolved, .possiblyResolved, .open, .resolved])
        #expect(nights.watch?.entries.map(\.changedOn) == ["2026-11-29", "2026-11-30"])
        // Rerunning a night gives the same watch.
        let before = nights.watch
        _ = try nights.night("2026-11-30", rows: changed, reports)
        #expect(nights.watch == before)
        // Back as it was: not resolved after all.
        #expect(try nights.night("2026-12-01", rows: Self.nam + Self.linh, reports) == [.open, .answered, .open, .resolved])
        // Nothing of the key or the record is kept, only digests.
        let json = String(decoding: try JSONOutput.encode(try #require(nights.watch)), as: UTF8.self)
        #expect(!json.contains("062085171883") && !json.contains("Nam") && !json.contains("Phạm"))
    }

    @Test func aReportEditedToNameAnotherRecordStartsAfresh() throws {
        var nights = try Nights()
        defer { try? FileManager.default.removeItem(at: nights.root) }
        _ = try nights.night("2026-11-27", rows: Self.nam + Self.linh, [Self.report("a.json", row: "062085171883")])
        // The other record differs from the first one's, but it is this report's first night for it.
        #expect(try nights.night("2026-11-28", rows: Self.nam + Self.linh, [Self.report("a.json", row: "062188944881")]) == [.open])
        #expect(nights.watch?.entries.first?.since == "2026-11-28")
        // No work file for the unit: the key is absent from the start, and a record that comes is a change.
        var empty = try Nights()
        defer { try? FileManager.default.removeItem(at: empty.root) }
        #expect(try empty.night("2026-11-27", rows: nil, [Self.report("a.json", row: "062085171883")]) == [.open])
        #expect(empty.watch?.entries.first?.baseline == FeedbackWatch.absent)
        #expect(try empty.night("2026-11-28", rows: Self.nam, [Self.report("a.json", row: "062085171883")]) == [.possiblyResolved])
        // Marks are by date: a report on an earlier as-of date is not yet changed.
        let marked = try #require(empty.watch).marking([Self.report("a.json", row: "062085171883")], through: TestSupport.date("2026-11-27"))
        #expect(marked.map(\.standing) == [.open])
    }

    @Test func countedByStanding() throws {
        var changed = Self.report("a.json", row: "k")
        changed.recordChanged = TestSupport.date("2026-11-28")
        var resolved = changed
        resolved.status = .resolved
        let tallies = FeedbackTally.count([changed, resolved, Self.report("b.json", row: "k")], from: TestSupport.date("2026-01-01"),
                                          through: TestSupport.date("2026-12-31"))
        #expect(tallies == [FeedbackTally(unit: "ubnd-kon-ray", dataset: "ho-ngheo", open: 1, answered: 0, resolved: 1, possiblyResolved: 1)])
        // Reports written before the count existed still read.
        let old = Data(#"{"unit": "u", "dataset": "d", "open": 1, "answered": 2, "resolved": 3}"#.utf8)
        #expect(try JSONDecoder().decode(FeedbackTally.self, from: old) == FeedbackTally(unit: "u", dataset: "d", open: 1, answered: 2, resolved: 3))
    }
}
