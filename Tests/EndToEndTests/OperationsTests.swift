import Foundation
import Testing
@testable import KhoCore

/// What an on-call officer sees and plans with: the live progress on a terminal, the JSON event
/// log, `--dry-run`, `--explain`, the lock's holder, and the build named in every output.
@Suite(.serialized) struct OperationsTests {
    static let asOf = RunTests.asOf

    /// Runs `kdl-run` under a pseudo-terminal (`script`), as a person at a terminal would: standard
    /// output and error both go to the terminal, which `script` copies to our pipe. The terminal is
    /// made 160 columns wide: lines are cut to the width, and a pipe's is unknown (80 assumed).
    static func onTerminal(_ sandbox: Sandbox, _ arguments: [String]) throws -> Sandbox.Result {
        try sandbox.run("kdl-run", arguments, environment: ["TERM": "xterm"],
                        launcher: ["/bin/sh", "-c", "exec /usr/bin/script -qfec \"stty cols 160 rows 40; $*\" /dev/null", "sh"])
    }

    /// A Kon Rẫy export big enough for the display to redraw a few times.
    static func bigExport(_ sandbox: Sandbox, rows: Int) throws {
        try NothingLostTests.povertyExport(rows: 0..<rows, header: true).write(to: sandbox.root.appendingPathComponent(NothingLostTests.konRay))
        try sandbox.arrived(sandbox.inbox)
    }

    // MARK: - Seeing

    /// On a terminal the status lines are drawn and redrawn in place (cursor up, erase to the end
    /// of the screen), and erased before the summary; in a pipe or with --quiet, none of it.
    @Test func progressIsRedrawnInPlaceOnATerminalOnly() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try Self.bigExport(sandbox, rows: 12_000)
        let terminal = try Self.onTerminal(sandbox, ["--as-of", Self.asOf, "--force"])
        #expect(terminal.status == 0, "\(terminal.stdout)")
        let redraws = terminal.stdout.components(separatedBy: "\r\u{1B}[J").count - 1
        #expect(redraws >= 2, "\(terminal.stdout.debugDescription)")
        #expect(terminal.stdout.contains("ubnd-kon-ray/ho-ngheo  đọc  "), "\(terminal.stdout.debugDescription)")
        #expect(terminal.stdout.contains(" MB  "), "\(terminal.stdout.debugDescription)")
        #expect(terminal.stdout.contains(" dòng/s"), "\(terminal.stdout.debugDescription)")
        // The summary comes after the last erase: the screen ends clean.
        let tail = terminal.stdout.components(separatedBy: "\r\u{1B}[J").last ?? ""
        #expect(tail.contains("Xong sau") && !tail.contains("\u{1B}["), "\(tail.debugDescription)")

        let piped = try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--force"])
        #expect(piped.status == 0)
        #expect(!piped.stdout.contains("\u{1B}") && !piped.stderr.contains("\u{1B}"))
        #expect(!piped.stdout.contains(" dòng/s") && !piped.stderr.contains(" dòng/s"))

