import Foundation
import Testing

/// What a crash could undo, read from the system calls of a real night (`strace`): every file's
/// bytes are flushed before it is renamed into place, every folder renamed into is synced after
/// its last rename and before the command ends, and a folder is not synced once per file.
@Suite struct DurabilityTests {
    static let strace = "/usr/bin/strace"

    struct Call {
        let name: String
        let paths: [String]
    }

    /// `strace -f -y` lines: `123 fsync(7</abs/path>) = 0`, `123 rename("/a", "/b") = 0`, in the
    /// order they started. Calls that failed are left out; one another thread's call interrupted
    /// in the trace (`<unfinished ...>`, its result in a later `resumed` line) is kept, whatever
    /// its result: the run's exit status says whether one failed.
    static func calls(_ trace: String) -> [Call] {
        trace.split(separator: "\n").compactMap { line -> Call? in
            var line = line
            if line.hasSuffix(" <unfinished ...>") { line = line.dropLast(" <unfinished ...>".count) + ") = 0" }
            guard line.hasSuffix(") = 0"), !line.contains("resumed>"), let open = line.firstIndex(of: "(") else { return nil }
            let name = String(line[..<open].split(separator: " ").last ?? "")
            let arguments = line[line.index(after: open)...]
            switch name {
            case "fsync":
                guard let start = arguments.firstIndex(of: "<"), let end = arguments.lastIndex(of: ">") else { return nil }
                return Call(name: name, paths: [String(arguments[arguments.index(after: start)..<end])])
            case "rename":
                return Call(name: name, paths: arguments.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) })
            default:
                return nil
            }
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: strace)))
    func renamesAreFlushedFirstAndDurableBeforeTheEnd() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let trace = sandbox.root.appendingPathComponent("trace.txt")
        let result = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet"],
                                     launcher: [Self.strace, "-f", "-y", "-qq", "-e", "trace=fsync,rename", "-o", trace.path])
        #expect(result.status == 0, "\(result.stderr)")
        let calls = Self.calls(try String(contentsOf: trace, encoding: .utf8))
        let out = sandbox.out.resolvingSymlinksInPath().path + "/"
        let renames = calls.enumerated().filter { $0.element.name == "rename" && $0.element.paths.count == 2 && $0.element.paths[1].hasPrefix(out) }
        #expect(renames.count >= 20)

        var lastRenameInto: [String: Int] = [:]
        for (index, call) in renames {
            let temporary = call.paths[0]
            #expect(calls[..<index].contains { $0.name == "fsync" && $0.paths == [temporary] }, "\(call.paths[1]) renamed before its bytes were flushed")
            lastRenameInto[(call.paths[1] as NSString).deletingLastPathComponent] = index
        }
        for (folder, last) in lastRenameInto.sorted(by: { $0.key < $1.key }) {
            let syncs = calls.indices.filter { calls[$0].name == "fsync" && calls[$0].paths == [folder] }
            #expect(syncs.contains { $0 > last }, "\(folder) not synced after its last rename")
            let renamedInto = renames.filter { ($0.element.paths[1] as NSString).deletingLastPathComponent == folder }.count
            // Synced where the run states what it wrote (before deliveries, at the end), not after each file.
            if renamedInto >= 3 { #expect(syncs.count <= 2, "\(folder): \(syncs.count) syncs for \(renamedInto) renames") }
        }
    }
}
