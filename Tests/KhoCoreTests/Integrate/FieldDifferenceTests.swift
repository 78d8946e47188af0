import Foundation
import Testing
@testable import KhoCore

/// Identical means equal canonical values in every field; the fields that differ are listed.
@Suite struct FieldDifferenceTests {
    private let schema = TestSupport.dataset("ho-ngheo")

    private func row(_ changes: [String: String]) -> FieldRow {
        let values = RowFixtures.row(RowFixtures.hoNgheo, changes)
        return FieldRow(schema.fields.map { values[$0.name] ?? "" })
    }

    @Test func equalValuesHaveOneFingerprint() {
        #expect(RecordFingerprint.of(row([:])) == RecordFingerprint.of(row([:])))
        #expect(RecordFingerprint.of(row([:])) != RecordFingerprint.of(row(["ghi_chu": "x"])))
        // Where values end counts, not only their bytes.
        #expect(RecordFingerprint.of(FieldRow(["ab", "c"])) != RecordFingerprint.of(FieldRow(["a", "bc"])))
        #expect(RecordFingerprint.of(FieldRow(["", ""])) != RecordFingerprint.of(FieldRow([""])))
        #expect(RecordFingerprint.of(FieldRow(["12345678", "9"])) != RecordFingerprint.of(FieldRow(["12345678", "8"])))
    }

    @Test func theFieldsThatDifferAreNamedInSchemaOrder() {
        let kept = FieldDifference.hashes(of: row(["ngay_cap_nhat": "2024-12-01", "ma_ho": "H2"]))
        let other = FieldDifference.hashes(of: row([:]))
        #expect(FieldDifference.names(FieldDifference.fields(other, kept), in: schema) == "ma_ho;ngay_cap_nhat")
        #expect(FieldDifference.fields(kept, kept).isEmpty)
        #expect(FieldDifference.names(FieldSet(), in: schema) == "")
    }

    /// The listing names each set-aside version's differences from the kept one, which it may
    /// precede, and for the kept one every field some version differs in.
    @Test func theListingComparesEveryVersionWithTheKeptOne() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let listing = try ConflictListing(dataset: schema, keyFields: [schema.fieldIndex("so_dinh_danh")!],
                                          workspace: Workspace(inbox: folder, out: folder))
        let kept = row(["ngay_cap_nhat": "2024-12-01", "ma_ho": "H2"])
        let key = OnceOnlyKeys.hash([schema.fieldIndex("so_dinh_danh")!], of: kept)
        try listing.add(row([:]), key: key, file: "a/x.csv", line: 4, units: "a", dataAsOf: "2026-11-29", kept: false)
        try listing.add(kept, key: key, file: "b/y.csv", line: 9, units: "b;c", dataAsOf: "2026-11-29", kept: true)
        try listing.add(row(["ngay_cap_nhat": "2024-11-01", "dia_chi": "Thôn 9, xã Hà Mòn"]), key: key, file: "d/z.csv", line: 2,
                        units: "d", dataAsOf: "2026-11-28", kept: false)
        try listing.commit()
        var listed: [String] = []
        try listing.forEach { version in
            listed.append("\(version.lineage) \(version.units) \(version.dataAsOf) \(version.kept) \(FieldDifference.names(version.differing, in: self.schema))")
            #expect(version.values.count == self.schema.fields.count)
        }
        #expect(listed == [
            "a/x.csv:4 a 2026-11-29 false ma_ho;ngay_cap_nhat",
            "b/y.csv:9 b;c 2026-11-29 true ma_ho;dia_chi;ngay_cap_nhat",
            "d/z.csv:2 d 2026-11-28 false ma_ho;dia_chi;ngay_cap_nhat",
        ])
        let work = try String(contentsOf: folder.appendingPathComponent("work/_bundle/ho-ngheo/conflicts.csv"), encoding: .utf8)
        #expect(work.hasPrefix(schema.fields.map(\.name).joined(separator: ",") + ",_src,_units,_as_of,_kept\r\n"))
    }
}
