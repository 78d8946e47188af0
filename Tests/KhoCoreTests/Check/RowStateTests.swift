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
}
