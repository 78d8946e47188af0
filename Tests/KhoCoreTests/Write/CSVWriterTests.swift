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

    @Test func roundTripsThroughTheReader() throws {
        let rows = [["h1", "h2", "h3"], ["x, y", "\"q\"", "a\r\nb"], ["", "Nguyễn Thị Hoa", "062185001234"]]
        #expect(try TestSupport.parseCSV(try written(rows)).map(\.fields) == rows)
    }
}
