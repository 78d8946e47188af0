import Foundation
import Testing
@testable import KhoCore

/// Records several units send: identical ones appear once naming every unit, different ones are
/// decided by the dataset's conflict rule and listed in the shared bundle, and the counts add up.
@Suite(.serialized) struct ConflictTests {
    static let asOf = RunTests.asOf
    static let shared = "shared/ho-ngheo/ho-ngheo_\(asOf).zip"
    static let konRay = "samples/inbox/ubnd-kon-ray/ho-ngheo-kon-ray-2024.csv"

    /// A third district sends three of Kon Rẫy's people: one as Kon Rẫy has it, one updated later
    /// with another address, one updated earlier with another household category.
    static func addSaThay(_ sandbox: Sandbox) throws {
        let unit = #"""
        {
          "version": 1,
          "id": "ubnd-sa-thay",
          "name": "Ủy ban nhân dân huyện Sa Thầy",
          "kind": "district",
          "districtCode": "616",
          "sources": [{"dataset": "ho-ngheo", "files": "ho-ngheo-*.csv", "format": "csv"}]
        }
        """#
        try Data(unit.utf8).write(to: sandbox.root.appendingPathComponent("pipelines/units/ubnd-sa-thay.json"))
        // Sa Thầy keeps one row in the open aggregate, which small-cell suppression would expose and
        // withhold (OpenDataTests covers that); here the open side only has to carry no versions.
        try sandbox.configure("nightly.json") { $0["openData"] = ["minCount": 1] }
        let lines = try String(contentsOf: sandbox.root.appendingPathComponent(konRay), encoding: .utf8).split(separator: "\n").map(String.init)
        let identical = lines[1]
        let newer = lines[2].replacingOccurrences(of: "\"Tổ dân phố 6, thị trấn Đắk Rve\"", with: "\"Tổ dân phố 7, thị trấn Đắk Rve\"")
            .replacingOccurrences(of: "2024-11-23", with: "2024-12-05")
        let older = lines[3].replacingOccurrences(of: ",2,2024,2024-11-23", with: ",1,2024,2024-11-01")
        #expect(newer != lines[2] && older != lines[3])
        let folder = sandbox.inbox.appendingPathComponent("ubnd-sa-thay")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(([lines[0], identical, newer, older].joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("ho-ngheo-sa-thay-2024.csv"))
        try sandbox.arrived(sandbox.inbox)
    }

    /// The shared table's rows by personal ID.
    static func table(_ sandbox: Sandbox) throws -> [String: [[String: String]]] {
        Dictionary(grouping: try sandbox.csv(shared, entry: "data/ho-ngheo.csv")) { $0["so_dinh_danh"] ?? "" }
    }

    @Test func theNewerVersionIsKeptAndEveryVersionListed() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try Self.addSaThay(sandbox)
        let result = try sandbox.run("kdl-run", ["--as-of", Self.asOf])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("xung đột giữa các đơn vị: 3 khóa, 3 phiên bản để riêng (quy tắc newest:ngay_cap_nhat)"), "\(result.stdout)")
        #expect(result.stdout.contains("bản ghi giống hệt từ nhiều đơn vị (đã gộp): 1"))

        let table = try Self.table(sandbox)
        #expect(table.values.allSatisfy { $0.count == 1 })
        // Identical from Kon Rẫy and Sa Thầy: once, naming both.
        #expect(table["062085171883"]?.first?["nguon_du_lieu"] == "ubnd-kon-ray;ubnd-sa-thay")
        // Sa Thầy's is newer; Kon Rẫy's is newer than Sa Thầy's other one; Kon Rẫy's is newer than Đắk Hà's.
        #expect(table["062188944881"]?.first.map { "\($0["nguon_du_lieu"]!) \($0["ngay_cap_nhat"]!) \($0["dia_chi"]!)" }
                == "ubnd-sa-thay 2024-12-05 Tổ dân phố 7, thị trấn Đắk Rve")
        #expect(table["062308161578"]?.first.map { "\($0["nguon_du_lieu"]!) \($0["loai_ho"]!)" } == "ubnd-kon-ray 2")
        #expect(table["062201596666"]?.first?["nguon_du_lieu"] == "ubnd-kon-ray")

        let versions = try sandbox.csv(Self.shared, entry: "data/conflicts.csv")
        #expect(versions.map { "\($0["so_dinh_danh"]!) \($0["nguon_du_lieu"]!) \($0["duoc_chon"]!) \($0["truong_khac_nhau"]!)" }.sorted() == [
            "062188944881 ubnd-kon-ray false dia_chi;ngay_cap_nhat",
            "062188944881 ubnd-sa-thay true dia_chi;ngay_cap_nhat",
            "062201596666 ubnd-dak-ha false ma_ho;quan_he_chu_ho;ma_xa;ten_xa;dia_chi;nam_ra_soat;ngay_cap_nhat",
            "062201596666 ubnd-kon-ray true ma_ho;quan_he_chu_ho;ma_xa;ten_xa;dia_chi;nam_ra_soat;ngay_cap_nhat",
            "062308161578 ubnd-kon-ray true loai_ho;ngay_cap_nhat",
            "062308161578 ubnd-sa-thay false loai_ho;ngay_cap_nhat",
        ])
        #expect(versions.first { $0["so_dinh_danh"] == "062201596666" && $0["duoc_chon"] == "false" }?["vi_tri_nguon"] == "ubnd-dak-ha/ho-ngheo-2024.csv:43")

        // Counted the same in the bundle, the report and the HTML page; and every row accounted for.
        let quality = try JSONDecoder().decode(BundleQuality.self, from: sandbox.zipEntry(Self.shared, "quality.json"))
        let report = try JSONOutput.read(BundleReport.self, from: sandbox.file("reports/bundles/ho-ngheo.json"))
        #expect(report.quality == quality)
        #expect(quality.conflicts == ConflictSummary(rule: "newest:ngay_cap_nhat", keys: 3, versionsSetAside: 3, units: [
            .init(kept: "ubnd-kon-ray", setAside: "ubnd-dak-ha", versions: 1), .init(kept: "ubnd-kon-ray", setAside: "ubnd-sa-thay", versions: 1),
            .init(kept: "ubnd-sa-thay", setAside: "ubnd-kon-ray", versions: 1),
        ]))
        #expect(quality.mergedIdentical == 1 && quality.duplicatesAcrossUnits == 0)
        #expect(quality.rows.validated == 100 && quality.rowsBundled == 96)
        #expect(quality.rowsBundled + 1 + 3 + 0 == quality.rows.validated)
        #expect(quality.findings["conflict-across-units"] == 3 && quality.findings["identical-across-units"] == 1)
        let html = String(decoding: try sandbox.bytes("reports/quality_\(Self.asOf).html"), as: UTF8.self)
        #expect(html.contains("Giữ bản của Ủy ban nhân dân huyện Sa Thầy, để riêng bản của Ủy ban nhân dân huyện Kon Rẫy (hoạt động đến 2025-06-30; chưa ghi nhận đơn vị kế thừa): 1"))
        #expect(html.contains("Hợp lệ 100 = trong gói 96 + gộp 1 + phiên bản xung đột để riêng 3 + trùng để riêng 0"))

        // The open side has the counts, never the versions.
        let open = "open/ho-ngheo/ho-ngheo_\(Self.asOf).zip"
        #expect(try !ZipArchive(path: sandbox.file(open).path).members.map(\.name).contains("data/conflicts.csv"))

        // kdl-bundle alone, from the work files, writes the same bundle.
        let fused = try sandbox.bytes(Self.shared)
        #expect(try sandbox.run("kdl-bundle", ["--dataset", "ho-ngheo", "--as-of", Self.asOf]).status == 0)
        #expect(try sandbox.bytes(Self.shared) == fused)
    }

    /// `first-unit`, the rule of before: the unit first by id wins, even with the older record.
    @Test func underFirstUnitTheUnitFirstByIdWins() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try Self.addSaThay(sandbox)
        let dataset = sandbox.root.appendingPathComponent("pipelines/datasets/ho-ngheo.json")
        let text = try String(contentsOf: dataset, encoding: .utf8)
        try Data(text.replacingOccurrences(of: #""primaryKey": ["so_dinh_danh"],"#, with: #""primaryKey": ["so_dinh_danh"], "conflictRule": "first-unit","#).utf8)
            .write(to: dataset)
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf]).status == 0)
        let table = try Self.table(sandbox)
        #expect(table["062188944881"]?.first.map { "\($0["nguon_du_lieu"]!) \($0["ngay_cap_nhat"]!)" } == "ubnd-kon-ray 2024-11-23")
        #expect(table["062201596666"]?.first?["nguon_du_lieu"] == "ubnd-dak-ha")
        let quality = try JSONOutput.read(BundleReport.self, from: sandbox.file("reports/bundles/ho-ngheo.json")).quality
        #expect(quality.conflicts?.rule == "first-unit")
        #expect(quality.conflicts?.units == [.init(kept: "ubnd-dak-ha", setAside: "ubnd-kon-ray", versions: 1),
                                             .init(kept: "ubnd-kon-ray", setAside: "ubnd-sa-thay", versions: 2)])
    }

    /// A dataset that lets a unit repeat its own key (`duplicate-key` a warning) gets the second
    /// version as a conflict within the unit: the bundle written on the first read is given up
    /// and written again, leaving nothing behind, the same from kdl-bundle alone.
    @Test func aUnitRepeatingItsOwnKeyIsAConflictToo() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let dataset = sandbox.root.appendingPathComponent("pipelines/datasets/co-so-giao-duc.json")
        let text = try String(contentsOf: dataset, encoding: .utf8)
        try Data(text.replacingOccurrences(of: #""primaryKey": ["ma_truong"],"#,
                                           with: #""primaryKey": ["ma_truong"], "severities": {"duplicate-key": "warning"},"#).utf8).write(to: dataset)
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf]).status == 0)
        let zip = "shared/co-so-giao-duc/co-so-giao-duc_\(Self.asOf).zip"
        let versions = try sandbox.csv(zip, entry: "data/conflicts.csv")
        #expect(versions.map { "\($0["vi_tri_nguon"]!) \($0["duoc_chon"]!)" } == ["so-gddt/co-so-giao-duc.csv:13 false", "so-gddt/co-so-giao-duc.csv:28 true"])
        let quality = try JSONOutput.read(BundleReport.self, from: sandbox.file("reports/bundles/co-so-giao-duc.json")).quality
        #expect(quality.conflicts?.units == [.init(kept: "so-gddt", setAside: "so-gddt", versions: 1)])
        #expect(quality.rowsBundled + 1 == quality.rows.validated)
        #expect(try sandbox.csv(zip, entry: "data/co-so-giao-duc.csv").filter { $0["ma_truong"] == "62608049" }.count == 1)
        #expect(!sandbox.outputFiles().contains { $0.contains(AtomicFile.temporaryMarker) })
        let fused = try sandbox.bytes(zip)
        #expect(try sandbox.run("kdl-bundle", ["--dataset", "co-so-giao-duc", "--as-of", Self.asOf]).status == 0)
        #expect(try sandbox.bytes(zip) == fused)
    }
}
