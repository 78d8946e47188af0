import Foundation
import Testing
@testable import KhoCore

/// Recovery, proven with real signals, a real second process and a real full filesystem: whatever
/// stops a night, the next run ends with the bytes an uninterrupted run makes.
@Suite(.serialized) struct RecoveryTests {
    static let asOf = RunTests.asOf

    /// Names of the files in a folder under `out/` (hidden ones included), none when it is not there.
    static func names(_ sandbox: Sandbox, _ folder: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: sandbox.file(folder).path)) ?? []
    }

    static func size(_ sandbox: Sandbox, _ folder: String, prefix: String) -> Int64 {
        guard let name = names(sandbox, folder).first(where: { $0.hasPrefix(prefix) }),
              let attributes = try? FileManager.default.attributesOfItem(atPath: sandbox.file("\(folder)/\(name)").path) else { return 0 }
        return (attributes[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// `run.json` without what only a recovering run records: what it cleaned up, and which units
    /// it found already read tonight (`reused`).
    static func runReport(_ sandbox: Sandbox) throws -> NSDictionary {
        var run = try sandbox.json("reports/run.json")
        run["temporaryFilesRemoved"] = nil
        run["lockTakenOver"] = nil
        run["units"] = (run["units"] as? [[String: Any]])?.map { line in line.filter { $0.key != "reused" } }
        return run as NSDictionary
    }

    /// Where two files first differ, with some bytes around, for the failure message.
    static func firstDifference(_ first: Data, _ second: Data) -> String {
        let one = Array(first), two = Array(second)
        let offset = zip(one, two).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(one.count, two.count)
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, offset - 150)..<min(bytes.count, offset + 250)], as: UTF8.self)
        }
        return "byte \(offset) of \(one.count) and \(two.count):\n  \(around(one))\n  \(around(two))"
    }

    /// A 100,000-row night killed with SIGKILL at several points — at once, early and late in the
    /// reading, while a bundle is written, while the reports are — then run again: every output is
    /// byte for byte what an uninterrupted run with `--jobs 1` made (the killed runs and the rerun
    /// work on datasets in parallel), and no temporary file is left.
    @Test func aRunKilledAtSeveralPointsEndsByteIdentical() throws {
        let reference = try Sandbox(), killed = try Sandbox()
        defer { reference.remove(); killed.remove() }
        for sandbox in [reference, killed] { try OperationsTests.bigExport(sandbox, rows: 100_000) }
        #expect(try reference.run("kdl-run", ["--as-of", Self.asOf, "--quiet", "--jobs", "1"]).status == 0)

        let work = "work/ubnd-kon-ray/ho-ngheo"
        let points: [(name: String, reached: (Sandbox, Date) -> Bool)] = [
            ("at once", { _, started in Date().timeIntervalSince(started) > 0.05 }),
            ("early in the reading", { sandbox, _ in Self.names(sandbox, work).contains { $0.hasPrefix(".extracted.csv.tmp-") } }),
            ("late in the reading", { sandbox, _ in Self.size(sandbox, work, prefix: ".normalized.csv.tmp-") > 12_000_000 }),
            ("writing a bundle", { sandbox, _ in Self.names(sandbox, "shared/ho-ngheo").contains { $0.hasPrefix(".ho-ngheo_\(Self.asOf).zip.tmp-") } }),
            ("writing the reports", { sandbox, _ in
                Self.names(sandbox, "reports").contains { $0.contains(".tmp-") } || Self.names(sandbox, "reports/units").contains { $0.contains(".tmp-") } }),
        ]
        var hit: [String] = []
        var lastKilled: Int32?
        for point in points {
            let run = try killed.start("kdl-run", ["--as-of", Self.asOf, "--quiet"])
            let started = Date()
            while run.isRunning && Date().timeIntervalSince(started) < 600 && !point.reached(killed, started) { usleep(500) }
            if run.isRunning {
                kill(run.processIdentifier, SIGKILL)
                hit.append(point.name)
            }
            run.waitUntilExit()
            lastKilled = run.terminationReason == .uncaughtSignal ? run.processIdentifier : nil
        }
        // The reports take milliseconds to write: that one point may be missed; the others are not.
        #expect(hit.count >= 4 && Array(hit.prefix(4)) == points.prefix(4).map(\.name), "\(hit)")

        // In the reference's language: the HTML report is written in it.
        let rerun = try killed.run("kdl-run", ["--as-of", Self.asOf])
        #expect(rerun.status == 0, "\(rerun.stdout)\n\(rerun.stderr)")
        if let lastKilled {
            #expect(rerun.stdout.contains("Khóa của lần chạy trước (PID \(lastKilled) trên máy "), "\(rerun.stdout)")
            #expect((try killed.json("reports/run.json")["lockTakenOver"] as? [String: Any])?["pid"] as? Int == Int(lastKilled))
        }
        #expect(NothingLostTests.temporaryFiles(killed).isEmpty)
        // The delivery audit trail records wall-clock times: its files are compared by name only.
        let compared = { (file: String) in
            !file.hasSuffix("inputs.json") && file != ".lock" && file != "reports/run.json" && !file.hasPrefix("reports/deliveries/")
        }
        #expect(reference.outputFiles().filter { $0.hasPrefix("reports/deliveries/") } == killed.outputFiles().filter { $0.hasPrefix("reports/deliveries/") })
        let files = reference.outputFiles().filter(compared)
        #expect(files == killed.outputFiles().filter(compared))
        for file in files {
            let (one, two) = (try reference.bytes(file), try killed.bytes(file))
            #expect(one == two, "\(file) differs at \(Self.firstDifference(one, two))")
        }
        let (one, two) = (try Self.runReport(reference), try Self.runReport(killed))
        #expect(one == two, "\(one)\n\(two)")
        #expect(try killed.csv("shared/ho-ngheo/ho-ngheo_\(Self.asOf).zip", entry: "data/ho-ngheo.csv").count > 100_000)
    }

    /// A second run while one holds the lock exits 75 at once, naming the holder; the holder goes
    /// on undisturbed and ends as it would have alone.
    @Test func aSecondRunExits75AndTheHolderIsUnaffected() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try OperationsTests.bigExport(sandbox, rows: 20_000)
        let holder = try sandbox.start("kdl-run", ["--as-of", Self.asOf, "--quiet"])
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline && !Self.names(sandbox, "work/ubnd-kon-ray/ho-ngheo").contains(where: { $0.hasPrefix(".extracted.csv.tmp-") }) {
            usleep(1000)
        }
        #expect(holder.isRunning)
        let started = Date()
        let second = try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--lang", "en"])
        let seconds = Date().timeIntervalSince(started)
        #expect(second.status == 75)
        #expect(second.stderr.contains("is locked by another run (PID \(holder.processIdentifier) on host \(ProcessInfo.processInfo.hostName), started 20"),
                "\(second.stderr)")
        #expect(seconds < 5, "\(seconds) s")
        #expect(holder.isRunning)
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
        let run = try sandbox.json("reports/run.json")
        #expect(run["exitCode"] as? Int == 0 && run["failure"] == nil)
        #expect(try JSONOutput.read(QualityReport.self, from: sandbox.file("work/ubnd-kon-ray/ho-ngheo/quality.json")).rows.read == 20_000)
        #expect(NothingLostTests.temporaryFiles(sandbox).isEmpty)
        #expect(try sandbox.bytes(".lock").isEmpty)
        // What it wrote is what a run alone writes: the same night forced again gives the same bytes.
        let zip = "shared/ho-ngheo/ho-ngheo_\(Self.asOf).zip"
        let bytes = try sandbox.bytes(zip)
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--quiet", "--force"]).status == 0)
        #expect(try sandbox.bytes(zip) == bytes)
    }

    /// A full filesystem in the middle of a night (a tmpfs filled up, where the test may mount one;
    /// else an injected ENOSPC): exit 74 naming the file, last night's bundles intact and still
    /// matching their checksums, nothing half-written, and the failed night in `run.json`.
    @Test func aFullFilesystemKeepsLastNightsBundlesAndRecordsTheFailure() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(at: sandbox.out, withIntermediateDirectories: true)
        let mounted = getuid() == 0 && (try? Process.run(URL(fileURLWithPath: "/bin/mount"),
                                                         arguments: ["-t", "tmpfs", "-o", "size=4m,mode=0755", "tmpfs", sandbox.out.path])).map {
            $0.waitUntilExit()
            return $0.terminationStatus == 0
        } == true
        defer {
            if mounted { _ = try? Process.run(URL(fileURLWithPath: "/bin/umount"), arguments: [sandbox.out.path]).waitUntilExit() }
        }
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-28", "--quiet"]).status == 0)
        // The bundles themselves; the portal keeps copies of the open ones, checked with it.
        let bundles = sandbox.outputFiles().filter { !$0.hasPrefix("portal/") && ($0.hasSuffix(".zip") || $0.hasSuffix(".zip.sha256")) }
        #expect(bundles.count == 16)
        let before = try Dictionary(uniqueKeysWithValues: bundles.map { ($0, try sandbox.bytes($0)) })

        var environment: [String: String] = [:]
        if mounted {
            // Fill the disk, then give back 24 KiB: room for a report, not for a night.
            let filler = sandbox.file("filler")
            FileManager.default.createFile(atPath: filler.path, contents: nil)
            let handle = try FileHandle(forWritingTo: filler)
            let chunk = Data(count: 64 << 10)
            while (try? handle.write(contentsOf: chunk)) != nil {}
            let size = try handle.seekToEnd()
            try handle.truncate(atOffset: size > 24 << 10 ? size - (24 << 10) : 0)
            try handle.close()
        } else {
            environment["KDL_INJECT_FAULT"] = "write:normalized.csv"
        }
        let result = try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--lang", "en"], environment: environment)
        #expect(result.status == 74, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("No space left on device"), "\(result.stderr)")
        #expect(NothingLostTests.temporaryFiles(sandbox).isEmpty)
        for (path, bytes) in before {
            #expect(try sandbox.bytes(path) == bytes, "\(path)")
        }
        for zip in bundles where zip.hasSuffix(".zip") {
            let sidecar = String(decoding: try sandbox.bytes(zip + ".sha256"), as: UTF8.self)
            #expect(sidecar.hasPrefix(SHA256.hex(of: Array(try sandbox.bytes(zip)))), "\(zip)")
        }
        // A dataset bundled before the disk filled up has its bundle, whole: every bundle there is complete.
        for zip in sandbox.outputFiles() where zip.hasSuffix(".zip") {
            #expect(try ZipArchive(path: sandbox.file(zip).path).members.count >= 4, "\(zip)")
        }
        #expect(sandbox.outputFiles().filter { $0.hasSuffix("_\(Self.asOf).zip") }.count < 8)
        let run = try sandbox.json("reports/run.json")
        #expect(run["asOf"] as? String == Self.asOf && run["exitCode"] as? Int == 74)
        #expect(((run["failure"] as? [String: String])?["en"] ?? "").contains("No space left on device"), "\(run)")
    }
}
