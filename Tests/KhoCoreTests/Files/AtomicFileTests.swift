import Foundation
import Synchronization
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

    /// The rename waits for its folder's sync, which comes once for all the folder's commits.
    @Test func theFolderIsSyncedLaterAndOnce() throws {
        let folder = try TestSupport.temporaryFolder()
        let sync = FolderSync()
        for name in ["a.csv", "b.csv"] {
            let file = try AtomicFile(folder.appendingPathComponent(name), folderSync: sync)
            try file.write("x\n")
            try file.commit()
        }
        #expect(sync.syncPending() == [folder.path])
        #expect(sync.syncPending().isEmpty)
    }

    /// The folders are synced several at a time, each of them once.
    @Test func everyPendingFolderIsSyncedOnce() throws {
        let root = try TestSupport.temporaryFolder()
        let sync = FolderSync()
        let folders = (0..<21).map { root.appendingPathComponent("f\($0)", isDirectory: true) }
        for folder in folders {
            let file = try AtomicFile(folder.appendingPathComponent("a.csv"), folderSync: sync)
            try file.write("x\n")
            try file.commit()
        }
        let synced = Mutex<[String]>([])
        #expect(sync.syncPending { folder in synced.withLock { $0.append(folder.path) } } == folders.map(\.path).sorted())
        #expect(synced.withLock { $0 }.sorted() == folders.map(\.path).sorted())
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

    /// Writes smaller than the buffer, filling it exactly, one byte over, and several times its size
    /// (written past the buffer) all land in order.
    @Test func writesOfEverySizeAroundTheBufferLandInOrder() throws {
        let folder = try TestSupport.temporaryFolder()
        let limit = AtomicFile.bufferLimit
        let sizes = [1, limit - 1, 1, limit, limit + 1, 3, 3 * limit + 5, 0, 7, limit - 10, 11]
        let url = folder.appendingPathComponent("validated.csv")
        let file = try AtomicFile(url)
        var expected = Data()
        for (index, size) in sizes.enumerated() {
            let bytes = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index) })
            try file.write(bytes)
            expected.append(bytes)
        }
        #expect(file.count == Int64(expected.count))
        try file.commit()
        #expect(try Data(contentsOf: url) == expected)
    }

    /// Whether the folder's file system takes direct writes; where it does, a file opened `direct` must use them.
    private func takesDirectWrites(_ folder: URL) -> Bool {
        guard AtomicFile.openDirect != 0 else { return false }
        let path = folder.appendingPathComponent("probe").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | AtomicFile.openDirect, 0o600)
        defer { unlink(path) }
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }

    /// Direct writes of sizes around the block and the buffer, with a flush that leaves a partial
    /// block behind, land in order; the file writes around the page cache until its commit writes
    /// the last partial block through it.
    @Test func directWritesOfEverySizeLandInOrder() throws {
        let folder = try TestSupport.temporaryFolder()
        let block = AtomicFile.directAlignment, limit = AtomicFile.directBufferLimit
        let sizes = [1, block - 1, 1, block, block + 1, limit - 3, 3, limit, 2 * limit + 5, 0, 7, 100]
        let url = folder.appendingPathComponent("normalized.csv")
        let file = try AtomicFile(url, direct: true)
        let direct = takesDirectWrites(folder)
        #expect(file.isDirect == direct)
        var expected = Data()
        for (index, size) in sizes.enumerated() {
            let bytes = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ index) })
            try file.write(bytes)
            expected.append(bytes)
            if index == 4 { try file.flush() }
        }
        #expect(file.count == Int64(expected.count))
        #expect(file.isDirect == direct)
        try file.commit()
        #expect(!file.isDirect)
        #expect(try Data(contentsOf: url) == expected)
        #expect(try hidden(folder).isEmpty)
    }

    /// A patch ends a file's direct writes: the blocks already written, the bytes still buffered, the
    /// patch and what follows it all land.
    @Test func aPatchOfADirectFileLands() throws {
        let folder = try TestSupport.temporaryFolder()
        let url = folder.appendingPathComponent("x.zip")
        let file = try AtomicFile(url, direct: true)
        var expected = Data((0..<(3 * AtomicFile.directAlignment + 100)).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try file.write(expected)
        try file.flush()
        try file.patch(Array("early".utf8), at: 10)
        try file.patch(Array("late".utf8), at: Int64(3 * AtomicFile.directAlignment + 50))
        #expect(!file.isDirect)
        try file.write("tail")
        try file.commit()
        expected.replaceSubrange(10..<15, with: Data("early".utf8))
        expected.replaceSubrange((3 * AtomicFile.directAlignment + 50)..<(3 * AtomicFile.directAlignment + 54), with: Data("late".utf8))
        expected.append(Data("tail".utf8))
        #expect(try Data(contentsOf: url) == expected)
    }

    /// The bytes read back before the commit are all those written, the buffered ones and a direct
    /// file's last partial block too, and the stream reads on after the rename.
    @Test(arguments: [false, true]) func theBytesWrittenAreReadBackWhileTheFileCommits(direct: Bool) throws {
        let folder = try TestSupport.temporaryFolder()
        let url = folder.appendingPathComponent("x.zip")
        let file = try AtomicFile(url, direct: direct)
        let expected = Data((0..<(3 * AtomicFile.directAlignment + 100)).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        try file.write(expected.prefix(AtomicFile.directAlignment + 1))
        try file.flush()
        try file.write(expected.dropFirst(AtomicFile.directAlignment + 1))
        let written = try FileByteStream(path: file.flushedTemporaryPath(), limit: file.count)
        var bytes = [UInt8](repeating: 0, count: expected.count + 1)
        func read(upTo end: Int, from start: Int) throws -> Int {
            var count = start
            while count < end {
                let read = try bytes.withUnsafeMutableBytes { try written.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[count..<end])) }
                if read == 0 { break }
                count += read
            }
            return count
        }
        #expect(try read(upTo: expected.count - 50, from: 0) == expected.count - 50)
        try file.commit()
        #expect(try read(upTo: bytes.count, from: expected.count - 50) == expected.count)
        #expect(Data(bytes.prefix(expected.count)) == expected)
        #expect(try Data(contentsOf: url) == expected)
    }

    /// A direct write the file system refuses (here, lengths out of its blocks) is written again
    /// through the page cache, and so is the rest of the file.
    @Test func aRefusedDirectWriteGoesThroughThePageCache() throws {
        let folder = try TestSupport.temporaryFolder()
        let url = folder.appendingPathComponent("validated.csv")
        let file = try AtomicFile(url, folderSync: .shared, direct: true, alignment: 1)
        let direct = takesDirectWrites(folder)
        #expect(file.isDirect == direct)
        let bytes = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0) })
        try file.write(bytes)
        try file.flush()
        #expect(!file.isDirect)
        try file.write(bytes)
        try file.commit()
        #expect(try Data(contentsOf: url) == bytes + bytes)
    }

    /// Past `Writeback.flushStride` the file is flushed in the background as it grows, so the
    /// commit has little left to wait for; the bytes are the same, and a file given up after a
    /// background flush leaves nothing behind. Written direct too: no dirty pages are left, but the
    /// device's cache holds the bytes until a flush, which the commit would otherwise pay for all of them.
    @Test(arguments: [false, true]) func aFileLargerThanTheFlushStrideIsFlushedOnTheWay(direct: Bool) throws {
        let folder = try TestSupport.temporaryFolder()
        let block = 1 << 20
        let blocks = Int(2 * Writeback.flushStride) / block + 1
        func bytes(_ index: Int) -> Data { Data(repeating: UInt8(truncatingIfNeeded: index &* 31 &+ 7), count: block) }
        let url = folder.appendingPathComponent("normalized.csv")
        let file = try AtomicFile(url, direct: direct)
        #expect(file.isDirect == direct)
        var expected = Data()
        for index in 0..<blocks {
            try file.write(bytes(index))
            expected.append(bytes(index))
        }
        #expect(file.flushRequested >= 2 * Writeback.flushStride)
        #expect(file.backgroundFlush.requests.load(ordering: .relaxed) >= 1)
        try file.commit()
        #expect(try Data(contentsOf: url) == expected)

        let abandoned = try AtomicFile(folder.appendingPathComponent("abandoned.csv"))
        for index in 0..<(Int(Writeback.flushStride) / block + 1) { try abandoned.write(bytes(index)) }
        #expect(abandoned.flushRequested >= Writeback.flushStride)
        abandoned.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["normalized.csv"])
    }

    /// A file has at most one background flush waiting: asked again while one is queued and not
    /// started, nothing more is queued (nor another descriptor held open); once it starts, the next
    /// request queues a flush of its own.
    @Test func aFileHasAtMostOneFlushWaiting() throws {
        let folder = try TestSupport.temporaryFolder()
        let descriptor = open(folder.appendingPathComponent("data").path, O_WRONLY | O_CREAT, 0o600)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let flush = Writeback.PendingFlush()
        flush.isPending.store(true, ordering: .relaxed)
        Writeback.flushInBackground(descriptor: descriptor, flush)
        #expect(flush.requests.load(ordering: .relaxed) == 0)
        flush.isPending.store(false, ordering: .relaxed)
        Writeback.flushInBackground(descriptor: descriptor, flush)
        #expect(flush.requests.load(ordering: .relaxed) == 1)
        let deadline = Date().addingTimeInterval(10)
        while flush.isPending.load(ordering: .acquiring) && Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
        Writeback.flushInBackground(descriptor: descriptor, flush)
        #expect(flush.requests.load(ordering: .relaxed) == 2)
    }

    /// A large file replaced by a commit is freed afterwards: the name never goes missing, a reader
    /// that had it open still reads the old bytes, and once the removals are waited for no second
    /// name is left behind.
    @Test func aReplacedLargeFileIsFreedAfterTheCommit() throws {
        let folder = try TestSupport.temporaryFolder()
        let url = folder.appendingPathComponent("normalized.csv")
        let size = Int(ReplacedFiles.deferredFrom) + 1
        try AtomicFile.write([UInt8](repeating: UInt8(ascii: "a"), count: size), to: url)
        let reader = try FileHandle(forReadingFrom: url)
        defer { try? reader.close() }
        try AtomicFile.write([UInt8](repeating: UInt8(ascii: "b"), count: size), to: url)
        #expect(try Data(contentsOf: url) == Data(repeating: UInt8(ascii: "b"), count: size))
        ReplacedFiles.waitUntilRemoved()
        #expect(try hidden(folder).isEmpty)
        #expect(try reader.readToEnd() == Data(repeating: UInt8(ascii: "a"), count: size))
    }

    /// A large file gets a second name for the same file before the rename; a small one is
    /// replaced by the rename alone.
    @Test func onlyALargeFileIsKeptAsideBeforeTheRename() throws {
        let folder = try TestSupport.temporaryFolder()
        let large = folder.appendingPathComponent("extracted.csv")
        try AtomicFile.write([UInt8](repeating: 0x2C, count: Int(ReplacedFiles.deferredFrom)), to: large)
        let aside = try #require(ReplacedFiles.keepAside(large.path) { folder.appendingPathComponent(".extracted.csv.aside").path })
        #expect(aside == folder.appendingPathComponent(".extracted.csv.aside").path)
        var target = stat(), second = stat()
        #expect(stat(large.path, &target) == 0 && stat(aside, &second) == 0)
        #expect(target.st_ino == second.st_ino && target.st_nlink == 2)

        let small = folder.appendingPathComponent("quality.json")
        try AtomicFile.write(Array("{}".utf8), to: small)
        #expect(ReplacedFiles.keepAside(small.path) { folder.appendingPathComponent(".quality.json.aside").path } == nil)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".quality.json.aside").path))
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
