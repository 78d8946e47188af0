import Foundation
import Testing
@testable import KhoCore

/// Modes by place under `out/`, and set on the temporary file before any byte is written.
@Suite(.serialized) struct FilePermissionsTests {
    private func mode(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o7777
    }

    @Test func openFoldersAreForEveryoneTheRestForTheOwnerAndGroup() {
        let owner = FilePermissions(out: URL(fileURLWithPath: "/srv/kho/out/"), group: nil)
        #expect(owner.out == "/srv/kho/out")
        for (path, audience) in [("/srv/kho/out", FilePermissions.Audience.everyone), ("/srv/kho", .everyone), ("/srv", .everyone),
                                 ("/srv/kho/out/open", .everyone), ("/srv/kho/out/open/ho-ngheo/x.zip", .everyone),
                                 ("/srv/kho/out/portal/index.json", .everyone), ("/srv/kho/out/opener/x", .restricted),
                                 ("/srv/kho/out/shared/ho-ngheo/x.zip", .restricted), ("/srv/kho/out/work/u/d/extracted.csv", .restricted),
                                 ("/srv/kho/out/reports/run.json", .restricted), ("/srv/kho/out/.lock", .restricted),
                                 ("/srv/kho/outside/x", .restricted), ("/tmp/x", .restricted)] {
            #expect(owner.audience(of: path) == audience, "\(path)")
        }
        #expect(owner.fileMode(.restricted) == 0o600 && owner.folderMode(.restricted) == 0o700)
        #expect(owner.fileMode(.everyone) == 0o644 && owner.folderMode(.everyone) == 0o755)
        let grouped = FilePermissions(out: URL(fileURLWithPath: "/srv/kho/out"), group: 65534)
        #expect(grouped.fileMode(.restricted) == 0o640 && grouped.folderMode(.restricted) == 0o750)
        #expect(grouped.fileMode(.everyone) == 0o644 && grouped.folderMode(.everyone) == 0o755)
    }

    /// The temporary file has its final mode while it is written, whatever the umask.
    @Test func theTemporaryFileHasItsModeBeforeTheRename() throws {
        let out = try TestSupport.temporaryFolder().appendingPathComponent("out")
        FilePermissions.install(FilePermissions(out: out, group: nil))
        let old = umask(0)
        defer { umask(old) }
        for (relative, fileMode, folderMode) in [("shared/d/d.zip", mode_t(0o600), mode_t(0o700)), ("open/d/d.zip", 0o644, 0o755)] {
            let url = out.appendingPathComponent(relative)
            let file = try AtomicFile(url)
            try file.write("x")
            try file.flush()
            let folder = url.deletingLastPathComponent()
            let temporary = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(AtomicFile.temporaryMarker) }
            #expect(temporary.count == 1)
            #expect(mode(folder.appendingPathComponent(temporary[0]).path) == fileMode, "\(relative)")
            try file.commit()
            #expect(mode(url.path) == fileMode && mode(folder.path) == folderMode, "\(relative)")
        }
        #expect(mode(out.path) == 0o755)
    }

    @Test(.enabled(if: getuid() == 0, "only root may give a file a group it is not in"))
    func aGroupIsGivenToRestrictedFilesOnly() throws {
        let out = try TestSupport.temporaryFolder().appendingPathComponent("out")
        FilePermissions.install(FilePermissions(out: out, group: 65534))
        try AtomicFile.write(Array("x".utf8), to: out.appendingPathComponent("work/u/d/normalized.csv"))
        try AtomicFile.write(Array("x".utf8), to: out.appendingPathComponent("open/d/d.zip"))
        var info = stat()
        stat(out.appendingPathComponent("work/u/d/normalized.csv").path, &info)
        #expect(info.st_gid == 65534 && info.st_mode & 0o7777 == 0o640)
        stat(out.appendingPathComponent("work/u").path, &info)
        #expect(info.st_gid == 65534 && info.st_mode & 0o7777 == 0o750)
        stat(out.appendingPathComponent("open/d/d.zip").path, &info)
        #expect(info.st_gid == 0 && info.st_mode & 0o7777 == 0o644)
    }

    @Test func worldWritableFoldersAreRefusedReadableOnesReported() throws {
        let root = try TestSupport.temporaryFolder()
        let out = root.appendingPathComponent("out"), inbox = root.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("shared"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: out.appendingPathComponent("work"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        chmod(out.path, 0o755)
        chmod(inbox.path, 0o777)
        chmod(out.appendingPathComponent("shared").path, 0o755)
        chmod(out.appendingPathComponent("work").path, 0o700)
        #expect(throws: ConfigError.self) { try FolderExposure.check(out: out, inbox: inbox) }
        do {
            _ = try FolderExposure.check(out: out, inbox: inbox)
        } catch let error as ConfigError {
            #expect(error.problems.map(\.file) == [inbox.path])
            #expect(error.message(.en).contains("writable by everyone (mode 0777)"))
        }
        chmod(inbox.path, 0o1733)
        #expect(throws: ConfigError.self) { try FolderExposure.check(out: out, inbox: inbox) }
        chmod(inbox.path, 0o755)
        let warnings = try FolderExposure.check(out: out, inbox: inbox)
        #expect(warnings.count == 1 && warnings[0].en.hasPrefix(out.appendingPathComponent("shared").path + " is readable by other users (mode 0755)"))
        chmod(out.appendingPathComponent("shared").path, 0o750)
        #expect(try FolderExposure.check(out: out, inbox: inbox).isEmpty)
    }
}
