import Foundation
import Testing
@testable import KhoCore

@Suite struct ZipWriterTests {
    private func makeZip(_ entries: [(String, [UInt8])], date: String = "2026-11-29") throws -> URL {
        let url = try TestSupport.temporaryFolder().appendingPathComponent("t.zip")
        let file = try AtomicFile(url)
        let zip = ZipWriter(file: file, level: 6, date: TestSupport.date(date))
        for (name, bytes) in entries { try zip.addEntry(name, bytes: bytes) }
        try zip.finish()
        try file.commit()
        return url
    }

    @Test func entriesReadBackInOrderWithTheirContent() throws {
        let big = Array(String(repeating: "ma_xa,loai_ho\r\n23500,1\r\n", count: 5000).utf8)
        let url = try makeZip([("datapackage.json", Array("{}".utf8)), ("data/x.csv", big), ("empty.txt", [])])
        let archive = try ZipArchive(path: url.path)
        #expect(archive.members.map(\.name) == ["datapackage.json", "data/x.csv", "empty.txt"])
        let stream = try archive.open(archive.members[1], limit: 1 << 30, maxRatio: 10_000)
        #expect(try stream.readPrefix(1 << 22) == big)
        #expect(archive.members[1].size == Int64(big.count))
        #expect(archive.members[1].compressedSize < Int64(big.count) / 10)
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        let entries = [("a.txt", Array("một hai ba".utf8)), ("b/c.csv", Array("x,y\r\n1,2\r\n".utf8))]
        let first = try Data(contentsOf: try makeZip(entries))
        let second = try Data(contentsOf: try makeZip(entries))
        #expect(first == second)
        #expect(first != (try Data(contentsOf: try makeZip(entries, date: "2026-11-30"))))
    }

    @Test func unzipAcceptsIt() throws {
        let url = try makeZip([("a.txt", Array("hello".utf8))])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-tq", url.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func atomicFileLeavesNothingWhenNotCommitted() throws {
        let folder = try TestSupport.temporaryFolder()
        do {
            let file = try AtomicFile(folder.appendingPathComponent("half.zip"))
            try file.write(Array("partial".utf8))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
