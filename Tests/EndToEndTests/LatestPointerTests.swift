import Foundation
import Testing
@testable import KhoCore

/// `latest.json` names each dataset's current bundle on each side, and only ever a complete one.
@Suite(.serialized) struct LatestPointerTests {
    static func pointer(_ sandbox: Sandbox, _ side: String, _ dataset: String) throws -> LatestPointer {
        try JSONOutput.read(LatestPointer.self, from: sandbox.file("\(side)/\(dataset)/latest.json"))
    }

    /// The pointer's bundle is there, whole: its size and SHA-256 are the file's, and its sidecar agrees.
    static func expectComplete(_ sandbox: Sandbox, _ side: String, _ dataset: String, asOf: String) throws {
        let pointer = try pointer(sandbox, side, dataset)
        #expect(pointer.asOf == asOf && pointer.file == "\(dataset)_\(asOf).zip" && pointer.dataset == dataset && pointer.side.rawValue == side)
        let bytes = try sandbox.bytes("\(side)/\(dataset)/\(pointer.file)")
        #expect(Int64(bytes.count) == pointer.bytes && SHA256.hex(of: Array(bytes)) == pointer.sha256)
        #expect(String(decoding: try sandbox.bytes("\(side)/\(dataset)/\(pointer.sha256File)"), as: UTF8.self) == "\(pointer.sha256)  \(pointer.file)\n")
    }

    @Test func eachSideOfEachDatasetPointsAtItsBundle() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", RunTests.asOf]).status == 0)
        for dataset in RunTests.datasets {
            for side in ["shared", "open"] { try Self.expectComplete(sandbox, side, dataset, asOf: RunTests.asOf) }
        }
    }

    /// A night that fails between the bundle and its sidecar leaves the pointer on last night's
    /// bundle, which is still there; the next good night moves it.
    @Test func aBundleNotCompleteIsNeverPointedAt() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-28", "--quiet"]).status == 0)
        for fault in ["rename:ho-ngheo_\(RunTests.asOf).zip", "rename:ho-ngheo_\(RunTests.asOf).zip.sha256", "write:latest.json"] {
            let failed = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet", "--force"], environment: ["KDL_INJECT_FAULT": fault])
            #expect(failed.status == 74, "\(fault): \(failed.stderr)")
            try Self.expectComplete(sandbox, "shared", "ho-ngheo", asOf: "2026-11-28")
            #expect(!sandbox.outputFiles().contains { $0.contains(AtomicFile.temporaryMarker) }, "\(fault)")
        }
        #expect(try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet"]).status == 0)
        try Self.expectComplete(sandbox, "shared", "ho-ngheo", asOf: RunTests.asOf)
    }

    /// An open bundle withheld tonight: the open pointer stays on the last one published.
    @Test func aWithheldOpenBundleKeepsThePreviousPointer() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-28", "--quiet"]).status == 0)
        try Data([0x4D, 0xE3, 0x20, 0x74, 0x72, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: sandbox.inbox.appendingPathComponent("so-gddt/co-so-giao-duc-2.csv"))
        try sandbox.arrived(sandbox.inbox)
        #expect(try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet"]).status == 65)
        #expect(!sandbox.exists("open/co-so-giao-duc/co-so-giao-duc_\(RunTests.asOf).zip"))
        try Self.expectComplete(sandbox, "open", "co-so-giao-duc", asOf: "2026-11-28")
        try Self.expectComplete(sandbox, "shared", "co-so-giao-duc", asOf: RunTests.asOf)
    }

    /// Running an earlier night again does not make its bundle the current one.
    @Test func anEarlierNightDoesNotMoveThePointerBack() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--quiet"]).status == 0)
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-28", "--quiet"]).status == 0)
        #expect(sandbox.exists("shared/ho-ngheo/ho-ngheo_2026-11-28.zip"))
        try Self.expectComplete(sandbox, "shared", "ho-ngheo", asOf: RunTests.asOf)
    }

    /// The catalogs and the portal describe the bundle the pointer names: a later file beside it
    /// that no pointer names (renamed into place by a night that failed before its pointer) is not
    /// published.
    @Test func theCatalogsAndThePortalFollowThePointerNotTheNewestName() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-28", "--quiet"]).status == 0)
        try FileManager.default.copyItem(at: sandbox.file("open/ho-ngheo/ho-ngheo_2026-11-28.zip"),
                                         to: sandbox.file("open/ho-ngheo/ho-ngheo_2026-11-30.zip"))
        // The bundle stage, run again for that night, writes the catalogs again from what is on disk.
        #expect(try sandbox.run("kdl-bundle", ["--dataset", "ho-ngheo", "--as-of", "2026-11-28", "--quiet"]).status == 0)
        let datasets = Sandbox.nodes(try sandbox.json("open/catalog.jsonld")["dcat:dataset"])
        let node = try #require(datasets.first { $0["dct:identifier"] as? String == "ho-ngheo" })
        let distribution = try #require(Sandbox.nodes(node["dcat:distribution"]).first)
        #expect(Sandbox.ids(distribution["dcat:downloadURL"]) == ["https://khodulieu.kontum.example/open/ho-ngheo/ho-ngheo_2026-11-28.zip"])
        #expect(try sandbox.run("kdl-publish", ["--as-of", "2026-11-28", "--quiet"]).status == 0)
        #expect(sandbox.exists("portal/files/ho-ngheo/ho-ngheo_2026-11-28.zip") && !sandbox.exists("portal/files/ho-ngheo/ho-ngheo_2026-11-30.zip"))
    }
}
