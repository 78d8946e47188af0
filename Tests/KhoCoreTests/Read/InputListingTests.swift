import Foundation
import Testing
@testable import KhoCore

/// What the extract stage reads of an inbox: files as they were when the run started.
@Suite struct InputListingTests {
    private let schema = TestSupport.dataset("ho-ngheo")
    private let unit = UnitConfig(id: "u", name: "U", agencyCode: nil, sources: [UnitSource(dataset: "ho-ngheo", files: "*.csv")])

    private func inbox() throws -> (Workspace, URL) {
        let folder = try TestSupport.temporaryFolder()
        let file = folder.appendingPathComponent("inbox/u/ho-ngheo.csv")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        var text = "ma_ho,ho_ten,so_dinh_danh\n"
        for row in 0..<10 { text += "H\(row),Y Lan,06218700\(1000 + row)\n" }
        try Data(text.utf8).write(to: file)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-600)], ofItemAtPath: file.path)
        return (Workspace(inbox: folder.appendingPathComponent("inbox"), out: folder.appendingPathComponent("out")), file)
    }

    /// Rows appended after the listing are not read, and the change marks the export incomplete.
    @Test func readingStopsAtTheListedSizeAndAChangeIsAFinding() throws {
        let (workspace, file) = try inbox()
        let listing = try InboxListing.list(unit, dataset: "ho-ngheo", inbox: workspace.inbox, quietPeriod: 60)
        let size = Int64(try Data(contentsOf: file).count)
        #expect(listing.inputs.count == 1 && listing.inputs[0].0.snapshot?.bytes == size)
        let handle = try FileHandle(forWritingTo: file)
        handle.seekToEndOfFile()
        handle.write(Data("H10,Y Hoa,062187001010\nH11,Y Tr".utf8))
        try handle.close()
        let source = InboxSource(unit: unit, dataset: schema, listing: listing, limits: ReadLimits(), asOf: TestSupport.date("2026-11-29"))
        let report = try Flow(context: nil, normalize: false, check: false)
            .run(source, into: [ExtractedSink(unit: unit.id, schema: schema, workspace: workspace)]).extract
        #expect(report.rowsRead == 10 && report.rowsExtracted == 10 && report.rowsUnreadable == 0)
        let changed = try #require(report.fileFindings.first { $0.code.rawValue == "file-changed-during-read" })
        #expect(changed.severity == .error && changed.location.file == "u/ho-ngheo.csv")
        #expect(report.isBlocked)
    }

    @Test func aFileWrittenWithinTheQuietPeriodIsLeftForTheNextRun() throws {
        let (workspace, file) = try inbox()
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-5)], ofItemAtPath: file.path)
        let listing = try InboxListing.list(unit, dataset: "ho-ngheo", inbox: workspace.inbox, quietPeriod: 60)
        #expect(listing.inputs.isEmpty && listing.isEmpty)
        #expect(listing.findings.map(\.code.rawValue) == ["file-still-arriving"])
        #expect(listing.findings.first?.severity == .warning)
        let later = try InboxListing.list(unit, dataset: "ho-ngheo", inbox: workspace.inbox, quietPeriod: 60, now: Date().addingTimeInterval(120))
        #expect(later.inputs.count == 1)
    }

    /// No export: the source says so, with the patterns that matched nothing.
    @Test func noExportIsNoInput() throws {
        let (workspace, file) = try inbox()
        try FileManager.default.removeItem(at: file)
        let listing = try InboxListing.list(unit, dataset: "ho-ngheo", inbox: workspace.inbox, quietPeriod: 60)
        #expect(listing.isEmpty)
        let report = try InboxSource(unit: unit, dataset: schema, listing: listing, limits: ReadLimits(), asOf: TestSupport.date("2026-11-29"))
            .read { _ in Issue.record("no row expected") }
        #expect(report.noInput && report.fileFindings.first?.detail == "no file matches *.csv")
    }
}
