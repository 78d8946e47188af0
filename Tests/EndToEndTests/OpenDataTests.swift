import Foundation
import Testing
@testable import KhoCore

/// What the sample night publishes on the open side, as a portal user downloads it.
@Suite(.serialized) struct OpenDataTests {
    static let asOf = RunTests.asOf
    static let povertyBundle = "open/ho-ngheo/ho-ngheo_\(asOf).zip"

    /// Nine of the fourteen groups count one or two households. Hiding them leaves lone hidden cells
    /// in communes 23500 and 23512, so their other kind goes too; then commune 23504 (one kind only)
    /// would still be Đắk Hà's kind-1 total less what the other communes' totals give, so 23515
    /// goes as well. Only 23485 and Sa Thầy's 23527 (three households) are shown.
    @Test func thePovertyAggregateHidesItsSmallCells() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf]).status == 0)
        let csv = String(decoding: try sandbox.zipEntry(Self.povertyBundle, "data/so-ho-theo-xa.csv"), as: UTF8.self)
        #expect(csv == """
            ma_xa,loai_ho,nam_ra_soat,so_ho,so_nhan_khau,bi_an\r
            23479,1,2024,,,true\r
            23479,2,2024,,,true\r
            23485,1,2024,4,17,false\r
            23497,1,2024,,,true\r
            23497,2,2024,,,true\r
            23500,1,,,,true\r
            23500,2,,,,true\r
            23504,1,,,,true\r
            23510,1,,,,true\r
            23510,2,,,,true\r
            23512,1,,,,true\r
            23512,2,,,,true\r
            23515,1,,,,true\r
            23527,1,2024,3,8,false\r

            """)
        let report = try JSONOutput.read(BundleReport.self, from: sandbox.file("reports/bundles/ho-ngheo.json"))
        #expect(report.smallCells == [.init(table: "so-ho-theo-xa", cells: 14, primary: 9, complementary: 3, exposed: 0)])
        #expect(report.openWithheld == [])
        // Datasets published as rows have no aggregate to suppress.
        let schools = try JSONOutput.read(BundleReport.self, from: sandbox.file("reports/bundles/co-so-giao-duc.json"))
        #expect(schools.smallCells == nil)
    }

    @Test func theBundleExplainsTheRuleInItsDescriptorAndReadme() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.run("kdl-run", ["--as-of", Self.asOf])
        let package = try #require(try JSONSerialization.jsonObject(with: sandbox.zipEntry(Self.povertyBundle, "datapackage.json")) as? [String: Any])
        let note = try #require(package["smallCellSuppression"] as? [String: Any])
        #expect(note["flagField"] as? String == "bi_an")
        #expect((note["rule"] as? String)?.hasPrefix("A cell counting from 1 to below the threshold (people, households) is suppressed.") == true)
        #expect((note["rule"] as? String)?.contains(" / Ô có số đếm (người, hộ) từ 1 đến dưới ngưỡng bị ẩn.") == true)
        let tables = try #require(note["tables"] as? [[String: Any]])
        #expect(tables.count == 1)
        #expect(tables.first?["resource"] as? String == "so-ho-theo-xa")
        #expect(tables.first?["minCount"] as? [String: Int] == ["so_ho": 3, "so_nhan_khau": 3])
        #expect(tables.first?["cells"] as? Int == 14 && tables.first?["suppressed"] as? Int == 12)
        let schema = try #require(((package["resources"] as? [[String: Any]])?.first?["schema"]) as? [String: Any])
        #expect(schema["missingValues"] as? [String] == [""])
        #expect((schema["fields"] as? [[String: Any]])?.last?["type"] as? String == "boolean")
        // The shared bundle has no aggregate, so no such property.
        let shared = try JSONSerialization.jsonObject(with: sandbox.zipEntry("shared/ho-ngheo/ho-ngheo_\(Self.asOf).zip", "datapackage.json")) as? [String: Any]
        #expect(shared?["smallCellSuppression"] == nil)

        let readme = String(decoding: try sandbox.zipEntry(Self.povertyBundle, "README.md"), as: UTF8.self)
        #expect(readme.contains("""
            ## Ô số liệu nhỏ được ẩn

            Để không nhận diện được hộ, người nào qua số liệu tổng hợp, ô số liệu nhỏ được ẩn. Ô có số đếm (người, hộ) từ 1 đến dưới \
            ngưỡng bị ẩn. Sau đó, mỗi tổng của từ hai ô trở lên — theo từng chiều phân nhóm, của cả bảng, và số bản ghi của từng đơn \
            vị ghi trong gói — nếu chỉ còn một ô bị ẩn thì ẩn thêm ô nhỏ nhất còn hiện, lặp đến khi ổn định; rồi giải các tổng như hệ \
            phương trình và ẩn thêm đến khi không ô bị ẩn nào tính lại được. Mọi số đo của một ô bị ẩn cùng nhau. Ô bị ẩn để trống \
            các số đo và có bi_an = true.

            | Bảng | Ngưỡng | Số ô | Ô bị ẩn |
            |---|---|---|---|
            | `so-ho-theo-xa` | `so_ho` ≥ 3, `so_nhan_khau` ≥ 3 | 14 | 12 |

            """))
        #expect(readme.contains("""
            Small cells are suppressed so that no household or person can be singled out. A cell counting from 1 to below the \
            threshold (people, households) is suppressed. Then every total of two or more cells (along each grouping dimension, of \
            the whole table, and each unit's row count given in the bundle) that holds exactly one suppressed cell gets a second, its \
            smallest shown cell, until stable; the totals are then solved as linear equations and more cells suppressed until no \
            suppressed cell can be recomputed. All measures of a suppressed cell are suppressed together. A suppressed cell has empty \
            measures and bi_an = true. In this bundle: `so-ho-theo-xa`, 12 of 14 cells suppressed (`so_ho` ≥ 3, `so_nhan_khau` ≥ 3).
            """))
        let schools = String(decoding: try sandbox.zipEntry("open/co-so-giao-duc/co-so-giao-duc_\(Self.asOf).zip", "README.md"), as: UTF8.self)
        #expect(!schools.contains("Ô số liệu nhỏ") && !schools.contains("Small cells"))
    }

    /// so-khdt writes a phone number into the open free text of one business; it is masked every
    /// night. Allowed none, the business-household open bundle is withheld: exit 65, and the reason
    /// in the summary, the run and bundle reports and the HTML report.
    @Test func theOpenTextGateWithholdsTheBundle() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.configure("nightly.json") { json in
            var gates = json["gates"] as? [String: Any] ?? [:]
            gates["maxPersonalDataInOpenText"] = 0
            json["gates"] = gates
        }
        let result = try sandbox.run("kdl-run", ["--as-of", Self.asOf])
        #expect(result.status == 65)
        let reason = "văn bản tự do của dữ liệu mở có 1 giá trị trông như dữ liệu cá nhân (đã che), vượt ngưỡng 0"
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // Among what needs action, and on the dataset's line: only the shared bundle written.
        #expect(lines.contains("  ho-kinh-doanh: không công bố dữ liệu mở: \(reason)"), "\(result.stdout)")
        let line = try #require(lines.first { $0.hasPrefix("  ho-kinh-doanh: 32 / ") })
        #expect(line.contains(" · ghi shared ") && !line.contains("open ") && line.hasSuffix("; dữ liệu mở bị giữ lại"), "\(line)")
        #expect(!sandbox.exists("open/ho-kinh-doanh/ho-kinh-doanh_\(Self.asOf).zip"))
        #expect(sandbox.exists("open/ho-ngheo/ho-ngheo_\(Self.asOf).zip"))
        let report = try JSONOutput.read(BundleReport.self, from: sandbox.file("reports/bundles/ho-kinh-doanh.json"))
        #expect(report.openWithheld == [WithheldReason(code: .personalDataInOpenText, value: "1", limit: "0")])
        #expect(report.personalDataInOpenText == 1 && report.openMasked == 1)
        let run = try JSONSerialization.jsonObject(with: sandbox.bytes("reports/run.json")) as? [String: Any]
        let withheld = run?["openWithheld"] as? [String: [[String: String]]]
        #expect(withheld == ["ho-kinh-doanh": [["code": "personal-data-in-open-text", "value": "1", "limit": "0"]]])
        let html = String(decoding: try sandbox.bytes("reports/quality_\(Self.asOf).html"), as: UTF8.self)
        #expect(html.contains(reason))
    }

    /// By default (three allowed) the masked phone number is counted and the bundle published.
    @Test func oneMaskedValueIsCountedAndPublished() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf]).status == 0)
        let report = try JSONOutput.read(BundleReport.self, from: sandbox.file("reports/bundles/ho-kinh-doanh.json"))
        #expect(report.openWithheld == [] && report.personalDataInOpenText == 1)
        let rows = try sandbox.csv("open/ho-kinh-doanh/ho-kinh-doanh_\(Self.asOf).zip", entry: "data/ho-kinh-doanh.csv")
        #expect(rows.contains { $0["nganh_nghe_chi_tiet"] == "Bán tạp hóa, liên hệ [đã ẩn]" })
        #expect(try JSONOutput.read(BundleReport.self, from: sandbox.file("reports/bundles/ho-ngheo.json")).personalDataInOpenText == nil)
    }

    /// A threshold of 1 in nightly.json shows every count: the table is the old one plus the flag.
    @Test func theThresholdComesFromTheConfiguration() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.configure("nightly.json") { $0["openData"] = ["minCount": 1] }
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf]).status == 0)
        let rows = try sandbox.csv(Self.povertyBundle, entry: "data/so-ho-theo-xa.csv")
        #expect(rows.count == 14 && rows.allSatisfy { $0["bi_an"] == "false" && $0["so_ho"] != "" })
        #expect(rows.first == ["ma_xa": "23479", "loai_ho": "1", "nam_ra_soat": "2024", "so_ho": "1", "so_nhan_khau": "5", "bi_an": "false"])
    }
}
