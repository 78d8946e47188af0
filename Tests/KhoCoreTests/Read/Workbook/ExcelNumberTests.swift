import Testing
@testable import KhoCore

@Suite struct ExcelNumberTests {
    @Test func numbersAreWrittenAsShownWithoutFloatNoise() {
        #expect(ExcelNumber.displayed("0.30000000000000004") == "0.3")
        #expect(ExcelNumber.displayed("0.1000000000000000055") == "0.1")
        #expect(ExcelNumber.displayed("1234.5") == "1234.5")
        #expect(ExcelNumber.displayed("-0.25") == "-0.25")
        #expect(ExcelNumber.displayed("1E-7") == "0.0000001")
        #expect(ExcelNumber.displayed("2.5E+3") == "2500")
        #expect(ExcelNumber.displayed("0") == "0")
        #expect(ExcelNumber.displayed("nan") == nil)
        #expect(ExcelNumber.displayed("0x10") == nil)
        // Plain decimals are taken as written, once their trailing zeros go.
        #expect(ExcelNumber.displayed("45306.50") == "45306.5")
        #expect(ExcelNumber.displayed("-.5") == "-0.5")
        #expect(ExcelNumber.displayed(".5") == "0.5")
        #expect(ExcelNumber.displayed("007") == "7")
        #expect(ExcelNumber.displayed("-0") == "0")
        #expect(ExcelNumber.displayed("0.000001") == "0.000001")
        #expect(ExcelNumber.displayed("10.0") == "10")
        #expect(ExcelNumber.displayed("1.") == "1")
    }

    /// An identifier Excel stored as a number comes back as its digits, never in exponent form.
    @Test func identifiersAreDigitsWithoutExponent() {
        #expect(ExcelNumber.displayed("6.2085314159E+10") == "62085314159")
        #expect(ExcelNumber.displayed("62085314159") == "62085314159")
        #expect(ExcelNumber.displayed("123456789012345") == "123456789012345")
        #expect(!ExcelNumber.lostPrecision("123456789012345"))
        #expect(ExcelNumber.lostPrecision("1234567890123450"))
        #expect(ExcelNumber.lostPrecision("1.23456789012346E+17"))
    }

    @Test func serialsInThe1900SystemWithItsPhantomLeapDay() {
        func date(_ serial: String, _ kind: NumberFormat.DateKind = .date) -> String? {
            ExcelNumber.date(serial: serial, system: .from1900, kind: kind)
        }
        #expect(date("1") == "1900-01-01")
        #expect(date("59") == "1900-02-28")
        #expect(date("60") == "1900-02-29")   // Excel's day that never was: written so that the date check refuses it
        #expect(date("61") == "1900-03-01")
        #expect(date("45306") == "2024-01-15")
        #expect(date("45306.75") == "2024-01-15")   // a date format hides the time
        #expect(date("45306.75", .dateTime) == "2024-01-15T18:00:00")
        #expect(date("0.5", .time) == "12:00:00")
        #expect(date("45306.99999999") == "2024-01-15")
        #expect(date("45306.999999999", .dateTime) == "2024-01-16T00:00:00")
        #expect(date("-1") == nil)
    }

    @Test func serialsInThe1904System() {
        #expect(ExcelNumber.date(serial: "0", system: .from1904, kind: .date) == "1904-01-01")
        #expect(ExcelNumber.date(serial: "43844", system: .from1904, kind: .date) == "2024-01-15")
    }
}

@Suite struct NumberFormatTests {
    @Test func builtInIds() {
        #expect(NumberFormat.builtIn(0) == nil)
        #expect(NumberFormat.builtIn(4) == nil)
        #expect(NumberFormat.builtIn(14) == .date)
        #expect(NumberFormat.builtIn(22) == .dateTime)
        #expect(NumberFormat.builtIn(20) == .time)
        #expect(NumberFormat.builtIn(49) == nil)   // text
    }

    @Test func customCodes() {
        #expect(NumberFormat.kind(ofCode: "dd/mm/yyyy") == .date)
        #expect(NumberFormat.kind(ofCode: "d-mmm-yy") == .date)
        #expect(NumberFormat.kind(ofCode: "[$-42A]d\" tháng \"m\" năm \"yyyy") == .date)
        #expect(NumberFormat.kind(ofCode: "yyyy-mm-dd hh:mm") == .dateTime)
        #expect(NumberFormat.kind(ofCode: "h:mm AM/PM") == .time)
        #expect(NumberFormat.kind(ofCode: "mm:ss") == .time)
        #expect(NumberFormat.kind(ofCode: "[h]:mm") == .time)
        #expect(NumberFormat.kind(ofCode: "General") == nil)
        #expect(NumberFormat.kind(ofCode: "#,##0.00\" đ\"") == nil)
        #expect(NumberFormat.kind(ofCode: "[Red]0.00;[Blue]-0.00") == nil)
        #expect(NumberFormat.kind(ofCode: "0.00E+00") == nil)
        #expect(NumberFormat.kind(ofCode: "@") == nil)
        #expect(NumberFormat.kind(ofCode: "\"Ngày\" 0") == nil)   // quoted letters are text
        #expect(NumberFormat.kind(ofCode: "0\\d") == nil)         // so are escaped ones
    }
}

@Suite struct CellReferenceTests {
    @Test func parsesAndWritesA1References() {
        #expect(CellReference("B12") == CellReference(column: 2, row: 12))
        #expect(CellReference("$AA$3") == CellReference(column: 27, row: 3))
        #expect(CellReference("XFD1048576") == CellReference(column: 16_384, row: 1_048_576))
        #expect(CellReference("XFE1") == nil)
        #expect(CellReference("A1048577") == nil)
        #expect(CellReference("A") == nil)
        #expect(CellReference("12") == nil)
        #expect(CellReference("1A") == nil)
        #expect(CellReference.letters(1) == "A")
        #expect(CellReference.letters(26) == "Z")
        #expect(CellReference.letters(27) == "AA")
        #expect(CellReference.letters(16_384) == "XFD")
        #expect(CellReference(column: 2, row: 12).qualified(sheet: "DanhSach") == "DanhSach!B12")
        #expect(CellReference(column: 2, row: 12).qualified(sheet: "Danh sách") == "'Danh sách'!B12")
    }
}
