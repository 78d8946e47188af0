import Foundation
import Testing

/// `kdl-extract --suggest` as a user runs it, on an export no dataset fits.
@Suite struct SuggestTests {
    static let export = "Tests/KhoCoreTests/Fixtures/suggest/hoc-sinh-ho-tro-2024-11.csv"

    /// The drafted schema and the entry, saved as printed, make a unit the nightly run reads: every
    /// row is extracted and accepted, dates come out in ISO, names become codes of the lists guessed.
    @Test func draftedSchemaRunsTheExport() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let folder = sandbox.inbox.appendingPathComponent("ubnd-dak-blo")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Sandbox.repositoryRoot.appendingPathComponent(Self.export),
                                         to: folder.appendingPathComponent("hoc-sinh-ho-tro-2024-11.csv"))
        try sandbox.arrived(sandbox.inbox)

        let suggested = try sandbox.run("kdl-extract", ["--suggest", "--file", "samples/inbox/ubnd-dak-blo/hoc-sinh-ho-tro-2024-11.csv", "--lang", "en"])
        #expect(suggested.status == 0, "\(suggested.stderr)")
        #expect(suggested.stdout.contains("# No dataset fits this file.\n"))
        #expect(suggested.stdout.contains("# Draft schema for a new dataset: save it as pipelines/datasets/hoc-sinh-ho-tro.json"))
        // It printed and wrote nothing.
        #expect(!FileManager.default.fileExists(atPath: sandbox.out.path))
        let blocks = Self.jsonBlocks(suggested.stdout)
        try #require(blocks.count == 2)
        let schemaFile = sandbox.root.appendingPathComponent("pipelines/datasets/hoc-sinh-ho-tro.json")
        #expect(!FileManager.default.fileExists(atPath: schemaFile.path))
        try Data(blocks[0].utf8).write(to: schemaFile)
        let unit = "{\"version\": 1, \"id\": \"ubnd-dak-blo\", \"name\": \"Ủy ban nhân dân xã Đăk Blô\", \"sources\": [\(blocks[1])]}"
        try Data(unit.utf8).write(to: sandbox.root.appendingPathComponent("pipelines/units/ubnd-dak-blo.json"))

        let run = try sandbox.run("kdl-run", ["--unit", "ubnd-dak-blo", "--as-of", RunTests.asOf, "--lang", "en"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("  hoc-sinh-ho-tro: 5 / 5 / 0 / 0 · "), "\(run.stdout)")
        let rows = try sandbox.csv("work/ubnd-dak-blo/hoc-sinh-ho-tro/normalized.csv")
        #expect(rows.map { $0["ngay_sinh"] ?? "" } == ["2012-03-05", "2013-07-21", "2011-09-12", "2014-01-09", "2012-04-30"])
        #expect(rows.map { $0["ngay_nhan"] ?? "" } == ["2024-11-15", "2024-11-15", "2024-11-16", "2024-11-16", "2024-11-18"])
        #expect(rows.map { $0["cap"] ?? "" } == ["THCS", "TH", "THCS", "TH", "THCS"])
        #expect(rows.map { $0["dien_ho_tro"] ?? "" } == ["1", "2", "1", "2", "1"])
        #expect(rows.map { $0["so_tien_dong"] ?? "" } == ["1350000", "900000", "1350000", "900000", "1350000"])
        #expect(rows.map { $0["diem_tb"] ?? "" } == ["7.5", "8.25", "6", "9.0", "7"])
        #expect(rows.map { $0["da_nhan"] ?? "" } == ["true", "false", "true", "true", "false"])
        #expect(rows.map { $0["ma_hoc_sinh"] ?? "" } == ["0412345", "0412346", "0412347", "0412348", "0412349"])
    }

    /// In Vietnamese by default: the fields no column feeds are named.
    @Test func missingRequiredFieldsAreNamedInVietnamese() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run("kdl-extract", ["--suggest", "--file", Sandbox.repositoryRoot.appendingPathComponent("Tests/KhoCoreTests/Fixtures/suggest/ho-ngheo-sa-thay-2024.csv").path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("#   Gần nhất là ho-ngheo (khớp 9/15 trường), nhưng không cột nào cung cấp trường bắt buộc ma_ho, loai_ho: dùng bộ này thì mọi dòng sẽ bị loại.\n"), "\(result.stdout)")
    }

    /// The JSON documents of the output: the runs of lines between comment lines.
    static func jsonBlocks(_ text: String) -> [String] {
        var blocks: [String] = [], current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") {
                if !current.isEmpty { blocks.append(current) }
                current = ""
            } else if !line.isEmpty {
                current += line + "\n"
            }
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }
}
