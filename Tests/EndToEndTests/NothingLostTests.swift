import Foundation
import Testing
@testable import KhoCore

/// Faults from the outside, with real signals, files and limits where the machine allows: rows
/// never vanish, a failure ends with its exit code and the file named, nothing half-written stays.
@Suite(.serialized) struct NothingLostTests {
    static let asOf = RunTests.asOf
    static let konRay = "samples/inbox/ubnd-kon-ray/ho-ngheo-kon-ray-2024.csv"

    /// A Kon Rẫy poverty export of `rows` well-formed rows (each a distinct person).
    static func povertyExport(rows: Range<Int>, header: Bool) -> Data {
        var text = header ? "MA_HO,HO_TEN,NGAY_SINH,GIOI_TINH,MA_DAN_TOC,SO_DINH_DANH,QUAN_HE,MA_XA,TEN_XA,DIA_CHI,DIEN_THOAI,LOAI_HO,NAM_RA_SOAT,NGAY_CAP_NHAT\n" : ""
        for row in rows {
            text += "2347\(String(format: "%05d", row / 4)),Trương Văn Nam,1985-05-15,1,01,062085\(String(format: "%06d", row)),01,23479,"
                + "Thị trấn Đắk Rve,\"Tổ dân phố 6, thị trấn Đắk Rve\",,2,2024,2024-11-23\n"
        }
        return Data(text.utf8)
    }

    static func temporaryFiles(_ sandbox: Sandbox) -> [String] {
        sandbox.outputFiles().filter { $0.contains(AtomicFile.temporaryMarker) }
    }

