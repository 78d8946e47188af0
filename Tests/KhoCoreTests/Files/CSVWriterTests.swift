import Testing
@testable import KhoCore

@Suite struct CSVWriterTests {
    private func written(_ rows: [[String]]) throws -> String {
        var bytes: [UInt8] = []
        let writer = CSVWriter { bytes.append(contentsOf: $0) }
        for row in rows { try writer.write(row) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func quotesOnlyWhenNeededAndEndsLinesWithCRLF() throws {
        let text = try written([["a", "b,c", "say \"hi\"", "two\nlines", "Đắk Hà", ""]])
        #expect(text == "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",Đắk Hà,\r\n")
    }

    /// Row and line numbers at every digit count, the largest there is, and a negative one (0).
    @Test func writesNumbersInDecimalWhateverTheirLength() throws {
        let numbers = [0, 7, 9, 10, 99, 100, 4_096, 999_999, 1_000_000, 1_234_567_890_123, Int.max, -5]
        var bytes: [UInt8] = []
        let writer = CSVWriter { bytes.append(contentsOf: $0) }
        for number in numbers { try writer.write(number: number, lineage: ("u/a.csv", number), extra: [], hash: 0xAB) }
        let expected = numbers.map { number -> String in
            let shown = String(max(0, number))
            return "\(shown),u/a.csv:\(shown),00000000000000ab\r\n"
        }.joined()
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test func doublesQuotesAtTheEdgesAndInRuns() throws {
        let text = try written([["\"", "\"\"", "\"a\"", "x\"\"\"y"]])
        #expect(text == "\"\"\"\",\"\"\"\"\"\",\"\"\"a\"\"\",\"x\"\"\"\"\"\"y\"\r\n")
    }

    @Test func findsTheCharacterThatForcesQuotesAtAnyPositionOfALongValue() {
        for trigger in [",", "\"", "\n", "\r"] {
            for position in 0..<40 {
                var value = Array(repeating: UInt8(ascii: "x"), count: 40)
                value[position] = trigger.utf8.first!
                #expect(value.withUnsafeBufferPointer(CSVWriter.needsQuotes), "\(trigger.debugDescription) at \(position)")
            }
        }
        let clean = Array("Thôn 5, xã Đắk Hà".utf8.filter { $0 != UInt8(ascii: ",") }) + Array(repeating: UInt8(ascii: "-"), count: 30)
        #expect(!clean.withUnsafeBufferPointer(CSVWriter.needsQuotes))
    }

    /// Short values take other paths than long ones (halves, first/middle/last byte, an
    /// overlapping last word): every byte value at every position of every length up to 24.
    @Test func quotesExactlyForCommaQuoteCRAndLFWhateverTheLengthAndPosition() {
        let triggers: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D]
        #expect(![UInt8]().withUnsafeBufferPointer(CSVWriter.needsQuotes))
        var wrong: [String] = []
        for length in 1...24 {
            for position in 0..<length {
                for byte in UInt8.min...UInt8.max {
                    var value = Array(repeating: UInt8(ascii: "x"), count: length)
                    value[position] = byte
                    if value.withUnsafeBufferPointer(CSVWriter.needsQuotes) != triggers.contains(byte) {
                        wrong.append("byte \(byte) at \(position) of \(length)")
                    }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }

    @Test func findsEachQuoteWhateverItsNeighbours() {
        for length in 1...24 {
            for position in 0..<length {
                for byte in UInt8.min...UInt8.max {
                    var value = Array(repeating: UInt8(ascii: "x"), count: length)
                    value[position] = byte
                    value.withUnsafeBufferPointer { bytes in
                        let expected = byte == UInt8(ascii: "\"") ? position : nil
                        #expect(CSVWriter.firstQuote(in: bytes, from: 0) == expected, "byte \(byte) at \(position) of \(length)")
                        #expect(CSVWriter.firstQuote(in: bytes, from: position + 1) == nil)
                    }
                }
            }
        }
        let text = Array("\"a\"\"bcdefghijk\"".utf8)
        #expect(text.withUnsafeBufferPointer { bytes in
            var found: [Int] = [], start = 0
            while let quote = CSVWriter.firstQuote(in: bytes, from: start) { found.append(quote); start = quote + 1 }
            return found
        } == [0, 2, 3, 14])
    }

    @Test func writesLineageAsFileColonLineForEachRowsOwnFile() throws {
        var bytes: [UInt8] = []
        let writer = CSVWriter { bytes.append(contentsOf: $0) }
        try writer.write(FieldRow(["a"]), lineage: ("u/x.csv", 2))
        try writer.write(FieldRow(["b"]), lineage: ("u/x.csv", 3))
        try writer.write(FieldRow(["c"]), lineage: ("u/y, \"z\".csv", 7), extra: ["e"])
        try writer.write(FieldRow(["d"]), lineage: ("u/x.csv", 4))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "a,u/x.csv:2\r\nb,u/x.csv:3\r\nc,\"u/y, \"\"z\"\".csv:7\",e\r\nd,u/x.csv:4\r\n")
        // A file name with a comma or quote stays one value, and splits back into file and line.
        let rows = try TestSupport.parseCSV(text).map(\.fields)
        #expect(rows[2] == ["c", "u/y, \"z\".csv:7", "e"])
        #expect(Record.split(rows[2][1]) == ("u/y, \"z\".csv", 7))
    }

    @Test func roundTripsThroughTheReader() throws {
        let rows = [["h1", "h2", "h3"], ["x, y", "\"q\"", "a\r\nb"], ["", "Nguyễn Thị Hoa", "062185001234"]]
        #expect(try TestSupport.parseCSV(try written(rows)).map(\.fields) == rows)
    }

    // MARK: - Escaped values reused by the next writer

    private struct Pair {
        let memo = EscapedRowMemo()
        var first: [UInt8] = [], second: [UInt8] = [], plain: [UInt8] = []
    }

    /// `normalized.csv`'s writer remembers, a bundle table's writer reuses: each writes what a
    /// writer on its own writes, and only the row just remembered is copied.
    private func writeThrough(_ rows: [(remembered: FieldRow, reused: FieldRow)]) throws -> (pair: Pair, copied: [Bool]) {
        var pair = Pair()
        var first: [UInt8] = [], second: [UInt8] = [], plain: [UInt8] = []
        let remembering = CSVWriter { first.append(contentsOf: $0) }
        remembering.remembering = pair.memo
        let reusing = CSVWriter { second.append(contentsOf: $0) }
        reusing.reusing = pair.memo
        let alone = CSVWriter { plain.append(contentsOf: $0) }
        var copied: [Bool] = []
        for (remembered, reused) in rows {
            try Array("ngay_sinh:date".utf8).withUnsafeBufferPointer {
                try remembering.write(remembered, lineage: ("u/a.csv", 2), lastField: $0)
            }
            copied.append(pair.memo.bytes(for: reused) != nil)
            try reusing.write(reused, extra: ["u", "2026-11-29"])
            try alone.write(reused, extra: ["u", "2026-11-29"])
        }
        pair.first = first
        pair.second = second
        pair.plain = plain
        return (pair, copied)
    }

    @Test func theNextWriterCopiesTheEscapedValuesOfTheSameRow() throws {
        let row = FieldRow(["KT-1", "Thôn 1, Xã Đắk Cấm", "say \"hi\"", "", "Đắk Hà"])
        let (pair, copied) = try writeThrough([(row, row)])
        #expect(copied == [true])
        #expect(String(decoding: pair.second, as: UTF8.self) == "KT-1,\"Thôn 1, Xã Đắk Cấm\",\"say \"\"hi\"\"\",,Đắk Hà,u,2026-11-29\r\n")
        #expect(String(decoding: pair.second, as: UTF8.self) == String(decoding: pair.plain, as: UTF8.self))
        #expect(String(decoding: pair.first, as: UTF8.self) == "KT-1,\"Thôn 1, Xã Đắk Cấm\",\"say \"\"hi\"\"\",,Đắk Hà,u/a.csv:2,ngay_sinh:date\r\n")
    }

    /// A copy changed after the first writer had it, a row emptied and refilled, a row with the same
    /// values in storage of its own, and an empty row: each escaped afresh, and right.
    @Test func anyOtherRowIsEscapedAfresh() throws {
        let row = FieldRow(["KT-1", "Thôn 1, Xã Đắk Cấm", "2024"])
        var changed = row
        changed.append("extra")
        var refilled = row
        refilled.removeAll()
        for value in ["KT-2", "Thôn 2, Xã Đắk Cấm", "2025"] { refilled.append(value) } // as long as before
        let sameValues = FieldRow(["KT-1", "Thôn 1, Xã Đắk Cấm", "2024"])
        let (pair, copied) = try writeThrough([(row, changed), (row, refilled), (row, sameValues), (FieldRow(), FieldRow())])
        #expect(copied == [false, false, false, false])
        #expect(String(decoding: pair.second, as: UTF8.self) == String(decoding: pair.plain, as: UTF8.self))
        #expect(String(decoding: pair.second, as: UTF8.self) == [
            "KT-1,\"Thôn 1, Xã Đắk Cấm\",2024,extra,u,2026-11-29\r\n",
            "KT-2,\"Thôn 2, Xã Đắk Cấm\",2025,u,2026-11-29\r\n",
            "KT-1,\"Thôn 1, Xã Đắk Cấm\",2024,u,2026-11-29\r\n",
            "u,2026-11-29\r\n",
        ].joined())
    }
}

