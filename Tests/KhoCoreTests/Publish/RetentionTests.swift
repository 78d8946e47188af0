import Foundation
import Testing
@testable import KhoCore

/// Work folders go once their night is more than the kept nights old; others, and folders whose
/// night is unknown, stay.
@Suite struct WorkRetentionTests {
    @Test func foldersOlderThanTheKeptNightsAreRemoved() throws {
        let out = try TestSupport.temporaryFolder()
        let workspace = Workspace(inbox: out.appendingPathComponent("inbox"), out: out)
        func write(_ path: String, _ text: String) throws { try AtomicFile.write(Array(text.utf8), to: out.appendingPathComponent(path)) }
        try write("work/old/d/extract.json", #"{"asOf": "2026-11-01"}"#)
        try write("work/old/d/normalized.csv", "a\n")
        try write("work/edge/d/extract.json", #"{"asOf": "2026-11-02"}"#)
        try write("work/quality-only/d/quality.json", #"{"asOf": "2026-10-01"}"#)
        try write("work/unknown/d/normalized.csv", "a\n")
        try write("work/later/d/extract.json", #"{"asOf": "2026-12-01"}"#)
        try write("work/_bundle/d/duplicates.csv", "a\n")
        try write("work/_bundle/d/conflicts.csv", "a\n")
        try write("reports/bundles/d.json", #"{"asOf": "2026-10-31", "dataset": "d"}"#)
        let removed = try Retention.pruneWork(workspace, asOf: CivilDate(iso: "2026-11-09")!, nights: 7)
        #expect(removed == [
            .init(kind: .workFiles, path: "work/_bundle/d", asOf: "2026-10-31", files: 2),
            .init(kind: .workFiles, path: "work/old/d", asOf: "2026-11-01", files: 2),
            .init(kind: .workFiles, path: "work/quality-only/d", asOf: "2026-10-01", files: 1),
        ])
        let left = try FileSystem.names(in: out.appendingPathComponent("work"))
        #expect(left == ["edge", "later", "unknown"])
    }
}
