import Foundation
import Testing
@testable import KhoCore

/// Why `kdl-run` reads an export again (what `--dry-run` prints), from the last good run's fingerprint.
@Suite struct RunPlanTests {
    static func fingerprint(asOf: String = "2026-11-29", configuration: String = "c1", version: String = "0.1.0",
                            files: [(String, Int64, Int64)]) -> InputFingerprint {
        var fingerprint = InputFingerprint(asOf: CivilDate(iso: asOf)!, configuration: configuration, inputs: [])
        fingerprint.version = version
        fingerprint.files = files.map { InputFingerprint.File(name: $0.0, bytes: $0.1, modified: $0.2) }
        return fingerprint
    }

    @Test func eachDifferenceIsAReason() {
        let before = Self.fingerprint(asOf: "2026-11-28", files: [("a.csv", 10, 1), ("b.csv", 20, 1), ("c.csv", 5, 1)])
        let now = Self.fingerprint(configuration: "c2", files: [("a.csv", 10, 1), ("b.csv", 21, 2), ("d.csv", 7, 1)])
        #expect(RunPlan.reasons(previous: before, now: now, forced: false)
                == [.newNight("2026-11-28"), .configurationChanged, .newFiles(["d.csv"]), .changedFiles(["b.csv"]), .removedFiles(["c.csv"])])
    }

    @Test func forcedFirstAndNoPreviousRun() {
        let now = Self.fingerprint(files: [("a.csv", 10, 1)])
        #expect(RunPlan.reasons(previous: nil, now: now, forced: false) == [.noPreviousRun])
        #expect(RunPlan.reasons(previous: now, now: now, forced: true) == [.forced])
        let older = Self.fingerprint(version: "0.0.9", files: [("a.csv", 10, 1)])
        #expect(RunPlan.reasons(previous: older, now: now, forced: false) == [.newVersion("0.0.9")])
    }

    /// A touched file (same size, new time) counts as changed: the run cannot know it is the same.
    @Test func aTouchedFileIsChanged() {
        let before = Self.fingerprint(files: [("a.csv", 10, 1)])
        let now = Self.fingerprint(files: [("a.csv", 10, 2)])
        #expect(RunPlan.reasons(previous: before, now: now, forced: false) == [.changedFiles(["a.csv"])])
        #expect(RunPlan.Reason.changedFiles(["a.csv"]).message.en == "changed files: a.csv")
    }
}
