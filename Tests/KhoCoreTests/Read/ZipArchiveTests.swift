import Foundation
import Testing
@testable import KhoCore

@Suite struct ZipArchiveTests {
    @Test func membersAreListedAndUnsafeNamesRefused() throws {
        let archive = try ZipArchive(path: TestSupport.fixture("archive.zip").path)
        #expect(archive.members.map(\.name) == ["exports/ho-ngheo.csv", "../escape.csv"])
        #expect(archive.members.map(\.hasSafeName) == [true, false])
        let stream = try archive.open(archive.members[0], limit: 1 << 20, maxRatio: 200)
        #expect(String(decoding: try stream.readPrefix(1000), as: UTF8.self) == "MA_HO,HO_TEN\nA1,Y Lan\nA2,A Thút\n")
        #expect(throws: ReadError.self) { try archive.open(archive.members[1], limit: 1 << 20, maxRatio: 200) }
    }

    @Test(arguments: ["a/../../b.csv", "/etc/passwd", "C:\\x.csv", "..", "a\\..\\b"])
    func unsafeNames(_ name: String) {
        let member = ZipArchive.Member(name: name, method: 8, flags: 0, compressedSize: 1, size: 1, crc: 0, localHeaderOffset: 0)
        #expect(!member.hasSafeName)
    }

    @Test func notAnArchiveIsAReadError() {
        #expect(throws: ReadError.self) { try ZipArchive(path: TestSupport.fixture("ragged.csv").path) }
    }

    @Test func extractReadsMembersOfAZipInTheInbox() throws {
        let folder = try TestSupport.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("inbox/u"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestSupport.fixture("archive.zip"), to: folder.appendingPathComponent("inbox/u/archive.zip"))
        let unit = UnitConfig(id: "u", name: "U", agencyCode: nil, sources: [UnitSource(dataset: "ho-ngheo", files: "*.csv")])
        let listing = try InboxListing.list(unit, dataset: "ho-ngheo", inbox: folder.appendingPathComponent("inbox"), quietPeriod: 0)
        #expect(listing.inputs.map(\.0.path) == ["u/archive.zip!exports/ho-ngheo.csv"])
        #expect(listing.findings.map(\.code.rawValue) == ["archive-entry-unsafe"])
    }
}