    static func json(_ sandbox: Sandbox, _ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: sandbox.bytes(path)) as? [String: Any] ?? [:]
    }

    // MARK: - Rows that vanished

    /// A file appended to while the run reads it: only the rows it had when the run started are
    /// read, the change is a finding, the night exits 65 and the open bundle is withheld.
    @Test func aFileAppendedToDuringTheRunIsReadToItsStartingSize() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let export = sandbox.root.appendingPathComponent(Self.konRay)
        try Self.povertyExport(rows: 0..<60_000, header: true).write(to: export)
        try sandbox.arrived(sandbox.inbox)
        let run = try sandbox.start("kdl-run", ["--as-of", Self.asOf, "--quiet", "--unit", "ubnd-kon-ray"])
        // Reading has begun once the run's temporary extract file exists: then the upload goes on.
        let work = sandbox.file("work/ubnd-kon-ray/ho-ngheo")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && !((try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? []).contains(where: { $0.hasPrefix(".extracted.csv") }) {
            usleep(2_000)
        }
        let handle = try FileHandle(forWritingTo: export)
        handle.seekToEndOfFile()
        handle.write(Self.povertyExport(rows: 60_000..<61_000, header: false))
        try handle.close()
        run.waitUntilExit()
        #expect(run.terminationStatus == 65)
        let extract = try JSONOutput.read(ExtractReport.self, from: sandbox.file("work/ubnd-kon-ray/ho-ngheo/extract.json"))
        #expect(extract.rowsRead == 60_000)
        #expect(extract.fileFindings.contains { $0.code.rawValue == "file-changed-during-read" && $0.severity == .error })
        let bundle = try JSONOutput.read(BundleReport.self, from: sandbox.file("reports/bundles/ho-ngheo.json"))
        #expect(bundle.openWithheld.contains(.exportIncomplete(unit: "ubnd-kon-ray")))
    }

    /// A file written a moment ago may still be arriving: it is not read tonight, the run says
    /// so, and the unit's last rows are carried forward.
    @Test func aFileStillArrivingIsLeftForTheNextRun() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-28", "--quiet"]).status == 0)
        try sandbox.arrived(sandbox.root.appendingPathComponent(Self.konRay), secondsAgo: 0)
        let result = try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--lang", "en"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("ubnd-kon-ray/ho-ngheo: no export tonight, not graded; rows of 2026-11-28 carried forward"))
        #expect(result.stdout.contains("file-still-arriving"))
        let quality = try JSONOutput.read(QualityReport.self, from: sandbox.file("work/ubnd-kon-ray/ho-ngheo/quality.json"))
        #expect(quality.asOf == "2026-11-28")
    }

    // MARK: - Failures to write

    /// Every kind of output, each failing in turn at the step named: exit 74 naming the file, no
    /// crash, no temporary file left, and `run.json` says the night failed.
    @Test func everyOutputFailureExits74AndLeavesNothingBehind() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let outputs = ["extracted.csv", "unreadable.csv", "extract.json", "validated.csv", "rejected.csv", "quality.json",
                       "normalized.csv", "normalize.json", "inputs.json", "duplicates.csv", "conflicts.csv", "ho-ngheo_\(Self.asOf).zip",
                       "ho-ngheo_\(Self.asOf).zip.sha256", "latest.json", "ho-ngheo.json", "catalog.jsonld", "services.json", "ubnd-dak-ha.json",
                       "\(Self.asOf).json", "quality_\(Self.asOf).html", "so-ho-theo-xa.csv", "run.json"]
        // Folders are made once: that fault comes first, while none exists yet.
        let faults = ["create-folder:ho-ngheo"] + outputs.map { "write:\($0)" }
            + ["create:validated.csv", "fsync:normalized.csv", "rename:ho-ngheo_\(Self.asOf).zip", "set-permissions:ho-ngheo_\(Self.asOf).zip"]
        for fault in faults {
            let result = try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--force", "--quiet"], environment: ["KDL_INJECT_FAULT": fault])
            let name = String(fault.split(separator: ":")[1])
            #expect(result.status == 74, "\(fault): \(result.status) \(result.stderr)")
            #expect(result.stderr.hasPrefix("kdl-run: lỗi: không ") && result.stderr.contains("/\(name):"), "\(fault): \(result.stderr)")
            #expect(Self.temporaryFiles(sandbox).isEmpty, "\(fault): \(Self.temporaryFiles(sandbox))")
            if name != "run.json" {
                let run = try Self.json(sandbox, "reports/run.json")
                #expect(run["exitCode"] as? Int == 74, "\(fault)")
                #expect(((run["failure"] as? [String: String])?["en"] ?? "").contains(name), "\(fault)")
            }
        }
        // And the night after, nothing failing, is whole again.
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--force", "--quiet"]).status == 0)
        #expect(try Self.json(sandbox, "reports/run.json")["failure"] == nil)
    }

    /// A folder that cannot be created (a file stands in its place): exit 74 naming it.
    @Test func aFolderThatCannotBeCreatedExits74() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(at: sandbox.file("work"), withIntermediateDirectories: true)
        try Data().write(to: sandbox.file("work/ubnd-dak-ha"))
        let result = try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--quiet", "--lang", "en"])
        #expect(result.status == 74)
        #expect(result.stderr.contains("cannot create the folder \(sandbox.file("work/ubnd-dak-ha").path)"), "\(result.stderr)")
        #expect(Self.temporaryFiles(sandbox).isEmpty)
    }

    /// A folder an unprivileged user may not write into, for real (when the tests run as root and
    /// can switch user with setpriv).
    @Test func aReadOnlyFolderExits74ForAnUnprivilegedUser() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(at: sandbox.file("shared/ho-ngheo"), withIntermediateDirectories: true)
        let walker = FileManager.default.enumerator(atPath: sandbox.out.path)
        chown(sandbox.out.path, 65534, 65534)
        while let relative = walker?.nextObject() as? String { chown(sandbox.out.appendingPathComponent(relative).path, 65534, 65534) }
        // The one folder the user cannot write: root's, read-only for others.
        chown(sandbox.file("shared/ho-ngheo").path, 0, 0)
        chmod(sandbox.file("shared/ho-ngheo").path, 0o755)
        let result = try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--quiet", "--lang", "en"],
                                     launcher: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("cannot create \(sandbox.file("shared/ho-ngheo").path)/ho-ngheo_\(Self.asOf).zip: Permission denied"), "\(result.stderr)")
        #expect(Self.temporaryFiles(sandbox).isEmpty)
    }

    /// `ulimit -n`, for real: a clean exit 74 naming a file at every limit too small for the night,
    /// never a crash (134 from a double free, or 132 from libdispatch), never a temporary file left.
    @Test(arguments: [8, 12, 16, 20, 24])
    func aTinyFileDescriptorLimitExits74(limit: Int) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--quiet"],
                                     launcher: ["/bin/sh", "-c", "ulimit -n \(limit) && exec \"$0\" \"$@\""])
        // At 24 the night runs out of descriptors only when its two dataset jobs hold their most
        // files at the same moment; on a busy machine they sometimes do not, and the night completes.
        if limit >= 24 && result.status == 0 {
            #expect(result.stderr.isEmpty, "\(result.stderr)")
            #expect(Self.temporaryFiles(sandbox).isEmpty)
            return
        }
        #expect(result.status == 74, "ulimit -n \(limit): \(result.status) \(result.stderr)")
        #expect(result.stderr.hasPrefix("kdl-run: lỗi: "), "\(result.stderr)")
        #expect(Self.temporaryFiles(sandbox).isEmpty)
    }

    /// A full filesystem: a 160 KiB tmpfs where the machine lets the test mount one, else an
    /// injected ENOSPC on every write. Exit 74, nothing half-written. (Mounted 0755: a tmpfs is
    /// 1777 by default, and a world-writable out/ is refused before anything is written.)
    @Test func aFullFilesystemExits74() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(at: sandbox.out, withIntermediateDirectories: true)
        let mounted = getuid() == 0 && (try? Process.run(URL(fileURLWithPath: "/bin/mount"),
                                                         arguments: ["-t", "tmpfs", "-o", "size=160k,mode=0755", "tmpfs", sandbox.out.path])).map {
            $0.waitUntilExit()
            return $0.terminationStatus == 0
        } == true
        defer {
            if mounted { _ = try? Process.run(URL(fileURLWithPath: "/bin/umount"), arguments: [sandbox.out.path]).waitUntilExit() }
        }
        let result = try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--quiet", "--lang", "en"],
                                     environment: mounted ? [:] : ["KDL_INJECT_FAULT": "write:*"])
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("No space left on device"), "\(result.stderr)")
        #expect(Self.temporaryFiles(sandbox).isEmpty)
    }

    /// Temporary files of a run killed with SIGKILL are removed by the next run, which says so.
    @Test func temporaryFilesOfAKilledRunAreRemoved() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try Self.povertyExport(rows: 0..<60_000, header: true).write(to: sandbox.root.appendingPathComponent(Self.konRay))
        try sandbox.arrived(sandbox.inbox)
        let run = try sandbox.start("kdl-run", ["--as-of", Self.asOf, "--quiet"])
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && Self.temporaryFiles(sandbox).count < 3 { usleep(2_000) }
        kill(run.processIdentifier, SIGKILL)
        run.waitUntilExit()
        let left = Self.temporaryFiles(sandbox)
        #expect(left.count >= 3)
        let result = try sandbox.run("kdl-run", ["--as-of", Self.asOf])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Đã xóa \(left.count) tệp tạm"), "\(result.stdout)")
        #expect(Self.temporaryFiles(sandbox).isEmpty)
        let removed = try Self.json(sandbox, "reports/run.json")["temporaryFilesRemoved"] as? [String: Any]
        #expect(removed?["files"] as? Int == left.count)
    }

    // MARK: - What must be refused or neutralized

    /// Cells a spreadsheet would run are neutralized in every bundle CSV, shared and open, after
    /// normalization (a trimmed TAB does not bring a formula back to life); work files keep the
    /// values verbatim; the bundle counts and explains it.
    @Test func formulaCellsAreNeutralizedInEveryBundle() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let export = sandbox.inbox.appendingPathComponent("so-gddt/co-so-giao-duc.csv")
        let text = try String(contentsOf: export, encoding: .utf8)
        let lineEnd = text.contains("\r\n") ? "\r\n" : "\n"
        var lines = text.components(separatedBy: lineEnd)
        let planted = ["=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")", "+cmd|' /C calc'!A0", "\t=2+5"]
        for (offset, value) in planted.enumerated() {
            var cells = lines[offset + 1].components(separatedBy: ",")
            cells[6] = "\"\(value)\""
            lines[offset + 1] = cells.joined(separator: ",")
        }
        try Data(lines.joined(separator: lineEnd).utf8).write(to: export)
        try sandbox.arrived(sandbox.inbox)
        #expect(try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--quiet"]).status == 0)
        let expected = ["'=HYPERLINK(\"http://example.invalid\",\"x\")", "'+cmd|' /C calc'!A0", "'=2+5"]
        for side in ["shared", "open"] {
            let zip = "\(side)/co-so-giao-duc/co-so-giao-duc_\(Self.asOf).zip"
            let addresses = try sandbox.csv(zip, entry: "data/co-so-giao-duc.csv").map { $0["dia_chi"] ?? "" }
            #expect(Array(addresses.prefix(3)) == expected, "\(side)")
            #expect(!addresses.contains { $0.first.map { "=+-@\t\r".contains($0) } ?? false }, "\(side)")
            let package = try JSONSerialization.jsonObject(with: sandbox.zipEntry(zip, "datapackage.json")) as? [String: Any]
            #expect((package?["formulaNeutralization"] as? [String: Any])?["cells"] as? Int == 3, "\(side)")
            let quality = try JSONSerialization.jsonObject(with: sandbox.zipEntry(zip, "quality.json")) as? [String: Any]
            #expect(quality?["formulaCellsNeutralized"] as? [String: Int] == ["shared": 3, "open": 3])
            let readme = String(decoding: try sandbox.zipEntry(zip, "README.md"), as: UTF8.self)
            #expect(readme.contains("dấu nháy đơn") && readme.contains("apostrophe"), "\(side)")
        }
        let extracted = try sandbox.csv("work/so-gddt/co-so-giao-duc/extracted.csv")
        #expect(extracted.prefix(3).map { $0["dia_chi"] } == planted.map { $0.replacingOccurrences(of: "\"\"", with: "\"") })
    }

    /// Editing the configuration is seen whatever the folder `--pipeline` names: the outputs are
    /// made again, not reused.
    @Test func aConfigurationEditIsSeenUnderAnyFolderName() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let conf = sandbox.root.appendingPathComponent("cau-hinh")
        try FileManager.default.moveItem(at: sandbox.root.appendingPathComponent("pipelines"), to: conf)
        let arguments = ["--pipeline", "cau-hinh", "--as-of", Self.asOf, "--lang", "en"]
        #expect(try sandbox.run("kdl-run", arguments).status == 0)
        #expect(try sandbox.run("kdl-run", arguments).stdout.contains("reused"))
        let schema = conf.appendingPathComponent("datasets/ho-kinh-doanh.json")
        let text = try String(contentsOf: schema, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"title\": \"", with: "\"title\": \"(sửa) ", options: [], range: text.range(of: "\"title\": \"")).utf8)
            .write(to: schema)
        let again = try sandbox.run("kdl-run", arguments)
        #expect(again.status == 0 && !again.stdout.contains("reused"), "\(again.stdout)")
        let readme = String(decoding: try sandbox.zipEntry("shared/ho-kinh-doanh/ho-kinh-doanh_\(Self.asOf).zip", "README.md"), as: UTF8.self)
        #expect(readme.hasPrefix("# (sửa) "))
    }

    // MARK: - Nights that go wrong quietly

    /// A unit that sends nothing one night keeps its rows in the bundle, dated by the night they
    /// were read; after `carryForwardDays` they leave it and the unit is reported missing.
    @Test func aUnitMissingForANightIsCarriedForwardThenMissing() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-20", "--quiet"]).status == 0)
        let first = try sandbox.csv("shared/ho-ngheo/ho-ngheo_2026-11-20.zip", entry: "data/ho-ngheo.csv")
        try FileManager.default.removeItem(at: sandbox.inbox.appendingPathComponent("ubnd-dak-ha/ho-ngheo-2024.csv"))

        let carried = try sandbox.run("kdl-run", ["--as-of", "2026-11-21"])
        #expect(carried.status == 0)
        #expect(carried.stdout.contains("ubnd-dak-ha/ho-ngheo: không có tệp xuất đêm nay, không xếp hạng; dùng lại dữ liệu ngày 2026-11-20"))
        let second = try sandbox.csv("shared/ho-ngheo/ho-ngheo_2026-11-21.zip", entry: "data/ho-ngheo.csv")
        #expect(second.count == first.count)
        #expect(second.filter { $0["nguon_du_lieu"] == "ubnd-dak-ha" }.allSatisfy { $0["ngay_du_lieu"] == "2026-11-20" })
        #expect(second.filter { $0["nguon_du_lieu"] == "ubnd-kon-ray" }.allSatisfy { $0["ngay_du_lieu"] == "2026-11-21" })
        let package = try JSONSerialization.jsonObject(with: sandbox.zipEntry("shared/ho-ngheo/ho-ngheo_2026-11-21.zip", "datapackage.json")) as? [String: Any]
        let sources = package?["sources"] as? [[String: Any]] ?? []
        #expect(sources.first { $0["unit"] as? String == "ubnd-dak-ha" }?["carriedForward"] as? Bool == true)
        #expect(sources.first { $0["unit"] as? String == "ubnd-dak-ha" }?["asOf"] as? String == "2026-11-20")
        let history = try JSONOutput.read(QualityHistory.self, from: sandbox.file("reports/history/2026-11-21.json"))
        #expect(!history.units.contains { $0.unit == "ubnd-dak-ha" })
        #expect(history.absent == [.init(unit: "ubnd-dak-ha", dataset: "ho-ngheo", kind: .carriedForward, dataAsOf: "2026-11-20")])
        #expect(String(decoding: try sandbox.bytes("reports/quality_2026-11-21.html"), as: UTF8.self).contains("Dùng lại dữ liệu ngày 2026-11-20"))

        let missing = try sandbox.run("kdl-run", ["--as-of", "2026-11-28", "--lang", "en"])
        #expect(missing.status == 0)
        #expect(missing.stdout.contains("ubnd-dak-ha/ho-ngheo: no export tonight, not graded; no recent rows to carry forward (missing)"))
        let third = try sandbox.csv("shared/ho-ngheo/ho-ngheo_2026-11-28.zip", entry: "data/ho-ngheo.csv")
        #expect(!third.isEmpty && !third.contains { $0["nguon_du_lieu"] == "ubnd-dak-ha" })
        let bundle = try JSONOutput.read(BundleReport.self, from: sandbox.file("reports/bundles/ho-ngheo.json"))
        #expect(bundle.quality.missingUnits?.map(\.unit) == ["ubnd-dak-ha"])
        #expect(!bundle.quality.units.contains { $0.unit == "ubnd-dak-ha" })
    }

    /// A unit carried forward after the last unit read tonight: its rows on disk go into the
    /// bundle, which is completed after every unit's rows are in, not beside the last read unit's
    /// commits.
    @Test func aUnitCarriedForwardAfterTheLastUnitReadIsInTheBundle() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", "2026-11-20", "--quiet"]).status == 0)
        let first = try sandbox.csv("shared/ho-ngheo/ho-ngheo_2026-11-20.zip", entry: "data/ho-ngheo.csv")
        // ubnd-sa-thay comes last of the three units that send ho-ngheo.
        try FileManager.default.removeItem(at: sandbox.root.appendingPathComponent("samples/inbox/ubnd-sa-thay/ho-ngheo-sa-thay-2024.xlsx"))

        let carried = try sandbox.run("kdl-run", ["--as-of", "2026-11-21", "--quiet"])
        #expect(carried.status == 0)
        let second = try sandbox.csv("shared/ho-ngheo/ho-ngheo_2026-11-21.zip", entry: "data/ho-ngheo.csv")
        let saThay = second.filter { $0["nguon_du_lieu"] == "ubnd-sa-thay" }
        #expect(second.count == first.count)
        #expect(!saThay.isEmpty && saThay.allSatisfy { $0["ngay_du_lieu"] == "2026-11-20" })
        #expect(second.filter { $0["nguon_du_lieu"] == "ubnd-kon-ray" }.allSatisfy { $0["ngay_du_lieu"] == "2026-11-21" })
    }

    /// The summary says, per unit, how many rows could not be read and why.
    @Test func theSummaryNamesUnreadableRowsAndWhy() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let export = sandbox.root.appendingPathComponent(Self.konRay)
        var text = try String(contentsOf: export, encoding: .utf8)
        text += "234790099,Y Lan\n" + "234790098," + String(repeating: "x", count: 300) + "\n"
        try Data(text.utf8).write(to: export)
        try sandbox.arrived(sandbox.inbox)
        let nightly = sandbox.root.appendingPathComponent("pipelines/nightly.json")
        let config = try String(contentsOf: nightly, encoding: .utf8).replacingOccurrences(of: "\"maxLineBytes\": 1048576", with: "\"maxLineBytes\": 200")
        try Data(config.utf8).write(to: nightly)
        let result = try sandbox.run("kdl-run", ["--as-of", Self.asOf, "--unit", "ubnd-kon-ray"])
        #expect(result.stdout.contains("  2 dòng không đọc được: line-too-long 1, row-ragged 1"), "\(result.stdout)")
    }

    /// `--suggest` prints the delimiter it found, and a document nested a hundred thousand deep is
    /// refused at the depth limit instead of filling memory.
    @Test func suggestPrintsTheDelimiterAndStopsAtTheDepthLimit() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let csv = try sandbox.run("kdl-extract", ["--suggest", "--file", "samples/inbox/ubnd-dak-ha/ho-ngheo-2024.csv", "--lang", "en"])
        #expect(csv.stdout.contains("# Delimiter: ;\n"), "\(csv.stdout)")
        let deep = sandbox.root.appendingPathComponent("deep.xml")
        try Data((String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)).utf8).write(to: deep)
        let started = Date()
        let xml = try sandbox.run("kdl-extract", ["--suggest", "--file", deep.path, "--lang", "en"])
        #expect(xml.status == 65)
        #expect(xml.stderr.contains("nested deeper than 64"), "\(xml.stderr)")
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
