import Testing
@testable import KhoCore

@Suite struct FileNamePatternTests {
    /// Only what changes from one export to the next becomes `*`: separate numbers (years, dates,
    /// sequence numbers) and quarters. Digits inside a word name the export and stay.
    static let globs: [(name: String, glob: String)] = [
        ("ho-ngheo-2024-11.csv", "ho-ngheo-*.csv"),
        ("ho-ngheo-2024.csv", "ho-ngheo-*.csv"),
        ("ho-ngheo-kon-ray-2024.csv", "ho-ngheo-kon-ray-*.csv"),
        ("b_cp1258_semicolon_crlf.csv", "b_cp1258_semicolon_crlf.csv"),
        ("export_utf8.csv", "export_utf8.csv"),
        ("so-gddt-h33-2024.csv", "so-gddt-h33-*.csv"),
        ("bao-cao-20241130.csv", "bao-cao-*.csv"),
        ("danh-sach-v2.csv", "danh-sach-v2.csv"),
        ("danh_sach_01.csv", "danh_sach_*.csv"),
        ("hkd_2024_11_30_v2_03.txt", "hkd_*_v2_*.txt"),
        ("2024 11 Danh sach.csv", "* Danh sach.csv"),
        ("20241130.csv", "[0-9]*.csv"),
        ("2024-11.xml", "[0-9]*.xml"),
        ("quan-trac-nuoc-2026-q4.xml", "quan-trac-nuoc-*-q*.xml"),
        ("/x/bao-cao-q4-2026.xml", "bao-cao-q*-*.xml"),
        ("Báo cáo Quý 3 2024.csv", "Báo cáo Quý *.csv"),
        ("ho-ngheo-2024.csv.gz", "ho-ngheo-*.csv.gz"),
        ("danh sach [1].csv", "danh sach \\[1\\].csv"),
        ("README", "README"),
    ]

    @Test(arguments: globs) func globKeepsTheNameAndGeneralizesTheDate(_ example: (name: String, glob: String)) {
        #expect(FileNamePattern.glob(for: example.name) == example.glob)
    }

    /// Every glob matches the file it came from, as the inbox listing matches it.
    @Test(arguments: globs) func globMatchesItsOwnFile(_ example: (name: String, glob: String)) {
        let name = example.name.split(separator: "/").last.map(String.init) ?? example.name
        #expect(InboxListing.matches(name, FileNamePattern.glob(for: example.name)))
    }

    @Test func nextMonthsExportMatches() {
        #expect(InboxListing.matches("ho-ngheo-2024-12.csv", FileNamePattern.glob(for: "ho-ngheo-2024-11.csv")))
        #expect(InboxListing.matches("quan-trac-nuoc-2027-q1.xml", FileNamePattern.glob(for: "quan-trac-nuoc-2026-q4.xml")))
        #expect(!InboxListing.matches("b_cp1252_semicolon_crlf.csv", FileNamePattern.glob(for: "b_cp1258_semicolon_crlf.csv")))
    }

    @Test func datasetIDFromTheName() {
        #expect(FileNamePattern.datasetID(for: "hoc-sinh-ho-tro-2024-11.csv") == "hoc-sinh-ho-tro")
        #expect(FileNamePattern.datasetID(for: "Danh sách hộ nghèo Đắk Hà 2024.csv") == "danh-sach-ho-ngheo-dak-ha")
        #expect(FileNamePattern.datasetID(for: "quan-trac-nuoc-2026-q4.xml") == "quan-trac-nuoc")
        #expect(FileNamePattern.datasetID(for: "20241130.csv") == nil)
    }
}
