import Testing
@testable import KhoCore

@Suite struct HTMLAnnualReportTests {
    static let report = AnnualReport.build(year: 2026, history: AnnualReportTests.histories)

    @Test func vietnameseByDefault() {
        let html = HTMLAnnualReport.render(Self.report, datasetTitles: ["ho-ngheo": "Danh sách hộ nghèo"])
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(html.contains("Đánh giá chất lượng dữ liệu năm 2026"))
        #expect(html.contains("hạn báo cáo 20/12/2026"))
        #expect(html.contains("3 lần chạy hằng đêm, từ 10/01/2026 đến 05/03/2026."))
        #expect(html.contains("Danh sách hộ nghèo"))
        #expect(html.contains(">T3<"))
        #expect(!html.lowercased().contains("<script") && !html.contains("http:") && !html.contains("https:"))
    }

    @Test func englishOnRequest() {
        let html = HTMLAnnualReport.render(Self.report, datasetTitles: [:], language: .en)
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("Data quality evaluation 2026"))
        #expect(html.contains("report due 2026-12-20"))
        #expect(html.contains("Most frequent errors of the year"))
        #expect(html.contains(HTML.escape(FindingCatalog.message(for: .required, language: .en))))
        #expect(html.contains(">Mar<"))
    }

    @Test func oneMonthlyChartPerUnitDatasetWithTwelveSlots() {
        let html = HTMLAnnualReport.render(Self.report, datasetTitles: [:], language: .en)
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        // u1 ran in January and March: two columns; u2 in January only.
        #expect(html.components(separatedBy: "<rect").count - 1 == 3)
    }

    @Test func unitNamesAreEscaped() {
        var report = Self.report
        report.units[0].unitName = "<i>Sở & 'Ban'</i>"
        let html = HTMLAnnualReport.render(report, datasetTitles: [:], language: .en)
        #expect(!html.contains("<i>"))
        #expect(html.contains("&lt;i&gt;Sở &amp; &#39;Ban&#39;&lt;/i&gt;"))
    }
}
