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

    /// The CSV reader's way: values built in pieces, more of them than the room first kept for their
    /// ends, a value left open and dropped, then the row emptied and filled again.
    @Test func valuesBuiltInPiecesKeepTheirBytesAsTheRowGrowsAndIsReused() {
        var row = FieldRow()
        for round in 0..<2 {
            row.removeAll()
            for index in 0..<(20 + round) {
                Array("v\(index)".utf8).withUnsafeBufferPointer { row.extend($0) }
                if index % 3 == 0 { row.extend(UInt8(ascii: "x")) }
                row.closeField()
            }
            Array("half".utf8).withUnsafeBufferPointer { row.extend($0) }
            #expect(Array(row.openField) == Array("half".utf8))
            row.discardOpenField()
            row.appendEmpty()
            let expected = (0..<(20 + round)).map { "v\($0)" + ($0 % 3 == 0 ? "x" : "") } + [""]
            #expect(row.strings == expected)
            #expect(row == FieldRow(expected))
        }
    }

    /// Rows built one value at a time keep room for more; a row made at once keeps none. Equal
    /// values are equal rows either way, and a value being built does not count.
    @Test func equalValuesAreEqualRowsHoweverBuilt() {
        let appended = FieldRow(["a", "", "Đắk Hà"])
        let selected = FieldRow(["Đắk Hà", "a"]).selecting([1, nil, 0])
        #expect(appended == selected)
        var open = appended
        open.extend(UInt8(ascii: "z"))
        #expect(open == selected)
        #expect(appended != FieldRow(["a", "", "Đắk Hb"]))
        #expect(appended != FieldRow(["a", "Đắk Hà", ""]))
        #expect(appended != FieldRow(["a", ""]))
    }

    /// A row shares its memory with its copies until one of them changes: emptying and refilling
    /// it (the reader reuses its row while the last one is still being judged) leaves the copy
    /// whole, and a value longer than the room kept grows the memory with the bytes before it kept.
    @Test func aCopyKeepsItsValuesWhenTheRowItCameFromIsRefilled() {
        var row = FieldRow(["062185001234", "Đắk Hà"])
        let copy = row
        row.removeAll()
        row.append("x")
        let long = String(repeating: "Thôn 1, Phường Quang Trung, Kon Tum; ", count: 40)
        row.append(long)
        row.appendEmpty()
        #expect(copy.strings == ["062185001234", "Đắk Hà"])
        #expect(row.strings == ["x", long, ""])
        var extended = copy
        extended.append("z")
        #expect(extended.strings == ["062185001234", "Đắk Hà", "z"])
        #expect(copy.strings == ["062185001234", "Đắk Hà"])
    }
}
