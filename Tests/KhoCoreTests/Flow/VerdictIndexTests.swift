import Foundation
import Testing
@testable import KhoCore

/// `validated.csv` names the accepted rows of `extracted.csv` by number; `kdl-normalize` reads
/// exactly those rows, and refuses an index that does not belong to the `extracted.csv` beside it.
@Suite struct VerdictIndexTests {
    /// Three rows, the second with a line break inside a quoted value: row numbers, not lines.
    static let extracted = "ma_ho,ho_ten,dia_chi,_src\r\n"
        + "H1,An,\"Thôn 1, Xã A\",u/a.csv:2\r\n"
        + "H2,Bình,\"Thôn 2\r\nXã B\",u/a.csv:3\r\n"
        + "H3,Chi,Thôn 3,u/b.csv:2\r\n"

    static let rows: [[String: String]] = [["ma_ho": "H1", "ho_ten": "An", "dia_chi": "Thôn 1, Xã A"],
                                           ["ma_ho": "H2", "ho_ten": "Bình", "dia_chi": "Thôn 2\r\nXã B"],
                                           ["ma_ho": "H3", "ho_ten": "Chi", "dia_chi": "Thôn 3"]]

    /// The fingerprint `validated.csv` holds for the values of row `number` of `extracted`.
    static func hash(_ number: Int) -> String {
        let values = TestSupport.dataset("ho-ngheo").fields.map { rows[number - 1][$0.name] ?? "" }
        let hex = String(RecordFingerprint.of(FieldRow(values)), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private func read(extracted: String = VerdictIndexTests.extracted, validated: String) throws -> [Record] {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let extractedURL = folder.appendingPathComponent("extracted.csv"), validatedURL = folder.appendingPathComponent("validated.csv")
        try Data(extracted.utf8).write(to: extractedURL)
        try Data(validated.utf8).write(to: validatedURL)
        let source = WorkFileSource(url: extractedURL, schema: TestSupport.dataset("ho-ngheo"),
                                    report: ExtractReport(unit: "u", dataset: "ho-ngheo", asOf: "2026-11-29"), accepted: validatedURL)
        var records: [Record] = []
        _ = try source.read { item in if case .record(let record) = item { records.append(record) } }
        return records
    }

    private func mismatch(extracted: String = VerdictIndexTests.extracted, validated: String) throws -> WorkFileMismatch? {
        do {
            _ = try read(extracted: extracted, validated: validated)
            return nil
        } catch let error as WorkFileMismatch {
            return error
        }
    }

    @Test func readsOnlyTheRowsTheIndexNames() throws {
        let records = try read(validated: "_row,_src,_flags,_hash\r\n2,u/a.csv:3,ho_ten:name-short,\(Self.hash(2))\r\n3,u/b.csv:2,,\(Self.hash(3))\r\n")
        #expect(records.map(\.source) == ["u/a.csv:3", "u/b.csv:2"])
        let schema = TestSupport.dataset("ho-ngheo")
        let address = try #require(schema.fieldIndex("dia_chi")), name = try #require(schema.fieldIndex("ho_ten"))
        #expect(records.map { $0.values.string(address) } == ["Thôn 2\r\nXã B", "Thôn 3"])
        #expect(records.map { $0.values.string(name) } == ["Bình", "Chi"])
        #expect(try read(validated: "_row,_src,_flags,_hash\r\n").isEmpty)
    }

    @Test func aRowOfAnotherExtractionIsRefusedWithItsLine() throws {
        // extracted.csv written again (another export) after kdl-validate: row 2 is another line now.
        let error = try #require(try mismatch(validated: "_row,_src,_flags,_hash\r\n1,u/a.csv:2,,\(Self.hash(1))\r\n2,u/a.csv:7,,\(Self.hash(2))\r\n"))
        #expect(error.line == 3 && error.field == "_src")
        #expect(error.message(.en).hasSuffix("validated.csv:3:_src: row 2 of extracted.csv is u/a.csv:3, not u/a.csv:7: extracted.csv was written again after kdl-validate; run kdl-validate again (or kdl-run)"))
        #expect(error.message(.vi).contains("hãy chạy lại kdl-validate"))
        #expect(ExitCode.for(error) == .noInput)
    }

    /// A record taken out of the export: the rows after it move up a line and a row number
    /// together, so the lineage still matches; the values do not.
    @Test func otherValuesUnderTheSameRowAndLineAreRefused() throws {
        let shifted = "ma_ho,ho_ten,dia_chi,_src\r\nH2,Bình,\"Thôn 2\r\nXã B\",u/a.csv:2\r\n"
        let error = try #require(try mismatch(extracted: shifted, validated: "_row,_src,_flags,_hash\r\n1,u/a.csv:2,,\(Self.hash(1))\r\n"))
        #expect(error.line == 2 && error.field == "_hash")
        #expect(error.message(.en).contains("validated.csv:2:_hash: row 1 of extracted.csv (u/a.csv:2) no longer holds the values kdl-validate judged"))
        let bad = try #require(try mismatch(validated: "_row,_src,_flags,_hash\r\n1,u/a.csv:2,,12ab\r\n"))
        #expect(bad.line == 2 && bad.field == "_hash" && bad.message(.en).contains("\"12ab\" is not a fingerprint of 16 hex digits"))
    }

    @Test func aRowPastTheEndOfExtractedIsRefused() throws {
        let error = try #require(try mismatch(validated: "_row,_src,_flags,_hash\r\n3,u/b.csv:2,,\(Self.hash(3))\r\n4,u/b.csv:3,,\(Self.hash(3))\r\n"))
        #expect(error.line == 3 && error.field == "_row")
        #expect(error.message(.en).contains("extracted.csv has 3 rows, not row 4"))
        let empty = try #require(try mismatch(extracted: "", validated: "_row,_src,_flags,_hash\r\n1,u/a.csv:2,,\(Self.hash(1))\r\n"))
        #expect(empty.line == 2 && empty.message(.en).contains("extracted.csv has 0 rows, not row 1"))
    }

    @Test func rowsOutOfOrderOrNotNumbersAreRefused() throws {
        let backwards = try #require(try mismatch(validated: "_row,_src,_flags,_hash\r\n2,u/a.csv:3,,\(Self.hash(2))\r\n1,u/a.csv:2,,\(Self.hash(1))\r\n"))
        #expect(backwards.line == 3 && backwards.field == "_row" && backwards.message(.en).contains("row 1 after row 2"))
        let twice = try #require(try mismatch(validated: "_row,_src,_flags,_hash\r\n2,u/a.csv:3,,\(Self.hash(2))\r\n2,u/a.csv:3,,\(Self.hash(2))\r\n"))
        #expect(twice.line == 3)
        let word = try #require(try mismatch(validated: "_row,_src,_flags,_hash\r\nhai,u/a.csv:3,,\(Self.hash(2))\r\n"))
        #expect(word.line == 2 && word.message(.en).contains("\"hai\" is not a row number"))
        let short = try #require(try mismatch(validated: "_row,_src,_flags,_hash\r\n2,u/a.csv:3,\(Self.hash(2))\r\n"))
        #expect(short.line == 2 && short.message(.en).contains("damaged line"))
    }

    /// The full copy earlier versions wrote: to be made again, not misread as an index.
    @Test func aValidatedFileOfAnEarlierVersionIsRefused() throws {
        let error = try #require(try mismatch(validated: "ma_ho,ho_ten,dia_chi,_src,_flags\r\nH1,An,Thôn 1,u/a.csv:2,\r\n"))
        #expect(error.line == 1 && error.field == "_row" && error.message(.en).contains("written by an earlier version"))
    }

    @Test func theWriterNumbersRowsAndQuotesLineageAsTheExtractionDoes() throws {
        var bytes: [UInt8] = []
        let writer = CSVWriter { bytes += $0 }
        try writer.write(VerdictIndex.header)
        try writer.write(number: 12, lineage: ("u/a, b.csv", 40), extra: ["ho_ten:name-short;ma_xa:code-retired"], hash: 0x0123_4567_89AB_CDEF)
        try writer.write(number: 3_000_000, lineage: ("u/c.csv", 7), extra: [""], hash: 0xF0)
        #expect(String(decoding: bytes, as: UTF8.self)
                == "_row,_src,_flags,_hash\r\n12,\"u/a, b.csv:40\",ho_ten:name-short;ma_xa:code-retired,0123456789abcdef\r\n3000000,u/c.csv:7,,00000000000000f0\r\n")
    }
}
