import Testing
@testable import KhoCore

@Suite struct FieldRowTests {
    @Test func selectingTakesColumnsInTheGivenOrderAndEmptyForNil() {
        let row = FieldRow(["a", "", "Đắk Hà", "062185001234"])
        let selected = row.selecting([3, nil, 0, 2, 1, 0])
        #expect(selected.strings == ["062185001234", "", "a", "Đắk Hà", "", "a"])
        #expect(selected == FieldRow(["062185001234", "", "a", "Đắk Hà", "", "a"]))
    }

    @Test func selectingNothingGivesAnEmptyRow() {
        #expect(FieldRow(["a"]).selecting([]).count == 0)
        #expect(FieldRow().selecting([nil, nil]).strings == ["", ""])
    }
}
