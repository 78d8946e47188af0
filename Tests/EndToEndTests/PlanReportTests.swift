import Foundation
import Testing
@testable import KhoCore

/// What the plan asks and the configuration lacks, said in the night's reports without stopping
/// the run: `reports/run.json` (`plan`), the summary and the HTML report.
@Suite(.serialized) struct PlanReportTests {
    @Test func anOverdueReviewAUnitWithoutOpenDataAndAMissingFocalPointAreReported() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.configure("nightly.json") { json in
            var publication = json["publication"] as? [String: Any] ?? [:]
            publication["openDataListReviewed"] = "2026-04-28"
            json["publication"] = publication
        }
        try sandbox.configure("units/so-nnmt.json") { $0["focalPoint"] = nil }
        // A commune committee that sends nothing yet.
        let unit: [String: Any] = ["version": 1, "id": "ubnd-xa-dak-ha", "name": "Ủy ban nhân dân xã Đăk Hà", "sources": [[String: Any]](),
                                   "focalPoint": ["name": "Cán bộ thử", "position": "Công chức văn phòng", "phone": "0260 0000 099",
                                                  "email": "van-phong@dak-ha.kontum.example"]]
        try JSONSerialization.data(withJSONObject: unit).write(to: sandbox.root.appendingPathComponent("pipelines/units/ubnd-xa-dak-ha.json"))

        let result = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--lang", "en"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("  The open-data list was last reviewed on 2026-04-28, more than six months ago (due 2026-10-28, Article 19)"))
        #expect(lines.contains("  Units with no open dataset yet (the plan asks each for at least one): Ủy ban nhân dân xã Đăk Hà"))
        #expect(lines.contains("  Configuration warning: pipelines/units/so-nnmt.json: focalPoint: no focal point (name, position, phone, e-mail): the unit's datasets and sharing services have no contact point"))

        let plan = try #require(try sandbox.json("reports/run.json")["plan"] as? [String: Any])
        #expect(plan["openDataListReviewed"] as? String == "2026-04-28" && plan["nextReviewDue"] as? String == "2026-10-28")
        #expect(plan["reviewOverdue"] as? Bool == true)
        #expect((plan["unitsWithoutOpenData"] as? [[String: String]]) == [["unit": "ubnd-xa-dak-ha", "unitName": "Ủy ban nhân dân xã Đăk Hà"]])
        let warnings = Sandbox.nodes(plan["configurationWarnings"]).map { [$0["file"] as? String, $0["path"] as? String] }
        #expect(warnings == [["pipelines/units/so-nnmt.json", "focalPoint"]])

        let html = String(decoding: try sandbox.bytes("reports/quality_\(RunTests.asOf).html"), as: UTF8.self)
        #expect(html.contains("<h2 id=\"plan\">The publication plan</h2>"))
        #expect(html.contains("The open-data list was last reviewed on 2026-04-28, more than six months ago (due 2026-10-28, Article 19)"))
        #expect(html.contains("Units with no open dataset yet (the plan asks each for at least one): Ủy ban nhân dân xã Đăk Hà"))

        // The unit without a focal point has no contact point in the catalogs; the others keep theirs.
        let catalog = try sandbox.json("open/catalog.jsonld")
        let water = Sandbox.nodes(catalog["dcat:dataset"]).first { $0["dct:identifier"] as? String == "quan-trac-moi-truong" }
        #expect(water?["dcat:contactPoint"] == nil)
        let services = Sandbox.nodes(try sandbox.json("shared/services.json")["services"])
        let waterService = services.first { $0["identifier"] as? String == "quan-trac-moi-truong" }
        #expect(waterService != nil && Sandbox.nodes(waterService?["contactPoints"]).isEmpty)
    }

    /// The samples keep the plan: nothing to say, and the report shows the review on time.
    @Test func theSamplesKeepThePlan() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("Cảnh báo cấu hình") && !result.stdout.contains("Đơn vị chưa có") && !result.stdout.contains("Chưa ghi ngày rà soát"))
        #expect(!result.stdout.contains("Configuration warning") && !result.stdout.contains("open-data list") && !result.stdout.contains("no open dataset"))
        let plan = try #require(try sandbox.json("reports/run.json")["plan"] as? [String: Any])
        #expect(plan["reviewOverdue"] as? Bool == false && (plan["unitsWithoutOpenData"] as? [Any])?.isEmpty == true)
        let html = String(decoding: try sandbox.bytes("reports/quality_\(RunTests.asOf).html"), as: UTF8.self)
        #expect(html.contains("Danh mục dữ liệu mở được rà soát ngày 01/07/2026; lần tới trước 01/01/2027"))
    }
}
