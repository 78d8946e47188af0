import Testing
@testable import KhoCore

@Suite struct RowStateTests {
    @Test func canonicalRowHoldsReplacementsAndUntouchedValues() {
        var row = RowState(record: Record(values: ["  Hoa ", "", "01/02/1990", "Đắk Hà"], file: "f.csv", line: 2))
        row.setValue(0, "Hoa")
        row.setValue(2, "1990-02-01")
        row.setValue(3, "")
        let canonical = row.canonicalRow()
        #expect(canonical.strings == ["Hoa", "", "1990-02-01", ""])
        #expect(canonical == FieldRow(["Hoa", "", "1990-02-01", ""]))
    }

    @Test func canonicalRowOfAnUntouchedRowEqualsTheRawValues() {
        let values = FieldRow(["a", "bb", "", "Nguyễn Thị Hoa"])
        let row = RowState(record: Record(values: values, file: "f.csv", line: 2))
        #expect(row.canonicalRow() == values)
    }

    /// Equal means the same bytes and as many: a prefix, a longer value and an empty one are not.
    @Test func aValueEqualsOnlyTheSameBytes() {
        var row = RowState(record: Record(values: ["23500", "", "15/03/1985"], file: "f.csv", line: 2))
        row.setValue(2, "1985-03-15")
        #expect(row.valueEquals(0, Array("23500".utf8)))
        #expect(!row.valueEquals(0, Array("2350".utf8)) && !row.valueEquals(0, Array("235001".utf8)) && !row.valueEquals(0, []))
        #expect(!row.valueEquals(0, Array("23501".utf8)))
        #expect(row.valueEquals(1, []) && !row.valueEquals(1, Array("0".utf8)))
        #expect(row.valueEquals(2, Array("1985-03-15".utf8)) && !row.valueEquals(2, Array("15/03/1985".utf8)))
    }

    /// A value replaced only when the bytes differ, and only then is the change noted.
    @Test func aValueIsReplacedAndTheChangeNotedOnlyWhenTheBytesDiffer() {
        var row = RowState(record: Record(values: ["1.234", "2024-05-01"], file: "f.csv", line: 2))
        row.replaceValue(0, with: Array("1234".utf8), noting: .number)
        row.replaceValue(1, with: Array("2024-05-01".utf8), noting: .date)
        #expect(row.values == ["1234", "2024-05-01"])
        #expect(row.changed(0, by: .number) && !row.changed(1, by: .date))
        #expect(row.canonicalRow().strings == ["1234", "2024-05-01"])
    }

    /// The flow reuses one state for every row: what the code rule learned about one record (its
    /// entries, lookups and resolutions) must not be there for the next, which a fresh state shows.
    @Test func aReusedStateKnowsOnlyTheRecordItWasLastResetWith() throws {
        let schema = TestSupport.dataset("ho-ngheo")
        let context = DatasetContext(schema: schema, unit: "test", asOf: TestSupport.date(RowFixtures.asOf),
                                     codeLists: TestSupport.configuration.codeLists)
        let normalizer = Normalizer(context: context)
        let checker = Checker(context: context)
        func record(_ changes: [String: String], line: Int) -> Record {
            let values = RowFixtures.row(RowFixtures.hoNgheo, changes)
            return Record(values: FieldRow(schema.fields.map { values[$0.name] ?? "" }), file: "f.csv", line: line)
        }
        let coded = record(["ma_xa": "23521", "ten_xa": "", "ma_dan_toc": "Kinh", "ngay_cap_nhat": "15/12/2024"], line: 2)
        let uncoded = record(["ma_xa": "", "ten_xa": "", "ma_dan_toc": "", "quan_he_chu_ho": ""], line: 3)
        let maXa = try #require(schema.fieldIndex("ma_xa")), maDanToc = try #require(schema.fieldIndex("ma_dan_toc"))

        var reused = RowState()
        normalizer.normalize(coded, into: &reused)
        checker.check(&reused)
        #expect(reused.recordEntries[maXa]?.code == "23521")
        #expect(reused.codeLookups[maXa] != nil)
        #expect(reused.codeResolutions[maDanToc] != nil)

        normalizer.normalize(uncoded, into: &reused)
        checker.check(&reused)
        var fresh = RowState()
        normalizer.normalize(uncoded, into: &fresh)
        checker.check(&fresh)
        #expect(reused.recordEntries[maXa] == nil && reused.codeLookups[maXa] == nil && reused.codeResolutions[maDanToc] == nil)
        for field in schema.fields.indices {
            let name = schema.fields[field].name
            #expect(reused.recordEntries[field]?.code == fresh.recordEntries[field]?.code, "\(name)")
            #expect(reused.codeLookups[field] == fresh.codeLookups[field], "\(name)")
            #expect(reused.codeResolutions[field] == fresh.codeResolutions[field], "\(name)")
        }
        #expect(reused.values == fresh.values)
        #expect(reused.findings.map(\.code) == fresh.findings.map(\.code))
        func changes(_ row: RowState) -> [String] {
            var all: [String] = []
            row.changes.forEach { all.append("\(schema.fields[$0].name):\($1)") }
            return all
        }
        #expect(changes(reused) == changes(fresh))
    }
}
