import Foundation
import Testing
@testable import KhoCore

@Suite struct SuggestCommandTests {
    private func render(_ url: URL, _ language: Language = .en) throws -> String {
        let suggestion = try SourceSuggestion.suggest(file: url, config: TestSupport.configuration)
        return SuggestCommand.render(suggestion, config: TestSupport.configuration, language: language)
    }

    private func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = try TestSupport.temporaryFolder().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// A poor-household list without household code or category: ho-ngheo was proposed, and every
    /// row would have been rejected. Now the fields it lacks are named, and a new schema drafted.
    @Test func missingRequiredFieldsAreNamed() throws {
        let url = TestSupport.fixture("suggest/ho-ngheo-sa-thay-2024.csv")
        let english = try render(url, .en)
        #expect(english.contains("""
            # No dataset fits this file.
            #   The nearest is ho-ngheo (9 of its 15 fields matched), but no column feeds its required fields ma_ho, loai_ho: with it, every row would be rejected.
            #   If the file is meant for ho-ngheo, ask the unit to add those columns; otherwise start from the draft below.
            # Draft schema for a new dataset: save it as pipelines/datasets/ho-ngheo-sa-thay.json (no such file yet) and review it as its "$comment" says:

            """), "\(english)")
        let vietnamese = try render(url, .vi)
        #expect(vietnamese.contains("""
            # Không có bộ dữ liệu nào phù hợp với tệp này.
            #   Gần nhất là ho-ngheo (khớp 9/15 trường), nhưng không cột nào cung cấp trường bắt buộc ma_ho, loai_ho: dùng bộ này thì mọi dòng sẽ bị loại.

            """), "\(vietnamese)")
        #expect(!vietnamese.contains("Draft"))
        // The entry uses the drafted dataset, not the one that would reject every row.
        #expect(english.contains("""
            # Then paste into "sources" of pipelines/units/<unit>.json and review:
            {
                "dataset": "ho-ngheo-sa-thay",
                "files": "ho-ngheo-sa-thay-*.csv",
            """))
        #expect(!english.contains("\"dataset\": \"ho-ngheo\""))
    }

    /// Nothing matches at all, and a column mixing date layouts is pointed out.
    @Test func noDatasetFits() throws {
        let text = try render(TestSupport.fixture("suggest/hoc-sinh-ho-tro-2024-11.csv"))
        #expect(text.contains("""
            # No dataset fits this file.
            #   The nearest is ho-ngheo (6 of its 15 fields matched), but no column feeds its required fields ma_ho, so_dinh_danh, ma_xa, loai_ho: with it, every row would be rejected.
            """))
        #expect(text.contains("# Column Ngày sinh mixes date layouts: %d/%m/%Y (3), %Y-%m-%d (2)\n"))
        let unrelated = try file("tram-bom.csv", Array("Mã trạm bơm,Công suất (m3/h)\nTB-01,120\nTB-02,95.5\n".utf8))
        #expect(try render(unrelated).contains("# No dataset fits this file.\n#   No column names a field of any dataset.\n"))
    }

    /// A file a dataset fits is drafted as before: no verdict, no schema.
    @Test func fittingFileIsUnchanged() throws {
        let text = try render(TestSupport.repositoryRoot.appendingPathComponent("samples/inbox/ubnd-dak-ha/ho-ngheo-2024.csv"))
        #expect(text.contains("# Dataset: ho-ngheo\n# Columns matching no field: STT\n# Paste into"))
        #expect(!text.contains("No dataset fits"))
        #expect(!text.contains("Draft schema"))
    }

    @Test func doctypeWarningIsPrinted() throws {
        let text = try render(TestSupport.fixture("external-entity.xml"))
        #expect(text.contains("\n# Warning: the file declares a DOCTYPE, so the run will refuse the whole file (xml-dtd-refused): "))
        let vietnamese = try render(TestSupport.fixture("external-entity.xml"), .vi)
        #expect(vietnamese.contains("\n# Cảnh báo: tệp khai báo DOCTYPE nên lần chạy sẽ từ chối cả tệp (xml-dtd-refused): "))
    }

    /// Hostile or odd input: every step reads a bounded sample and says what it can.
    @Test func hostileInputIsSampledAndNeverCrashes() throws {
        let binary = Self.noise(300_000)
        let wide = (0..<10_000).map { "Cột \($0)" }.joined(separator: ";") + "\n" + (0..<10_000).map { "\($0)" }.joined(separator: ";") + "\n"
        let cases: [(name: String, bytes: [UInt8], expected: String)] = [
            ("empty.csv", [], "# No column could be read, so no schema is drafted.\n"),
            ("binary.csv", binary, "so no schema is drafted.\n"),
            ("nul.csv", [0, 0, 0, 0, 0, 0, 0, 0], "# No column could be read, so no schema is drafted.\n"),
            ("one.csv", Array("Tên\nAn\nBình\n".utf8), "{\"name\": \"ten\", \"title\": \"Tên\", \"type\": \"string\""),
            ("wide.csv", Array(wide.utf8), "Columns left out (a repeated header, or past 64 fields): Cột 64, Cột 65,"),
            ("header-only.csv", Array("Mã;Tên\n".utf8), "(0 sample rows)"),
            ("empty.xml", [], "# No column could be read, so no schema is drafted.\n"),
            ("binary.xml", Array("<?xml version=\"1.0\"?><a>".utf8) + binary.filter { $0 != UInt8(ascii: "<") }, "# Encoding: auto"),
            ("noise.xml", binary, "# Warning: the file does not begin like an XML document"),
            ("flat.xml", Array("<a><b/><b/></a>".utf8), "# No column could be read, so no schema is drafted.\n"),
        ]
        for example in cases {
            let started = Date()
            let text = try render(file(example.name, example.bytes))
            #expect(text.contains(example.expected), "\(example.name): \(text.prefix(2000))")
            #expect(Date().timeIntervalSince(started) < 20, "\(example.name)")
            // Whatever was drafted is valid JSON for the strict parser.
            for block in Self.jsonBlocks(text) {
                #expect(throws: Never.self, "\(example.name)") { try JSONValue.parse(Data(block.utf8)) }
            }
        }
    }

    /// Bytes that look random, the same every run (xorshift), starting with a byte that is not `<`.
    static func noise(_ count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { index in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return index == 0 ? 0xD0 : UInt8(truncatingIfNeeded: state >> 24)
        }
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
