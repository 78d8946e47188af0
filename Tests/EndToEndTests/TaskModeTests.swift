import Foundation
import Testing
@testable import KhoCore

/// `--task`, as `scripts/spark/kdl_spark.py` runs the stages: each unit × dataset alone, in a
/// folder of its own, then the work folders gathered and bundled in one place.
@Suite struct TaskModeTests {
    /// The reduce step of a distributed run, without Spark: the bundles and catalogs under `shared/`
    /// and `open/`, and the work files, are byte for byte those of `kdl-run` over the same inbox.
    @Test func tasksInFoldersOfTheirOwnGatheredAndBundledGiveTheFusedRunsBytes() throws {
        let fused = try Sandbox()
        defer { fused.remove() }
        let fusedRun = try fused.run("kdl-run", ["--as-of", RunTests.asOf])
        #expect(fusedRun.status == 0, "\(fusedRun.stderr)")
        let gathered = try Sandbox()
        defer { gathered.remove() }
        let files = FileManager.default
        var tasks = 0
        for unit in RunTests.units {
            for dataset in TestSupport.datasets(of: unit) {
                // A task sees only its unit's exports, copied to its machine with their times kept.
                let folder = gathered.root.appendingPathComponent("tasks/\(unit)/\(dataset)", isDirectory: true)
                let inbox = folder.appendingPathComponent("inbox", isDirectory: true)
                let out = folder.appendingPathComponent("out", isDirectory: true)
                try files.createDirectory(at: inbox, withIntermediateDirectories: true)
                try files.copyItem(at: gathered.inbox.appendingPathComponent(unit), to: inbox.appendingPathComponent(unit))
                try gathered.arrived(inbox)
                let task = ["--task", "--unit", unit, "--dataset", dataset, "--as-of", RunTests.asOf, "--out", out.path]
                for (command, extra) in [("kdl-extract", ["--inbox", inbox.path]), ("kdl-validate", []), ("kdl-normalize", [])] {
                    let result = try gathered.run(command, task + extra)
                    #expect([0, 65].contains(result.status), "\(command) \(unit) \(dataset): \(result.stderr)")
                    #expect(result.stdout.isEmpty, "\(command) printed: \(result.stdout)")
                }
                let written = Self.files(under: out).filter { $0 != ".lock" }
                #expect(!written.isEmpty)
                #expect(written.allSatisfy { $0.hasPrefix("work/\(unit)/\(dataset)/") }, "\(written)")
                let target = gathered.file("work/\(unit)")
                try files.createDirectory(at: target, withIntermediateDirectories: true)
                try files.copyItem(at: out.appendingPathComponent("work/\(unit)/\(dataset)"), to: target.appendingPathComponent(dataset))
                tasks += 1
            }
        }
        #expect(tasks == 6)
        let bundle = try gathered.run("kdl-bundle", ["--as-of", RunTests.asOf])
        #expect(bundle.status == 0, "\(bundle.stderr)")
        let published = { (sandbox: Sandbox) in sandbox.outputFiles().filter { $0.hasPrefix("shared/") || $0.hasPrefix("open/") } }
        #expect(published(gathered) == published(fused))
        #expect(published(fused).filter { $0.hasSuffix(".zip") }.count == 8)
        for file in published(fused) {
            #expect(try gathered.bytes(file) == fused.bytes(file), "\(file) differs from the fused run")
        }
        // What each unit sent, as the stages leave it, also matches (inputs.json is kdl-run's reuse record).
        let work = { (sandbox: Sandbox) in
            sandbox.outputFiles().filter { $0.hasPrefix("work/") && !$0.hasPrefix("work/_bundle/") && !$0.hasSuffix("/inputs.json") }
        }
        #expect(work(gathered) == work(fused))
        for file in work(fused) {
            #expect(try gathered.bytes(file) == fused.bytes(file), "\(file) differs from the fused run")
        }
    }

    @Test func aTaskNamesEverythingItUsesOnTheCommandLine() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let out = sandbox.root.appendingPathComponent("task-out").path
        let cases: [(String, [String], String)] = [
            ("kdl-extract", ["--unit", "ubnd-dak-ha", "--dataset", "ho-ngheo", "--out", out], "--task cần --inbox"),
            ("kdl-validate", ["--dataset", "ho-ngheo", "--out", out], "--task cần đúng một --unit và một --dataset"),
            ("kdl-normalize", ["--unit", "ubnd-dak-ha", "--unit", "ubnd-kon-ray", "--dataset", "ho-ngheo", "--out", out],
             "--task cần đúng một --unit và một --dataset"),
            ("kdl-validate", ["--unit", "ubnd-dak-ha", "--dataset", "ho-ngheo"], "--task cần --out"),
            ("kdl-run", [], "tham số không hợp lệ --task"),
            ("kdl-bundle", ["--dataset", "ho-ngheo"], "tham số không hợp lệ --task"),
        ]
        for (command, arguments, message) in cases {
            let result = try sandbox.run(command, ["--task", "--as-of", RunTests.asOf] + arguments)
            #expect(result.status == 64, "\(command) \(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(command): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        // A unit's report covers all its datasets: a task, which sees one, leaves it to local runs.
        let inbox = sandbox.inbox.path
        let task = ["--task", "--unit", "ubnd-dak-ha", "--dataset", "ho-ngheo", "--as-of", RunTests.asOf, "--out", out]
        #expect(try sandbox.run("kdl-extract", task + ["--inbox", inbox]).status == 0)
        #expect(try sandbox.run("kdl-validate", task).status == 0)
        #expect(Self.files(under: URL(fileURLWithPath: out)).filter { $0 != ".lock" } ==
                ["extract.json", "extracted.csv", "quality.json", "rejected.csv", "unreadable.csv", "validated.csv"].map { "work/ubnd-dak-ha/ho-ngheo/\($0)" })
        #expect(try sandbox.run("kdl-extract", ["--help"]).stdout.contains("--task"))
    }

    static func files(under folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var files: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(name)
            }
        }
        return files.sorted()
    }
}
