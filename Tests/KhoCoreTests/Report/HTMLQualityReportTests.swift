import Testing
@testable import KhoCore

@Suite struct HTMLQualityReportTests {
    static let asOf = TestSupport.date(RowFixtures.asOf)

    /// Two units of `ho-ngheo`: one clean, one with a retired commune code and a missing name.
    static func reports() -> [QualityReport] {
        let clean = ReportFixtures.quality("ho-ngheo", unit: "ubnd-a", unitName: "UBND A", rows: [RowFixtures.hoNgheo])
        let spoiled = ReportFixtures.quality("ho-ngheo", unit: "ubnd-b", unitName: "UBND B", rows: [
            RowFixtures.row(RowFixtures.hoNgheo, ["ma_xa": "99999"]),
            RowFixtures.row(RowFixtures.hoNgheo, ["ho_ten": "", "so_dinh_danh": "062085009999"]),
        ])
        return [clean, spoiled]
    }

    static func render(_ qualities: [QualityReport] = reports(), history: [QualityHistory] = [], language: Language? = nil) -> String {
        let bundles = [ReportFixtures.bundle("ho-ngheo", qualities: qualities)]
        let titles = ["ho-ngheo": "Danh sách hộ nghèo"]
        if let language {
            return HTMLQualityReport.render(asOf: asOf, qualities: qualities, bundles: bundles, history: history,
                                            datasetTitles: titles, language: language)
        }
        return HTMLQualityReport.render(asOf: asOf, qualities: qualities, bundles: bundles, history: history, datasetTitles: titles)
    }

    @Test func isOneSelfContainedPage() {
        let html = Self.render()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http:") && !html.contains("https:"))
        #expect(!html.contains("<link") && !html.contains("<img") && !html.contains("url("))
        #expect(html.contains("<svg"))
    }

    @Test func sameInputSameBytesWhateverTheOrder() {
        let reports = Self.reports()
        let earlier = QualityHistory.make(asOf: TestSupport.date("2025-08-31"), qualities: reports, bundles: [])
        #expect(Self.render(reports, history: [earlier]) == Self.render(reports.reversed(), history: [earlier]))
    }

    @Test func vietnameseByDefaultEnglishOnRequest() {
        let vi = Self.render()
        #expect(vi.contains("Báo cáo chất lượng dữ liệu — 30/09/2025"))
        #expect(vi.contains("Các lỗi và cảnh báo chính"))
        #expect(vi.contains(HTML.escape(FindingCatalog.message(for: .codeUnknown, language: .vi))))
        #expect(!vi.contains("Top failing checks"))
        let en = Self.render(language: .en)
        #expect(en.contains("<html lang=\"en\">"))
        #expect(en.contains("Data quality report — 2025-09-30"))
        #expect(en.contains("Top failing checks"))
        #expect(en.contains(HTML.escape(FindingCatalog.message(for: .codeUnknown, language: .en))))
        #expect(!en.contains("Các lỗi và cảnh báo chính"))
    }

    @Test func showsGradesScoresAndRowAccounting() {
        let html = Self.render()
        #expect(html.contains("<span class=\"badge grade-a\">A</span>"))
        #expect(html.contains("Đọc 2 = trích xuất 2 + không đọc được 0; trích xuất 2 = hợp lệ 0 + bị loại 2."))
        #expect(html.contains("id=\"q--ubnd-b--ho-ngheo\""))
        #expect(html.contains("ubnd-b/export.csv:2:ma_xa"))
    }

    @Test func everyTextIsEscapedInTablesExamplesAndCharts() {
        var report = ReportFixtures.quality("ho-ngheo", unit: "u", unitName: #"UBND <b>"A" & 'B'</b>"#,
                                            rows: [RowFixtures.row(RowFixtures.hoNgheo, ["ma_xa": "<script>alert('x')</script>"])])
        report.completeness[0].field = "<f>"
        let html = Self.render([report], language: .en)
        #expect(!html.contains("<script>") && !html.contains("<b>") && !html.contains("<f>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("UBND &lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt;"))
        #expect(html.contains("font-size=\"11.5\">&lt;f&gt;</text>"))
        #expect(html.contains("<title>Completeness per field: UBND &lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt;"))
    }

    @Test func trendHasEarlierRunsThenThisOne() {
        let reports = Self.reports()
        let history = ["2025-07-31", "2025-08-31", "2025-09-30", "2025-10-31"].map {
            QualityHistory.make(asOf: TestSupport.date($0), qualities: reports, bundles: [])
        }
        let html = Self.render(reports, history: history, language: .en)
        guard let section = html.range(of: "id=\"q--ubnd-b--ho-ngheo\"") else { Issue.record("no section"); return }
        let trend = html[section.upperBound...]
        // Two earlier runs; tonight's own history and a later one are not drawn again.
        #expect(trend.components(separatedBy: "<circle").count - 1 == 3)
        #expect(trend.contains("2025-09-30: ") && trend.contains("— this run"))
        #expect(!trend.contains("2025-10-31"))
        #expect(!html.contains("No earlier run to compare with yet."))
        #expect(Self.render(language: .en).contains("No earlier run to compare with yet."))
    }

    @Test func blockedUnitsSayWhy() {
        var report = ReportFixtures.quality("ho-ngheo", unit: "ubnd-c", unitName: "UBND C", rows: [])
        let finding = FindingCatalog.finding(.requiredColumnMissing, at: Location(unit: "ubnd-c", file: "ubnd-c/x.csv", line: 1),
                                             value: "so_dinh_danh")
        report.blocked = true
        report.fileFindings = [finding]
        report.tally.add(finding)
        report.checks = report.tally.summaries
        let html = Self.render([report], language: .en)
        #expect(html.contains("<span class=\"flag bad\">Blocked</span>"))
        #expect(html.contains("Blocked: the export is unreadable or incomplete"))
        #expect(html.contains("File findings"))
        #expect(html.contains("<code>ubnd-c/x.csv:1</code> <span class=\"sev-error\">error</span> <code>required-column-missing</code>"))
    }

    @Test func bundlesShowOutputsStaleAndWithheld() {
        let reports = Self.reports()
        let bundle = ReportFixtures.bundle("ho-ngheo", qualities: reports, stale: true, withheld: [.grade(.c, limit: .c)])
        let html = HTMLQualityReport.render(asOf: Self.asOf, qualities: reports, bundles: [bundle], history: [], datasetTitles: [:],
                                            language: .en)
        #expect(html.contains("Stale: the newest data is older than three months (Article 19)"))
        #expect(html.contains("Open bundle withheld tonight: grade C"))
        #expect(html.contains("ho-ngheo_2025-09-30.zip"))
    }
}
