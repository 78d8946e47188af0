import Foundation
import Testing
@testable import KhoCore

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Data(text.utf8)) }

    private func failure(_ text: String) -> JSONParser.SyntaxError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error as? JSONParser.SyntaxError
        }
    }

    @Test func acceptsWhatRFC8259Allows() throws {
        let value = try parse(#"{"a": [1, -2.5e3, 0, true, false, null], "b": "Đắk\u0048\n\"x\"", "c": {}, "d": [], "e": "\ud83d\ude00"}"#)
        #expect(value == .object(["a": .array([.number(1), .number(-2500), .number(0), .bool(true), .bool(false), .null]),
                                  "b": .string("ĐắkH\n\"x\""), "c": .object([:]), "d": .array([]), "e": .string("😀")]))
        #expect(try parse("\u{FEFF} 42 ") == .number(42))
    }

    /// Text on both sides of escapes, a decomposed letter among it, comes back byte for byte.
    @Test func escapesKeepTheTextAroundThem() throws {
        let value = try parse("[\"Ha\u{0300} \\n Noi\\u0302 \\\"x\\\" cuối\", \"không thoát\"]")
        guard case .array(let items) = value, items.count == 2, case .string(let first) = items[0], case .string(let second) = items[1] else {
            Issue.record("not two strings: \(value)")
            return
        }
        #expect(Array(first.utf8) == Array("Ha\u{0300} \n Noi\u{0302} \"x\" cuối".utf8))
        #expect(Array(second.utf8) == Array("không thoát".utf8))
    }

    /// What Foundation forgives is refused, at the right line and column (in characters).
    @Test(arguments: [
        ("{\n  \"a\": 1,\n}", 3, 1),          // trailing comma in an object
        ("[1, 2,]", 1, 7),                    // trailing comma in an array
        ("{\"a\": 01}", 1, 8),                // leading zero
        ("{\"a\": 1, \"a\": 2}", 1, 10),      // a key twice
        ("{\"đắk\": \"x\ty\"}", 1, 11),       // a raw TAB in a string
        ("// note\n{}", 1, 1),                // a comment
        ("{\"a\": NaN}", 1, 7),
        ("{\"a\": .5}", 1, 7),
        ("{\"a\": 1} x", 1, 10),
        ("{\"a\": \"\\x\"}", 1, 8),
        ("{\"a\": \"\\ud83d\"}", 1, 14),
        ("{\"a\" 1}", 1, 6),
        ("", 1, 1),
        ("{\"a\": [1, 2", 1, 12),
    ])
    func refusesWithPosition(_ text: String, line: Int, column: Int) {
        let error = failure(text)
        #expect(error != nil, "accepted: \(text)")
        #expect(error?.line == line && error?.column == column, "\(text): \(String(describing: error))")
    }

    @Test func refusesDeepNesting() {
        #expect(failure(String(repeating: "[", count: 200) + String(repeating: "]", count: 200)) != nil)
        #expect(failure(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) == nil)
    }

    @Test func refusesInvalidUTF8() {
        #expect(failure("{\"a\": \"\u{FFFD}\"}") == nil)
        #expect((try? JSONParser.parse(Data([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]))) == nil)
    }
}
