import Foundation
import Testing
@testable import KhoCore

/// Personal data kept no longer than needed, across nights run with `--as-of`: old work files and
/// bundles go and the night's report says which; a purged unit's rows leave every later bundle.
@Suite(.serialized) struct RetentionTests {
    static let first = CivilDate(iso: "2026-11-01")!

    static func night(_ offset: Int) -> String { first.adding(days: offset)?.description ?? "" }

    static func removed(_ sandbox: Sandbox) throws -> [[String: Any]] {
        try sandbox.json("reports/run.json")["removed"] as? [[String: Any]] ?? []
    }

    /// The units whose rows are in a shared bundle's table.
    static func units(in sandbox: Sandbox, _ dataset: String, night: String) throws -> Set<String> {
        let rows = try sandbox.csv("shared/\(dataset)/\(dataset)_\(night).zip", entry: "data/\(dataset).csv")
        return Set(rows.flatMap { ($0["nguon_du_lieu"] ?? "").split(separator: ";").map(String.init) })
    }

    @Test func workFilesOfAUnitThatStoppedSendingGoAfterTheirNights() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.night(0), "--quiet"]).status == 0)
        #expect(sandbox.exists("work/ubnd-kon-ray/ho-ngheo/normalized.csv"))
        try FileManager.default.removeItem(at: sandbox.inbox.appendingPathComponent("ubnd-kon-ray"))
        // Kept seven nights after the one it was read (while its rows are carried forward)…
        for offset in 1...7 {
            #expect(try sandbox.run("kdl-run", ["--as-of", Self.night(offset), "--quiet"]).status == 0)
            #expect(sandbox.exists("work/ubnd-kon-ray/ho-ngheo/normalized.csv"), "night +\(offset)")
            #expect(try Self.removed(sandbox).filter { $0["kind"] as? String == "work-files" }.isEmpty)
        }
        #expect(try Self.units(in: sandbox, "ho-ngheo", night: Self.night(7)).contains("ubnd-kon-ray"))
        // …and removed on the eighth, which the night's report and summary say.
        let result = try sandbox.run("kdl-run", ["--as-of", Self.night(8), "--lang", "en"])
        #expect(result.status == 0)
        #expect(!FileManager.default.fileExists(atPath: sandbox.file("work/ubnd-kon-ray").path))
        let work = try Self.removed(sandbox).filter { $0["kind"] as? String == "work-files" }
        #expect(work.count == 1)
        #expect(work.first?["path"] as? String == "work/ubnd-kon-ray/ho-ngheo" && work.first?["asOf"] as? String == Self.night(0))
        #expect(work.first?["files"] as? Int == 9)
        #expect(result.stdout.contains("Retention: removed old work files work/ubnd-kon-ray/ho-ngheo (\(Self.night(0)), 9)"), "\(result.stdout)")
        #expect(try !Self.units(in: sandbox, "ho-ngheo", night: Self.night(8)).contains("ubnd-kon-ray"))
        #expect(sandbox.exists("work/ubnd-dak-ha/ho-ngheo/normalized.csv"))
    }

    @Test func sharedBundlesFollowRetentionOpenOnesMayStayLonger() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.configure("nightly.json") {
            $0["retention"] = 2
            $0["openRetention"] = 3
            $0["workRetentionDays"] = 7
        }
        for offset in 0..<4 { #expect(try sandbox.run("kdl-run", ["--as-of", Self.night(offset), "--quiet"]).status == 0) }
        let shared = try FileSystem.names(in: sandbox.file("shared/ho-ngheo")).filter { $0.hasSuffix(".zip") }
        let open = try FileSystem.names(in: sandbox.file("open/ho-ngheo")).filter { $0.hasSuffix(".zip") }
        #expect(shared == [Self.night(2), Self.night(3)].map { "ho-ngheo_\($0).zip" })
        #expect(open == [Self.night(1), Self.night(2), Self.night(3)].map { "ho-ngheo_\($0).zip" })
        let removed = try Self.removed(sandbox).filter { ($0["path"] as? String)?.contains("/ho-ngheo/") == true }
        #expect(removed.map { $0["path"] as? String } == ["shared/ho-ngheo/ho-ngheo_\(Self.night(1)).zip", "open/ho-ngheo/ho-ngheo_\(Self.night(0)).zip"])
        #expect(removed.map { $0["kind"] as? String } == ["shared-bundle", "open-bundle"])
    }

    @Test func retentionSettingsAreChecked() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.configure("nightly.json") {
            $0["retention"] = 5
            $0["openRetention"] = 4
            $0["carryForwardDays"] = 10
            $0["workRetentionDays"] = 9
        }
        let result = try sandbox.run("kdl-run", ["--as-of", Self.night(0), "--lang", "en"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("pipelines/nightly.json: openRetention: must be at least retention (5)"), "\(result.stderr)")
        #expect(result.stderr.contains("pipelines/nightly.json: workRetentionDays: must be at least 1 and at least carryForwardDays (10)"), "\(result.stderr)")
    }

    @Test func aPurgedUnitLeavesEveryLaterBundleUntilItSendsANewExport() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.night(0), "--quiet"]).status == 0)
        #expect(try Self.units(in: sandbox, "ho-ngheo", night: Self.night(0)) == ["ubnd-dak-ha", "ubnd-kon-ray", "ubnd-sa-thay"])
        let result = try sandbox.run("kdl-run", ["--as-of", Self.night(1), "--purge-unit", "ubnd-kon-ray", "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Withdrew ubnd-kon-ray's data"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.file("work/ubnd-kon-ray").path))
        #expect(try Self.units(in: sandbox, "ho-ngheo", night: Self.night(1)) == ["ubnd-dak-ha", "ubnd-sa-thay"])
        #expect(try sandbox.json("reports/run.json")["purged"] as? [String] == ["ubnd-kon-ray"])
        let log = try JSONOutput.read(UnitPurge.Log.self, from: sandbox.file("reports/purges.json"))
        #expect(log.purges.count == 1 && log.purges[0].unit == "ubnd-kon-ray" && log.purges[0].asOf == Self.night(1))
        #expect(log.purges[0].removed.map(\.path) == ["work/ubnd-kon-ray/ho-ngheo"] && log.purges[0].removed[0].files == 9)
        #expect(log.purges[0].withdrawnInputs.map(\.file) == ["ho-ngheo-kon-ray-2024.csv"])
        // The export still in the inbox is not read again on later nights.
        for offset in [2, 3] {
            #expect(try sandbox.run("kdl-run", ["--as-of", Self.night(offset), "--quiet"]).status == 0)
            #expect(try Self.units(in: sandbox, "ho-ngheo", night: Self.night(offset)) == ["ubnd-dak-ha", "ubnd-sa-thay"], "night +\(offset)")
            #expect(!FileManager.default.fileExists(atPath: sandbox.file("work/ubnd-kon-ray").path))
        }
        // A new export (here the same file sent again, so a new modification time) is read as usual.
        try sandbox.arrived(sandbox.inbox.appendingPathComponent("ubnd-kon-ray"), secondsAgo: 600)
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.night(4), "--quiet"]).status == 0)
        #expect(try Self.units(in: sandbox, "ho-ngheo", night: Self.night(4)) == ["ubnd-dak-ha", "ubnd-kon-ray", "ubnd-sa-thay"])
    }

    /// Purged on the night already bundled, with nothing else changed: the bundle is written again without it.
    @Test func aPurgeOnTheSameNightRewritesItsBundle() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.night(0), "--quiet"]).status == 0)
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.night(0), "--quiet", "--purge-unit", "ubnd-kon-ray"]).status == 0)
        #expect(try Self.units(in: sandbox, "ho-ngheo", night: Self.night(0)) == ["ubnd-dak-ha", "ubnd-sa-thay"])
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.night(0), "--quiet", "--purge-unit", "no-such-unit"]).status == 64)
    }
}
