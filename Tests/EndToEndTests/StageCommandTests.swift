import Foundation
import Testing
@testable import KhoCore

/// The stage commands one by one, as an analyst reruns them, and what they do with bad input.
@Suite struct StageCommandTests {
    static let unitDataset = ["--unit", "ubnd-dak-ha", "--dataset", "ho-ngheo", "--as-of", RunTests.asOf]

    /// Every file under `out/` that the stage commands write, run one after another over every
    /// unit, is byte for byte the fused run's. Only what the nightly run alone writes differs: its
    /// run report, the night's history and HTML report, and the input fingerprints of reuse — and
    /// so the portal's dataset pages differ by their trend chart, drawn from that history, alone.
    @Test func eachStageAloneReproducesTheFusedRun() throws {
        let fused = try Sandbox()
        defer { fused.remove() }
        #expect(try fused.run("kdl-run", ["--as-of", RunTests.asOf]).status == 0)
        let staged = try Sandbox()
        defer { staged.remove() }
        let night = ["--as-of", RunTests.asOf]
        #expect(try staged.run("kdl-normalize", Self.unitDataset).status == 66)   // nothing validated yet
        for command in ["kdl-extract", "kdl-validate", "kdl-normalize", "kdl-bundle", "kdl-publish"] {
            let result = try staged.run(command, night)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let onlyFused = Set(["reports/run.json", "reports/history/\(RunTests.asOf).json", "reports/quality_\(RunTests.asOf).html"]
            + RunTests.units.flatMap { unit in TestSupport.datasets(of: unit).map { "work/\(unit)/\($0)/inputs.json" } })
        let fusedFiles = Set(fused.outputFiles()).subtracting([".lock"])
        let stagedFiles = Set(staged.outputFiles()).subtracting([".lock"])
        #expect(fusedFiles.subtracting(stagedFiles) == onlyFused)
        #expect(stagedFiles.subtracting(fusedFiles).isEmpty)
        #expect(stagedFiles.contains("work/ubnd-dak-ha/ho-ngheo/normalize.json"))
        // kdl-validate reads the workbook's columns from extract.json to name cells as the fused run does.
        try RunTests.expectWorkbookCells(staged)
        // The delivery audit trail records when each bundle was written: the same entries, other times.
        let trail = "reports/deliveries/\(RunTests.asOf).json"
        #expect(stagedFiles.contains(trail))
        for file in stagedFiles.intersection(fusedFiles).sorted() where file != trail {
            if file.hasPrefix("portal/") && file.contains("datasets/") {
                let withoutTrend = { (bytes: Data) in String(decoding: bytes, as: UTF8.self).replacingOccurrences(
                    of: "(?s)<figure>.*?</figure>\n", with: "", options: .regularExpression) }
                #expect(String(decoding: try fused.bytes(file), as: UTF8.self).contains("<figure>"))
                #expect(withoutTrend(try staged.bytes(file)) == withoutTrend(try fused.bytes(file)), "\(file) differs from the fused run")
                continue
            }
            #expect(try staged.bytes(file) == fused.bytes(file), "\(file) differs from the fused run")
        }
        let entries = { (sandbox: Sandbox) in
            try JSONOutput.read(Deliveries.Trail.self, from: sandbox.file(trail)).entries.map { [$0.dataset, $0.event.rawValue, $0.file, $0.sha256] }
        }
        #expect(try entries(staged) == entries(fused))
    }

    /// `validated.csv` names rows of `extracted.csv` by number: once the unit's export has been
    /// extracted again, that index is refused by `kdl-normalize` until `kdl-validate` runs again.
    @Test func normalizeRefusesAnIndexOfAnotherExtraction() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", RunTests.asOf]).status == 0)
        let before = try sandbox.bytes("work/ubnd-dak-ha/ho-ngheo/normalized.csv")
        let export = sandbox.inbox.appendingPathComponent("ubnd-dak-ha/ho-ngheo-2024.csv")
        // The first record's line taken out: every later record is a line higher.
        var lines = try Data(contentsOf: export).split(separator: 0x0A, omittingEmptySubsequences: false)
        let header = try #require(lines.firstIndex { $0.starts(with: Array("STT;".utf8)) })
        lines.remove(at: header + 1)
        try Data(lines.joined(separator: [0x0A])).write(to: export)
        try sandbox.arrived(export)
        #expect(try sandbox.run("kdl-extract", Self.unitDataset).status == 0)
        let refused = try sandbox.run("kdl-normalize", Self.unitDataset + ["--lang", "en"])
        #expect(refused.status == 66, "\(refused.stderr)")
        // The rows moved up with their line numbers: the lineage still matches, the values do not.
        #expect(refused.stderr.contains("work/ubnd-dak-ha/ho-ngheo/validated.csv:2:_hash: row "), "\(refused.stderr)")
        #expect(refused.stderr.contains("extracted.csv was written again after kdl-validate; run kdl-validate again"), "\(refused.stderr)")
        #expect(try sandbox.bytes("work/ubnd-dak-ha/ho-ngheo/normalized.csv") == before)
        #expect(try sandbox.run("kdl-validate", Self.unitDataset).status == 0)
        #expect(try sandbox.run("kdl-normalize", Self.unitDataset).status == 0)
        let normalized = try sandbox.csv("work/ubnd-dak-ha/ho-ngheo/normalized.csv")
        let validated = try sandbox.csv("work/ubnd-dak-ha/ho-ngheo/validated.csv")
        let quality = try JSONOutput.read(QualityReport.self, from: sandbox.file("work/ubnd-dak-ha/ho-ngheo/quality.json"))
        #expect(normalized.count == quality.rows.validated && normalized.count == validated.count)
        #expect(normalized.map { $0["_src"] ?? "" } == validated.map { $0["_src"] ?? "" })
    }

