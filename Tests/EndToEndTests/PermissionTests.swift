import Foundation
import Testing
@testable import KhoCore

/// Who may read what a night writes, whatever the umask it runs under and whoever runs it: every
/// mode is the configured one, and another account reads every open file and no shared or work file.
@Suite(.serialized) struct PermissionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var umask: String
        /// Runs `kdl-run` as `nobody` (through setpriv) instead of root.
        var asNobody: Bool
        /// `permissions.group` in nightly.json.
        var group: String?
        var testDescription: String { "umask \(umask), \(asNobody ? "nobody" : "root"), group \(group ?? "none")" }
    }

    static let cases = [Case(umask: "000", asNobody: false, group: nil), Case(umask: "077", asNobody: false, group: nil),
                        Case(umask: "000", asNobody: true, group: nil), Case(umask: "077", asNobody: false, group: "nogroup"),
                        Case(umask: "000", asNobody: true, group: "nogroup")]
    static let setpriv = "/usr/bin/setpriv"
    static let nogroup: gid_t = 65534

    static func canSwitchUser() -> Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: setpriv) }

    /// Which of `paths` (under `out/`) the account reads: a file's bytes, a folder's listing.
    static func readable(_ sandbox: Sandbox, _ paths: [String], uid: Int, gid: Int) throws -> Set<String> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: setpriv)
        let script = "for f; do if [ -d \"$f\" ]; then ls \"$f\" >/dev/null 2>&1 && echo \"$f\"; else cat \"$f\" >/dev/null 2>&1 && echo \"$f\"; fi; done"
        process.arguments = ["--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", "/bin/sh", "-c", script, "sh"] + paths
        process.currentDirectoryURL = sandbox.out
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Set(String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    /// Every file and folder under `out/`, relative.
    static func everything(_ sandbox: Sandbox) -> [String] {
        var paths: [String] = []
        let walker = FileManager.default.enumerator(atPath: sandbox.out.path)
        while let path = walker?.nextObject() as? String { paths.append(path) }
        return paths.sorted()
    }

    struct SkipReason: Error {}

    /// The open bundles and the portal built from them are for everyone.
    static func isOpen(_ path: String) -> Bool {
        ["open", "portal"].contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    /// As root with setpriv every case runs and another account's reading is checked; otherwise only
    /// the modes of the cases run as the current user (a skip recorded for the others).
    @Test(arguments: cases)
    func everyModeIsTheConfiguredOneAndOthersReadOnlyOpenData(_ setting: Case) throws {
        if (setting.asNobody || setting.group != nil) && !Self.canSwitchUser() {
            withKnownIssue("running as nobody or giving files a group needs root and setpriv") { throw SkipReason() }
            return
        }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        chmod(sandbox.root.path, 0o755)
        if let group = setting.group {
            try sandbox.configure("nightly.json") { $0["permissions"] = ["group": group] }
        }
        var launcher = ["/bin/sh", "-c", "umask \(setting.umask) && exec \"$0\" \"$@\""]
        if setting.asNobody {
            try FileManager.default.createDirectory(at: sandbox.out, withIntermediateDirectories: true)
            chown(sandbox.out.path, 65534, 65534)
            chmod(sandbox.out.path, 0o755)
            launcher = [Self.setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] + launcher
        }
        let result = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet"], launcher: launcher)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let paths = Self.everything(sandbox)
        #expect(paths.contains("shared/ho-ngheo/ho-ngheo_\(RunTests.asOf).zip") && paths.contains("work/ubnd-dak-ha/ho-ngheo/normalized.csv")
                && paths.contains("open/ho-ngheo/ho-ngheo_\(RunTests.asOf).zip") && paths.contains("reports/run.json")
                && paths.contains("portal/index.html"))
        let restrictedFile: mode_t = setting.group == nil ? 0o600 : 0o640
        let restrictedFolder: mode_t = setting.group == nil ? 0o700 : 0o750
        var info = stat()
        stat(sandbox.out.path, &info)
        #expect(info.st_mode & 0o7777 == 0o755)
        for path in paths {
            lstat(sandbox.file(path).path, &info)
            let folder = info.st_mode & S_IFMT == S_IFDIR
            // The lock holds nothing to read: its owner's only.
            let expected = path == ".lock" ? 0o600 : Self.isOpen(path) ? (folder ? 0o755 : 0o644) : (folder ? restrictedFolder : restrictedFile)
            #expect(info.st_mode & 0o7777 == expected, "\(path): \(String(info.st_mode & 0o7777, radix: 8))")
            #expect(info.st_uid == (setting.asNobody ? 65534 : 0), "\(path)")
            if setting.group != nil && !Self.isOpen(path) && path != ".lock" { #expect(info.st_gid == Self.nogroup, "\(path)") }
        }
        guard Self.canSwitchUser() else {
            withKnownIssue("reading as another account needs root and setpriv") { throw SkipReason() }
            return
        }
        // daemon (1:1) is neither the owner nor in the group: it reads open data and nothing else.
        let outsider = try Self.readable(sandbox, paths, uid: 1, gid: 1)
        #expect(outsider == Set(paths.filter(Self.isOpen)), "\(outsider.symmetricDifference(paths.filter(Self.isOpen)).sorted())")
        if setting.group != nil {
            // bin (2) in the configured group reads everything.
            #expect(try Self.readable(sandbox, paths, uid: 2, gid: Int(Self.nogroup)) == Set(paths.filter { $0 != ".lock" }))
        }
    }

    @Test func aWorldWritableOutOrInboxIsRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(at: sandbox.out, withIntermediateDirectories: true)
        chmod(sandbox.out.path, 0o777)
        var result = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet", "--lang", "en"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("\(sandbox.out.path): the out folder is writable by everyone (mode 0777)"), "\(result.stderr)")
        #expect(!sandbox.exists("reports/run.json") && !sandbox.exists(".lock"))
        chmod(sandbox.out.path, 0o755)
        chmod(sandbox.inbox.path, 0o1777)
        result = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet", "--lang", "en"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("\(sandbox.inbox.path): the inbox folder is writable by everyone (mode 01777)"), "\(result.stderr)")
        chmod(sandbox.inbox.path, 0o755)
        #expect(try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet"]).status == 0)
    }

    @Test func anExistingSharedFolderOthersCanReadIsWarnedAbout() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(at: sandbox.file("shared"), withIntermediateDirectories: true)
        chmod(sandbox.file("shared").path, 0o755)
        let result = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet", "--lang", "en"])
        #expect(result.status == 0)
        #expect(result.stderr == "kdl-run: warning: \(sandbox.file("shared").path) is readable by other users (mode 0755) and holds personal data: chmod o-rwx\n")
        let exposed = try sandbox.json("reports/run.json")["exposedFolders"] as? [[String: String]]
        #expect(exposed?.count == 1 && exposed?[0]["vi"]?.hasPrefix(sandbox.file("shared").path) == true)
        // The folder stays as the operator left it; what the run writes inside is restricted.
        var info = stat()
        stat(sandbox.file("shared").path, &info)
        #expect(info.st_mode & 0o7777 == 0o755)
        stat(sandbox.file("shared/ho-ngheo").path, &info)
        #expect(info.st_mode & 0o7777 == 0o700)
    }

    @Test func anUnknownGroupIsAConfigurationError() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.configure("nightly.json") { $0["permissions"] = ["group": "no-such-group-kdl"] }
        let result = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet", "--lang", "en"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("pipelines/nightly.json: permissions.group: no group \"no-such-group-kdl\" on this machine"), "\(result.stderr)")
    }
}
