import Foundation
import Testing
@testable import KhoCore

/// `kdl-run` over the sample inbox, as cron runs it.
@Suite(.serialized) struct RunTests {
    static let asOf = "2026-11-29"
    static let datasets = ["co-so-giao-duc", "ho-kinh-doanh", "ho-ngheo", "quan-trac-moi-truong"]
    static let units = ["so-gddt", "so-khdt", "so-nnmt", "ubnd-dak-ha", "ubnd-kon-ray", "ubnd-sa-thay"]

    @Test func samplesRunCleanAndLeaveEveryOutput() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run("kdl-run", ["--as-of", Self.asOf])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        for dataset in Self.datasets {
            for side in ["shared", "open"] {
                let zip = "\(side)/\(dataset)/\(dataset)_\(Self.asOf).zip"
                #expect(sandbox.exists(zip), "\(zip)")
                // The sidecar is what `sha256sum -c` reads: "<hex>  <name>\n", and the hex is right.
                let sidecar = String(decoding: try sandbox.bytes(zip + ".sha256"), as: UTF8.self)
                #expect(sidecar == "\(SHA256.hex(of: Array(try sandbox.bytes(zip))))  \(dataset)_\(Self.asOf).zip\n")
                let names = try ZipArchive(path: sandbox.file(zip).path).members.map(\.name)
                // Data first (streamed while it is produced), then what describes it.
                #expect(Array(names.suffix(3)) == ["datapackage.json", "README.md", "quality.json"])
                #expect(names.count > 3 && names.dropLast(3).allSatisfy { $0.hasPrefix("data/") && $0.hasSuffix(".csv") })
            }
        }
        for path in ["open/catalog.jsonld", "shared/catalog.jsonld", "shared/services.json", "reports/run.json", "reports/history/\(Self.asOf).json",
                     "reports/quality_\(Self.asOf).html"] {
            #expect(sandbox.exists(path), "\(path)")
        }
        for unit in Self.units { #expect(sandbox.exists("reports/units/\(unit).json")) }
        #expect(try Sandbox.nodes(sandbox.json("open/catalog.jsonld")["dcat:dataset"]).compactMap { $0["dct:identifier"] as? String } == Self.datasets)
        #expect(!sandbox.exists("open/catalog.json"))
        let services = try JSONSerialization.jsonObject(with: sandbox.bytes("shared/services.json")) as? [String: Any]
        #expect((services?["services"] as? [Any])?.count == 4)
        #expect(!sandbox.outputFiles().contains { $0.contains(".tmp-") })
        try Self.expectWorkbookCells(sandbox)
    }

    /// A check's finding on a field of the sample workbook names its cell, in `quality.json` and in
    /// `_flags`; a CSV unit's findings have no cell at all.
    static func expectWorkbookCells(_ sandbox: Sandbox) throws {
        let quality = try JSONOutput.read(QualityReport.self, from: sandbox.file("work/ubnd-sa-thay/ho-ngheo/quality.json"))
        let stale = quality.checks.first { $0.code == .recordStale }?.examples.first
        #expect(stale?.location.cell == "DanhSach!N6")
        #expect(stale?.location.rendered == "ubnd-sa-thay/ho-ngheo-sa-thay-2024.xlsx:6:ngay_cap_nhat (DanhSach!N6)")
        let first = try sandbox.csv("work/ubnd-sa-thay/ho-ngheo/validated.csv").first { $0["_src"] == "ubnd-sa-thay/ho-ngheo-sa-thay-2024.xlsx:6" }
        #expect(first?["_flags"]?.split(separator: ";").contains("ngay_cap_nhat:record-stale (DanhSach!N6)") == true)
        #expect(!String(decoding: try sandbox.bytes("work/ubnd-dak-ha/ho-ngheo/quality.json"), as: UTF8.self).contains("\"cell\""))
    }