        let quiet = try Self.onTerminal(sandbox, ["--as-of", Self.asOf, "--unit", "ubnd-kon-ray", "--force", "--quiet"])
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty, "\(quiet.stdout.debugDescription)")
    }

    /// One JSON object per line and per event, appended to the file; `-` puts them on standard
    /// output, alone.
    @Test func theEventLogHasOneObjectPerEvent() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let log = sandbox.root.appendingPathComponent("events.jsonl")
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--log-json", log.path]).status == 0)
        let events = try Self.events(String(contentsOf: log, encoding: .utf8))
        let names = events.compactMap { $0["event"] as? String }
        #expect(names.first == "run-start" && names.last == "run-end")
        #expect(names.filter { $0 == "unit-start" }.count == 6 && names.filter { $0 == "unit-end" }.count == 6)
        #expect(names.filter { $0 == "findings" }.count == 6 && names.filter { $0 == "bundle-written" }.count == 4)
        #expect(Set(names) == ["run-start", "unit-start", "unit-end", "findings", "bundle-written", "run-end"])
        #expect(events.allSatisfy { $0["time"] is String && $0["pid"] is Int })
        let start = events[0]
        #expect(start["asOf"] as? String == Self.asOf && start["commit"] as? String == KhoDuLieu.build.commit)
        let konRay = try #require(events.first { $0["event"] as? String == "unit-end" && $0["unit"] as? String == "ubnd-kon-ray" })
        #expect(konRay["rows"] as? [String: Int] == ["read": 42, "extracted": 42, "unreadable": 0, "validated": 42, "rejected": 0])
        #expect(konRay["grade"] as? String == "A" && konRay["blocked"] as? Bool == false)
        let bundle = try #require(events.first { $0["event"] as? String == "bundle-written" && $0["dataset"] as? String == "ho-ngheo" })
        #expect((bundle["outputs"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
                == ["shared/ho-ngheo/ho-ngheo_\(Self.asOf).zip", "open/ho-ngheo/ho-ngheo_\(Self.asOf).zip"])
        #expect(events.last?["exitCode"] as? Int == 0)

        // Again, to standard output: nothing there but the events; the units reused are told.
        let again = try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--log-json", "-"])
        #expect(again.status == 0)
        let stdout = try Self.events(again.stdout)
        #expect(stdout.filter { $0["event"] as? String == "unit-reused" }.count == 6)
        #expect(!stdout.contains { $0["event"] as? String == "unit-start" })

        // A run refused at the lock is logged with its exit code, appended to the same file.
        let lock = try RunLock(sandbox.file(".lock"))
        defer { withExtendedLifetime(lock) {} }
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--log-json", log.path]).status == 75)
        let all = try Self.events(String(contentsOf: log, encoding: .utf8))
        #expect(all.count == events.count + 3)
        #expect(all.suffix(2).map { $0["event"] as? String } == ["error", "run-end"])
        #expect(all.suffix(2).map { $0["exitCode"] as? Int } == [75, 75])
        #expect((all[all.count - 2]["message"] as? String ?? "").contains("PID \(getpid())"))
    }

    static func events(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
    }

    // MARK: - Planning

    /// Every file under `out/` (hidden ones too) with its bytes, size, modification time and mode.
    static func tree(_ sandbox: Sandbox) -> [String: String] {
        var tree: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(atPath: sandbox.out.path) else { return tree }
        while let name = walker.nextObject() as? String {
            var info = stat()
            stat(sandbox.out.appendingPathComponent(name).path, &info)
            let bytes = (try? Data(contentsOf: sandbox.out.appendingPathComponent(name))).map { SHA256.hex(of: Array($0)) } ?? "folder"
            tree[name] = "\(bytes) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_mode)"
        }
        return tree
    }

    /// `--dry-run` says what would be read and why, and what would become of the bundles; it
    /// touches nothing: not the lock, not a killed run's temporary file, not a byte or a time.
    @Test func aDryRunSaysWhyAndTouchesNothing() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let first = try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--dry-run", "--lang", "en"])
        #expect(first.status == 0)
        #expect(first.stdout.contains("  ubnd-kon-ray: read (ubnd-kon-ray/ho-ngheo-kon-ray-2024.csv) because no earlier good run on record\n"), "\(first.stdout)")
        #expect(first.stdout.contains("  → would write shared/ho-ngheo/ho-ngheo_\(Self.asOf).zip, open/ho-ngheo/ho-ngheo_\(Self.asOf).zip\n"))
        #expect(first.stdout.contains("  → the open bundle is withheld if: grade C or worse; over 25.0% of rows rejected;"))
        #expect(first.stdout.contains("6 export(s) (unit/dataset) would be read."), "\(first.stdout)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.out.path))

        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--quiet"]).status == 0)
        // What a killed run leaves: its lock text and a temporary file. A real run would take both over.
        try Data("pid=999999\nhost=elsewhere\nstarted=2026-11-29T01:30:00Z\n".utf8).write(to: sandbox.file(".lock"))
        try Data("half".utf8).write(to: sandbox.file("work/so-gddt/co-so-giao-duc/.normalized.csv.tmp-999999-1"))
        let konRay = sandbox.root.appendingPathComponent(NothingLostTests.konRay)
        try Data((try String(contentsOf: konRay, encoding: .utf8) + "234790099,Y Lan\n").utf8).write(to: konRay)
        try sandbox.arrived(konRay)
        try FileManager.default.removeItem(at: sandbox.inbox.appendingPathComponent("ubnd-dak-ha/ho-ngheo-2024.csv"))
        let before = Self.tree(sandbox)
        sleep(1)
        let same = try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--dry-run", "--lang", "en"])
        let next = try sandbox.run("kdl-run", ["--as-of", "2026-11-30", "--dry-run", "--lang", "en", "--force"])
        #expect(Self.tree(sandbox) == before)
        #expect(same.status == 0 && next.status == 0)
        #expect(same.stdout.contains("  so-gddt: unchanged since the last run, its results reused\n"), "\(same.stdout)")
        #expect(same.stdout.contains("  → this night's bundles are already written and stand (open bundle published)\n"), "\(same.stdout)")
        #expect(same.stdout.contains("  ubnd-kon-ray: read (ubnd-kon-ray/ho-ngheo-kon-ray-2024.csv) because changed files: ho-ngheo-kon-ray-2024.csv\n"), "\(same.stdout)")
        #expect(same.stdout.contains("  ubnd-dak-ha: no export now; the results read earlier tonight used\n"), "\(same.stdout)")
        #expect(next.stdout.contains("  so-gddt: read (so-gddt/co-so-giao-duc.csv) because forced (--force); the last good run was for \(Self.asOf)\n"), "\(next.stdout)")
        #expect(next.stdout.contains("  ubnd-dak-ha: no export tonight; rows of \(Self.asOf) carried forward\n"), "\(next.stdout)")
    }

    /// `--explain` shows a unit's configuration as the night will use it, read from its export.
    @Test func explainPrintsTheResolvedConfiguration() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run("kdl-run", ["--explain", "ubnd-dak-ha", "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        for line in ["ubnd-dak-ha — Ủy ban nhân dân huyện Đắk Hà (000.00.35.H33)\n",
                     "  Source: ho-ngheo-*.csv · format csv · encoding auto · delimiter auto · header row auto\n",
                     "  File ubnd-dak-ha/ho-ngheo-2024.csv:\n",
                     "    encoding windows-1258 (detected, confidence 0.95)\n",
                     "    delimiter ; · header on line 5 · title lines skipped: 1, 2, 3, 4\n",
                     "    STT → (not used)\n", "    Họ và tên → ho_ten\n", "    Số CCCD → so_dinh_danh\n",
                     "    fields with no column: nam_ra_soat, ghi_chu\n",
                     "    so_dinh_danh (string, personal): required, personal-id, constraints (pattern ^[0-9]{9}([0-9]{3})?$), uniqueness\n",
                     "    ma_xa (string, open): required, code-list xa\n"] {
            #expect(result.stdout.contains(line), "\(line)\n\(result.stdout)")
        }
        #expect(!FileManager.default.fileExists(atPath: sandbox.out.path))
        let unknown = try sandbox.run("kdl-run", ["--explain", "ubnd-nowhere", "--lang", "en"])
        #expect(unknown.status == 64 && unknown.stderr.contains("--explain ubnd-nowhere: no such unit"))
    }

    // MARK: - The lock and the build

    /// A lock left by a killed run is taken over, and the night says so.
    @Test func aKilledRunsLockIsTakenOverAndReported() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(at: sandbox.out, withIntermediateDirectories: true)
        try Data("pid=999999\nhost=kho-01\nstarted=2026-11-29T01:30:00Z\n".utf8).write(to: sandbox.file(".lock"))
        let result = try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--lang", "en"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("The lock of an earlier run (PID 999999 on host kho-01, started 2026-11-29T01:30:00Z) was left when it was killed; taken over.\n"),
                "\(result.stdout)")
        let run = try sandbox.json("reports/run.json")
        let holder = try #require(run["lockTakenOver"] as? [String: Any])
        #expect(holder["pid"] as? Int == 999999 && holder["host"] as? String == "kho-01" && holder["started"] as? String == "2026-11-29T01:30:00Z")
        #expect(try sandbox.bytes(".lock").isEmpty)
        #expect(try sandbox.json("reports/run.json")["lockTakenOver"] != nil)
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--quiet"]).status == 0)
        #expect(try sandbox.json("reports/run.json")["lockTakenOver"] == nil)
    }

    /// `--version` names the version and the commit; the same build is in every report and bundle.
    @Test func theBuildIsNamedByVersionAndInEveryOutput() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        git.arguments = ["-C", Sandbox.repositoryRoot.path, "rev-parse", "HEAD"]
        let pipe = Pipe()
        git.standardOutput = pipe
        try git.run()
        let head = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        git.waitUntilExit()
        #expect(try sandbox.run("kdl-run", ["--version"]).stdout == "kdl-run \(KhoDuLieu.version) (commit \(head))\n")
        #expect(try sandbox.run("kdl-extract", ["--version"]).stdout == "kdl-extract \(KhoDuLieu.version) (commit \(head))\n")

        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--quiet"]).status == 0)
        let build: [String: AnyHashable] = ["version": KhoDuLieu.version, "commit": head]
        #expect(try sandbox.json("reports/run.json")["build"] as? [String: AnyHashable] == build)
        #expect(try sandbox.json("reports/bundles/ho-ngheo.json")["quality"].flatMap { ($0 as? [String: Any])?["build"] } as? [String: AnyHashable] == build)
        for report in ["extract.json", "quality.json", "normalize.json"] {
            #expect(try sandbox.json("work/ubnd-dak-ha/ho-ngheo/\(report)")["build"] as? [String: AnyHashable] == build, "\(report)")
        }
        #expect(try sandbox.run("kdl-report", ["--year", "2026", "--as-of", Self.asOf, "--quiet"]).status == 0)
        for report in ["reports/history/\(Self.asOf).json", "reports/units/ubnd-dak-ha.json", "reports/annual/2026.json"] {
            #expect(try sandbox.json(report)["build"] as? [String: AnyHashable] == build, "\(report)")
        }
        for side in ["shared", "open"] {
            let zip = "\(side)/ho-ngheo/ho-ngheo_\(Self.asOf).zip"
            #expect(try sandbox.json(zip, entry: "datapackage.json")["generator"] as? [String: AnyHashable] == build, "\(side)")
            #expect(try sandbox.json(zip, entry: "quality.json")["build"] as? [String: AnyHashable] == build, "\(side)")
        }
        let html = String(decoding: try sandbox.bytes("reports/quality_\(Self.asOf).html"), as: UTF8.self)
        #expect(html.contains("KhoDuLieu \(KhoDuLieu.version) (\(head.prefix(12)))"))
    }
}