    @Test func anUnreadableExportBlocksItsDatasetButNotTheNight() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // A second schools export in an encoding it does not declare, and a monitoring file cut off mid-record.
        try Data([0x4D, 0xE3, 0x20, 0x74, 0x72, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: sandbox.inbox.appendingPathComponent("so-gddt/co-so-giao-duc-2.csv"))
        let xml = sandbox.inbox.appendingPathComponent("so-nnmt/quan-trac-nuoc-2026-q4.xml")
        let text = try Data(contentsOf: xml)
        try text.prefix(text.count / 2).write(to: xml)
        try sandbox.arrived(sandbox.inbox)
        let result = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf])
        #expect(result.status == 65, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("so-nnmt/quan-trac-nuoc-2026-q4.xml:"))
        #expect(result.stderr.contains("xml-malformed"))
        #expect(result.stderr.contains("so-gddt/co-so-giao-duc-2.csv"))
        #expect(result.stdout.contains("tệp xuất của so-nnmt không đọc được hoặc không đầy đủ"), "\(result.stdout)")
        #expect(result.stdout.contains("  2 dòng không đọc được: xml-malformed 2\n"), "\(result.stdout)")
        // The other datasets are bundled both ways; the broken ones keep their shared bundle but not the open one.
        for dataset in ["ho-kinh-doanh", "ho-ngheo"] {
            #expect(sandbox.exists("open/\(dataset)/\(dataset)_\(RunTests.asOf).zip"))
        }
        for dataset in ["co-so-giao-duc", "quan-trac-moi-truong"] {
            #expect(sandbox.exists("shared/\(dataset)/\(dataset)_\(RunTests.asOf).zip"))
            #expect(!sandbox.exists("open/\(dataset)/\(dataset)_\(RunTests.asOf).zip"))
            let report = try JSONOutput.read(BundleReport.self, from: sandbox.file("reports/bundles/\(dataset).json"))
            #expect(!report.openWithheld.isEmpty)
            // Withheld leaves nothing on the open side, not even an empty folder.
            #expect(!FileManager.default.fileExists(atPath: sandbox.file("open/\(dataset)").path))
        }
        let quality = try JSONOutput.read(QualityReport.self, from: sandbox.file("work/so-nnmt/quan-trac-moi-truong/quality.json"))
        #expect(quality.blocked && quality.rows.balances && quality.rows.unreadable == 2)
        #expect(!sandbox.outputFiles().contains { $0.contains(".tmp-") })
    }

    @Test func noInputAtAllExits66() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let empty = sandbox.root.appendingPathComponent("empty-inbox")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = try sandbox.run("kdl-run", ["--inbox", empty.path, "--as-of", RunTests.asOf])
        #expect(result.status == 66, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("so-gddt/co-so-giao-duc: không có tệp xuất đêm nay, không xếp hạng"))
        // No grade, and nothing published: no bundle at all, and no service pointing at one.
        #expect(!result.stdout.contains("hạng C") && !result.stdout.contains("hạng A"))
        #expect(!sandbox.outputFiles().contains { $0.hasSuffix(".zip") })
        let services = try JSONSerialization.jsonObject(with: sandbox.bytes("shared/services.json")) as? [String: Any]
        #expect((services?["services"] as? [Any])?.isEmpty == true)
        let run = try JSONSerialization.jsonObject(with: sandbox.bytes("reports/run.json")) as? [String: Any]
        #expect(run?["exitCode"] as? Int == 66 && (run?["units"] as? [Any])?.isEmpty == true)
        #expect((run?["absent"] as? [Any])?.count == 6)
    }

    @Test(arguments: ["kdl-extract", "kdl-validate", "kdl-normalize", "kdl-bundle", "kdl-run", "kdl-report", "kdl-publish"])
    func helpExplainsFlagsAndExitCodes(_ command: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        for language in ["vi", "en"] {
            let result = try sandbox.run(command, ["--help", "--lang", language])
            #expect(result.status == 0)
            for text in ["--as-of", "--out", "--pipeline", "65", "66", "75", "78"] {
                #expect(result.stdout.contains(text), "\(command) --help (\(language)) lacks \(text)")
            }
        }
        #expect(try sandbox.run(command, ["--version"]).stdout.hasPrefix(command))
    }

    @Test func usageAndConfigurationErrorsHaveTheirExitCodes() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // In the language asked for, wherever --lang stands: no English inside Vietnamese output.
        let unknown = try sandbox.run("kdl-run", ["--bogus"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("kdl-run: lỗi: tham số không hợp lệ --bogus (xem kdl-run --help)"), "\(unknown.stderr)")
        let english = try sandbox.run("kdl-run", ["--bogus", "--lang", "en"])
        #expect(english.status == 64 && english.stderr.hasPrefix("kdl-run: error: unknown argument --bogus"), "\(english.stderr)")
        #expect(try sandbox.run("kdl-run", ["--as-of", "29/11/2026"]).status == 64)
        #expect(try sandbox.run("kdl-validate", ["--unit", "no-such-unit"]).status == 64)
        let units = sandbox.root.appendingPathComponent("pipelines/units/ubnd-dak-ha.json")
        try Data(try String(contentsOf: units, encoding: .utf8).replacingOccurrences(of: "\"headerRow\"", with: "\"headerRows\"").utf8).write(to: units)
        let broken = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf])
        #expect(broken.status == 78)
        #expect(broken.stderr.contains("pipelines/units/ubnd-dak-ha.json: sources[0].headerRows: khóa không hợp lệ"))
        let brokenEnglish = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--lang", "en"])
        #expect(brokenEnglish.stderr.contains("pipelines/units/ubnd-dak-ha.json: sources[0].headerRows: unknown key"))
    }

    /// Three nights, then the yearly evaluation over them; a year without history is no input.
    @Test func yearlyReportAggregatesTheNights() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        for night in ["2026-10-31", "2026-11-15", "2026-11-29"] {
            _ = try sandbox.run("kdl-run", ["--as-of", night, "--quiet"])
            #expect(sandbox.exists("reports/history/\(night).json"))
            #expect(sandbox.exists("reports/quality_\(night).html"))
        }
        // A night with no export at all: no grade for anyone, counted as a night without export.
        let empty = sandbox.root.appendingPathComponent("empty-inbox")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-30", "--inbox", empty.path, "--quiet"]).status == 66)
        let result = try sandbox.run("kdl-report", ["--year", "2026", "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        let annual = try JSONOutput.read(AnnualReport.self, from: sandbox.file("reports/annual/2026.json"))
        #expect(annual.year == 2026 && annual.runs == 4)
        #expect(annual.units.count == 6)
        #expect(annual.units.allSatisfy { $0.runs == 3 && $0.lastDate == "2026-11-29" && $0.nightsWithoutExport == 1 })
        let html = String(decoding: try sandbox.bytes("reports/annual/2026.html"), as: UTF8.self)
        #expect(html.contains("<svg") && !html.contains("<script"))
        #expect(try sandbox.run("kdl-report", ["--year", "2025"]).status == 66)
    }

    @Test func aSecondRunWhileTheFirstHoldsTheLockExits75() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let lock = try RunLock(sandbox.file(".lock"))
        let result = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf])
        #expect(result.status == 75)
        withExtendedLifetime(lock) {}
    }
}
