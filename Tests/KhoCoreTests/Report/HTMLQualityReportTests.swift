import Foundation
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

    /// Field titles as the nightly run passes them: from each dataset's schema.
    static let fieldTitles = TestSupport.configuration.datasets.mapValues { schema in
        Dictionary(uniqueKeysWithValues: schema.fields.compactMap { field in field.title.map { (field.name, $0) } })
    }

    static func render(_ qualities: [QualityReport] = reports(), history: [QualityHistory] = [], language: Language? = nil) -> String {
        let bundles = qualities.isEmpty ? [] : [ReportFixtures.bundle(qualities[0].dataset, qualities: qualities)]
        let titles = ["ho-ngheo": "Danh sách hộ nghèo"]
        if let language {
            return HTMLQualityReport.render(asOf: asOf, qualities: qualities, bundles: bundles, history: history,
                                            datasetTitles: titles, fieldTitles: fieldTitles, language: language)
        }
        return HTMLQualityReport.render(asOf: asOf, qualities: qualities, bundles: bundles, history: history, datasetTitles: titles,
                                        fieldTitles: fieldTitles)
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
        #expect(html.contains("<code>ubnd-b/export.csv:2</code> <span class=\"field\">Mã xã</span>"))
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

/// What makes the report one an official can act on: habits once per column, weights in the
/// formula, fields by their titles, every code in words, no column of dashes.
@Suite struct HTMLQualityReportWordingTests {
    static func namesForCodes() -> QualityReport { ReportFixtures.namesForCodes() }

    @Test func theHabitIsSaidOncePerColumnNotRowByRow() {
        let vi = HTMLQualityReportTests.render([Self.namesForCodes()])
        #expect(vi.contains("<h3>Thói quen cần sửa</h3>"))
        #expect(vi.contains("<li title=\"code-from-name\">Cột <em>Giới tính</em> ghi tên thay cho mã: 2 dòng</li>"))
        #expect(vi.contains("<li title=\"code-from-name\">Cột <em>Quan hệ với chủ hộ</em> ghi tên thay cho mã: 3 dòng</li>"))
        #expect(!vi.contains("<code>code-from-name</code></td>"))   // not in the failing checks, no example rows
        #expect(vi.contains("<p>Không có lỗi hay cảnh báo nào.</p>"))
        let en = HTMLQualityReportTests.render([Self.namesForCodes()], language: .en)
        #expect(en.contains("<li title=\"code-from-name\">Column <em>Giới tính</em> uses names instead of codes: 2 rows</li>"))
        #expect(en.contains("<h3>Habits to fix</h3>"))
    }

    @Test func theFormulaNoteShowsTheWeights() {
        let vi = HTMLQualityReportTests.render([Self.namesForCodes()])
        #expect(vi.contains("lỗi 1, cảnh báo 0,5, thông tin 0; trọng số riêng theo mã: <code>code-from-name</code> 0,1 (ghi tên thay cho mã). "
                            + "Điểm chung là trung bình"))
        let en = HTMLQualityReportTests.render([Self.namesForCodes()], language: .en)
        #expect(en.contains("error 1, warning 0.5, info 0; codes with a weight of their own: <code>code-from-name</code> 0.1 "
                            + "(uses names instead of codes). Overall is the mean"))
        // A unit scored with other weights (a dataset's own, or a report of before weights) says so.
        var other = Self.namesForCodes()
        other.unit = "ubnd-khac"
        other.scoreWeights = ["code-from-name": 0.25, "phone-legacy": 0.2]
        let mixed = HTMLQualityReportTests.render([Self.namesForCodes(), other, HTMLQualityReportTests.reports()[0]], language: .en)
        #expect(mixed.contains("These scores use weights of their own per code: <code>code-from-name</code> 0.25 (uses names instead of codes); "
                               + "<code>phone-legacy</code> 0.2 (An old 11-digit mobile number; converted to its 10-digit form)."))
        #expect(mixed.components(separatedBy: "These scores use").count == 2)
        other.scoreWeights = nil
        #expect(HTMLQualityReportTests.render([Self.namesForCodes(), other, HTMLQualityReportTests.reports()[0]], language: .en)
            .contains("These scores use no weight per code: every finding costs its severity."))
    }

    @Test func fieldsAreNamedByTheirTitles() {
        let html = HTMLQualityReportTests.render(HTMLQualityReportTests.reports() + [Self.namesForCodes()])
        #expect(html.contains("<td>Mã xã × 1</td>"))
        #expect(html.contains("<span class=\"field\">Họ và tên</span>"))
        #expect(html.contains(">Số định danh cá nhân</text>"))   // completeness chart
        for field in TestSupport.dataset("ho-ngheo").fields where field.title != nil {
            #expect(!html.contains(field.name), "raw field name \(field.name) in the report")
        }
    }

    /// A report holding every finding code: each is worded in both languages, and its raw id only
    /// ever appears where an id belongs (in `<code>` or a tooltip), never in place of its words.
    @Test(arguments: [Language.vi, .en])
    func everyCodeIsShownByItsWords(language: Language) {
        var report = HTMLQualityReportTests.reports()[1]
        for (index, code) in FindingCode.allCases.enumerated() {
            report.tally.add(FindingCatalog.finding(code, at: Location(unit: "ubnd-b", file: "ubnd-b/export.csv", line: index + 2,
                                                                       field: index.isMultiple(of: 2) ? "ma_xa" : nil)))
        }
        report.checks = report.tally.summaries
        let html = HTMLQualityReportTests.render([report], language: language)
        for code in FindingCode.allCases {
            #expect(html.contains(HTML.escape(FindingCatalog.message(for: code, language: language))), "\(code) not worded")
        }
        var visible = html.replacingOccurrences(of: "<code[^>]*>[^<]*</code>", with: "", options: .regularExpression)
        visible = visible.replacingOccurrences(of: " title=\"[^\"]*\"", with: "", options: .regularExpression)
        for code in FindingCode.allCases {
            if code.rawValue.contains("-") {
                #expect(!visible.contains(code.rawValue), "raw \(code) where its words belong")
            } else {
                #expect(!visible.contains(">\(code.rawValue)<") && !visible.contains("\(code.rawValue) ×"), "raw \(code) where its words belong")
            }
        }
    }

    @Test func aColumnEmptyOnEveryRowIsLeftOut() {
        var report = HTMLQualityReportTests.reports()[0]
        let html = HTMLQualityReportTests.render([report])
        #expect(!html.contains("<th>Ghi chú</th></tr></thead>\n<tbody>\n<tr><td><a"))   // no unit blocked: no notes column
        #expect(html.contains("<th class=\"num\">Bị loại</th></tr></thead>"))
        // A failing check about whole rows names no field: the fields column goes.
        report.tally.add(FindingCatalog.finding(.duplicateKey, at: Location(unit: "ubnd-a", file: "ubnd-a/export.csv", line: 3)))
        report.checks = report.tally.summaries
        report.blocked = true
        let rowLevel = HTMLQualityReportTests.render([report])
        #expect(rowLevel.contains("<th class=\"num\">Số lần</th></tr></thead>"))
        #expect(rowLevel.contains("<tr class=\"examples\"><td></td><td colspan=\"4\">"))
        #expect(rowLevel.contains("<th>Ghi chú</th></tr></thead>"))   // now a unit is blocked
        // With a field, the column is back.
        let withField = HTMLQualityReportTests.render(HTMLQualityReportTests.reports())
        #expect(withField.contains("<th class=\"num\">Số lần</th><th>Trường</th></tr></thead>"))
        #expect(withField.contains("<tr class=\"examples\"><td></td><td colspan=\"5\">"))
    }

    /// An example from a workbook shows its cell after the field, the position staying `file:line`.
    @Test func aWorkbookExampleShowsItsCell() {
        var report = HTMLQualityReportTests.reports()[1]
        report.tally.add(FindingCatalog.finding(.duplicateKey, at: Location(unit: "ubnd-b", file: "ubnd-b/ho-ngheo.xlsx", line: 12,
                                                                            field: "ma_xa", cell: "DanhSach!D12")))
        report.checks = report.tally.summaries
        let html = HTMLQualityReportTests.render([report])
        #expect(html.contains(#"<code>ubnd-b/ho-ngheo.xlsx:12</code> <span class="field">"#))
        #expect(html.contains(#"</span> <code class="cell">DanhSach!D12</code>"#))
        #expect(html.components(separatedBy: #"class="cell""#).count == 2)
    }
}
