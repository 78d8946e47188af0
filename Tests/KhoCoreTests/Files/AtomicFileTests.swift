import Foundation
import Testing
@testable import KhoCore

@Suite struct AtomicFileTests {
    private func hidden(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
    }

    @Test func commitMakesTheFileAppearWhole() throws {
        let folder = try TestSupport.temporaryFolder()
        let url = folder.appendingPathComponent("a/b/out.csv")
        let file = try AtomicFile(url)
        try file.write("x,y\r\n")
        #expect(!FileManager.default.fileExists(atPath: url.path))
        try file.commit()
        #expect(try String(contentsOf: url, encoding: .utf8) == "x,y\r\n")
        #expect(try hidden(url.deletingLastPathComponent()).isEmpty)
    }

    /// `open()` failing after the folder exists used to free the buffer twice (exit 134): now it is
    /// an `OutputError` naming the file, and nothing is left.
    @Test func aFailedOpenIsAnErrorNotACrash() throws {
        let folder = try TestSupport.temporaryFolder()
        let url = folder.appendingPathComponent(String(repeating: "n", count: 250) + ".csv")   // the temporary name is too long
        #expect(throws: OutputError.self) { try AtomicFile(url) }
        do {
            _ = try AtomicFile(url)
        } catch let error as OutputError {
            #expect(error.operation == .create && error.path == url.path && error.errorNumber == ENAMETOOLONG)
            #expect(error.message(.vi).hasPrefix("không tạo được tệp \(url.path)"))
        }
        #expect(try hidden(folder).isEmpty)
    }

    @Test func aFileWhereAFolderShouldBeIsAnError() throws {
        let folder = try TestSupport.temporaryFolder()
        try Data().write(to: folder.appendingPathComponent("work"))
        do {
            _ = try AtomicFile(folder.appendingPathComponent("work/u/extracted.csv"))
            Issue.record("no error")
        } catch let error as OutputError {
            #expect(error.operation == .createFolder && error.path == folder.appendingPathComponent("work").path)
        }
    }

    /// A rename that fails (a folder holds the name): an error, and the temporary file is gone.
    @Test func aFailedRenameLeavesNoTemporaryFile() throws {
        let folder = try TestSupport.temporaryFolder()
        let url = folder.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("inside"), withIntermediateDirectories: true)
        do {
            let file = try AtomicFile(url)
            try file.write("data")
            #expect(throws: OutputError.self) { try file.commit() }
        }
        #expect(try hidden(folder).isEmpty)
    }

    @Test func discardRemovesTheTemporaryFileAtOnce() throws {
        let folder = try TestSupport.temporaryFolder()
        let file = try AtomicFile(folder.appendingPathComponent("x.zip"))
        try file.write("partial")
        try file.flush()
        #expect(try hidden(folder).count == 1)
        file.discard()
        #expect(try hidden(folder).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.zip").path))
    }

    @Test func staleTemporaryFilesOfOtherProcessesAreRemoved() throws {
        let folder = try TestSupport.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("work/u"), withIntermediateDirectories: true)
        let stale = folder.appendingPathComponent("work/u/.extracted.csv.tmp-999999-3")
        let own = folder.appendingPathComponent("work/u/.validated.csv.tmp-\(getpid())-1")
        let other = folder.appendingPathComponent("work/u/.hidden-note")
        for url in [stale, own, other] { try Data("abc".utf8).write(to: url) }
        let removed = TemporaryFiles.removeStale(in: folder)
        #expect(removed == .init(files: 1, bytes: 3))
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: own.path) && FileManager.default.fileExists(atPath: other.path))
        #expect(TemporaryFiles.removeStale(in: folder, ownPID: -1) == .init(files: 1, bytes: 3))
        #expect(TemporaryFiles.pid(inTemporaryName: ".a.csv.tmp-12-7") == 12)
        #expect(TemporaryFiles.pid(inTemporaryName: ".a.tmp-x-7") == nil)
    }
}