    @Test func rowAccountingBalancesEverywhere() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.run("kdl-run", ["--as-of", Self.asOf])
        let config = TestSupport.load(sandbox)
        for unit in config.units {
            for dataset in Set(unit.sources.map(\.dataset)) {
                let quality = try JSONOutput.read(QualityReport.self, from: sandbox.file("work/\(unit.id)/\(dataset)/quality.json"))
                #expect(quality.rows.balances, "\(unit.id)/\(dataset): \(quality.rows)")
                #expect(quality.rows.read > 0)
                let validated = try sandbox.csv("work/\(unit.id)/\(dataset)/validated.csv")
                let rejected = try sandbox.csv("work/\(unit.id)/\(dataset)/rejected.csv")
                let unreadable = try sandbox.csv("work/\(unit.id)/\(dataset)/unreadable.csv").count
                #expect(validated.count == quality.rows.validated && rejected.count == quality.rows.rejected && unreadable == quality.rows.unreadable)
                #expect(rejected.allSatisfy { !($0["_errors"] ?? "").isEmpty })
                // validated.csv names its rows of extracted.csv by number: every extracted row is
                // named there or rejected, exactly once.
                let extracted = try sandbox.csv("work/\(unit.id)/\(dataset)/extracted.csv")
                #expect(extracted.count == quality.rows.extracted)
                let numbers = validated.compactMap { $0["_row"].flatMap { Int($0) } }
                #expect(numbers.count == validated.count && numbers == numbers.sorted() && Set(numbers).count == numbers.count)
                #expect(zip(numbers, validated).allSatisfy { number, row in extracted.indices.contains(number - 1) && extracted[number - 1]["_src"] == row["_src"] })
                let accepted = Set(numbers)
                let rest = extracted.indices.filter { !accepted.contains($0 + 1) }.map { extracted[$0] }
                #expect(rest.map { $0["_src"] ?? "" } == rejected.map { $0["_src"] ?? "" }, "\(unit.id)/\(dataset)")
                #expect(zip(rest, rejected).allSatisfy { found, kept in found.filter { !$0.key.hasPrefix("_") } == kept.filter { !$0.key.hasPrefix("_") } })
            }
        }
        // Every validated row is in the table, merged into an identical row there, or set aside and
        // listed: a losing version of a conflict in the bundle's conflicts table, a copy or a
        // repeated unique value in duplicates.csv.
        for dataset in Self.datasets {
            let quality = try JSONOutput.read(BundleReport.self, from: sandbox.file("reports/bundles/\(dataset).json")).quality
            let merged = try #require(quality.mergedIdentical), conflicts = try #require(quality.conflicts)
            #expect(quality.rowsBundled + merged + conflicts.versionsSetAside + quality.duplicatesAcrossUnits == quality.rows.validated, "\(dataset)")
            let zip = "shared/\(dataset)/\(dataset)_\(Self.asOf).zip"
            #expect(try sandbox.csv(zip, entry: "data/\(dataset).csv").count == quality.rowsBundled)
            let versions = try sandbox.csv(zip, entry: "data/conflicts.csv")
            #expect(versions.filter { $0["duoc_chon"] == "false" }.count == conflicts.versionsSetAside)
            #expect(versions.filter { $0["duoc_chon"] == "true" }.count == conflicts.keys)
            #expect(try sandbox.csv("work/_bundle/\(dataset)/duplicates.csv").count == merged + quality.duplicatesAcrossUnits)
        }
        let poverty = try JSONOutput.read(BundleReport.self, from: sandbox.file("reports/bundles/ho-ngheo.json")).quality
        #expect(poverty.conflicts?.keys == 1 && poverty.rowsBundled == poverty.rows.validated - 1)
    }

    /// Đắk Hà writes "Nam", "Kinh", "Chủ hộ", "Hộ nghèo" where the codes belong, on every row. Each
    /// was resolved to its code; at half a row each that graded the unit B (9.2 = 47.6). Now it is
    /// told once per column, and graded on what it really got wrong.
    @Test func namesForCodesAreAHabitToFixNotAGrade() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.run("kdl-run", ["--as-of", Self.asOf])
        let quality = try JSONOutput.read(QualityReport.self, from: sandbox.file("work/ubnd-dak-ha/ho-ngheo/quality.json"))
        #expect(quality.score.scores["9.2"] == 83.8)   // 3 wrong codes + 3 rows with another warning × 0.5 + 57 × 0.1
        #expect(quality.score.overall == 93.5 && quality.score.grade == .a)
        #expect(quality.scoreWeights == ["code-from-name": 0.1])
        #expect(quality.habits?.map { "\($0.field) \($0.title): \($0.rows)" } == [
            "gioi_tinh Giới tính: 63", "ma_dan_toc Dân tộc: 63", "quan_he_chu_ho Quan hệ với chủ hộ: 63", "loai_ho Loại hộ: 63",
        ])
        let html = String(decoding: try sandbox.bytes("reports/quality_\(Self.asOf).html"), as: UTF8.self)
        #expect(html.contains("<li title=\"code-from-name\">Cột <em>Giới tính</em> ghi tên thay cho mã: 63 dòng</li>"))
        #expect(html.contains("<span class=\"value\" title=\"Giá trị\">31/02/****</span>"))
    }

    @Test func openBundlesCarryNoPersonalOrSharedField() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.run("kdl-run", ["--as-of", Self.asOf])
        let config = TestSupport.load(sandbox)
        for dataset in Self.datasets {
            let schema = try #require(config.datasets[dataset])
            let closed = Set(schema.fields.filter { $0.classification != .open }.map(\.name))
            let zip = "open/\(dataset)/\(dataset)_\(Self.asOf).zip"
            let package = try JSONSerialization.jsonObject(with: sandbox.zipEntry(zip, "datapackage.json")) as? [String: Any]
            let resources = package?["resources"] as? [[String: Any]] ?? []
            #expect(!resources.isEmpty)
            for resource in resources {
                let fields = (resource["schema"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []
                for field in fields {
                    #expect(field["classification"] as? String == "open", "\(dataset): \(field["name"] ?? "")")
                    #expect(!closed.contains(field["name"] as? String ?? ""), "\(dataset): \(field["name"] ?? "")")
                }
                let data = String(decoding: try sandbox.zipEntry(zip, resource["path"] as? String ?? ""), as: UTF8.self)
                let header = data.split(separator: "\r\n").first.map { $0.split(separator: ",").map(String.init) } ?? []
                #expect(header == fields.compactMap { $0["name"] as? String })
                // No value of a personal field from the shared bundle appears anywhere in the open data.
                let shared = String(decoding: try sandbox.zipEntry("shared/\(dataset)/\(dataset)_\(Self.asOf).zip", "data/\(dataset).csv"), as: UTF8.self)
                let rows = try TestSupport.parseCSV(shared)
                let sharedHeader = rows.first?.fields ?? []
                for (column, name) in sharedHeader.enumerated() where schema.field(name)?.classification == .personal {
                    for row in rows.dropFirst() where row.fields[column].count >= 8 {
                        #expect(!data.contains(row.fields[column]), "\(dataset).\(name) leaked into the open bundle")
                    }
                }
            }
        }
    }

    @Test func sameInputsAndDateGiveByteIdenticalOutputs() throws {
        let first = try Sandbox(), second = try Sandbox()
        defer { first.remove(); second.remove() }
        #expect(try first.run("kdl-run", ["--as-of", Self.asOf]).status == 0)
        #expect(try second.run("kdl-run", ["--as-of", Self.asOf, "--jobs", "1"]).status == 0)
        let files = first.outputFiles().filter { !$0.hasSuffix("inputs.json") && $0 != ".lock" }
        #expect(files == second.outputFiles().filter { !$0.hasSuffix("inputs.json") && $0 != ".lock" })
        // The delivery audit trail is a record of when things happened: its times are the clock's.
        let trail = "reports/deliveries/\(Self.asOf).json"
        #expect(files.contains(trail))
        for file in files where file != trail {
            #expect(try first.bytes(file) == second.bytes(file), "\(file) differs")
        }
        #expect(files.filter { $0.hasSuffix(".zip") && !$0.hasPrefix("portal/") }.count == 8)
        #expect(files.filter { $0.hasPrefix("portal/") && $0.hasSuffix(".html") }.count == 10)
    }

    @Test func aSecondRunWithUnchangedInputsReusesTheOutputs() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.run("kdl-run", ["--as-of", Self.asOf])
        let zip = "shared/ho-ngheo/ho-ngheo_\(Self.asOf).zip"
        let before = try sandbox.bytes(zip)
        func fileNumber() throws -> Int? {
            try FileManager.default.attributesOfItem(atPath: sandbox.file(zip).path)[.systemFileNumber] as? Int
        }
        let file = try fileNumber()
        let again = try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--lang", "en"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("reused: so-gddt/co-so-giao-duc"))
        #expect(try sandbox.bytes(zip) == before)
        // The bundle itself stands, not one written again with the same bytes.
        #expect(try fileNumber() == file && file != nil)
        // Forced, it is written again.
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--force", "--quiet"]).status == 0)
        #expect(try fileNumber() != file)
    }
}

enum TestSupport {
    static func load(_ sandbox: Sandbox) -> Configuration {
        (try? Configuration.load(pipelineFile: sandbox.root.appendingPathComponent("pipelines/nightly.json")))!
    }

    /// The datasets a sample unit sends, from the repository's configuration.
    static func datasets(of unit: String) -> [String] {
        let config = try? Configuration.load(pipelineFile: Sandbox.repositoryRoot.appendingPathComponent("pipelines/nightly.json"))
        return Set(config?.unit(unit)?.sources.map(\.dataset) ?? []).sorted()
    }

    static func parseCSV(_ text: String) throws -> [CSVReader.Row] {
        let reader = CSVReader(stream: MemoryByteStream(Array(text.utf8)), delimiter: UInt8(ascii: ","))
        var rows: [CSVReader.Row] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }
}
