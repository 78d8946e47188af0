import Foundation
import Testing
@testable import KhoCore

@Suite struct JSONOutputTests {
    /// Text from an export (headers, titles) goes into hand-laid JSON: whatever it holds, the
    /// literal parses back to the same text under the strict parser.
    @Test(arguments: ["Họ và tên", "say \"hi\"", "C:\\path", "a\nb\r\tc", "\u{0}\u{1}\u{1F}", "\u{2028}", "🙂", ""])
    func quotedParsesBackToTheText(_ text: String) throws {
        let literal = JSONOutput.quoted(text)
        #expect(try JSONValue.parse(Data("[\(literal)]".utf8)) == .array([.string(text)]))
    }

    /// The escapes Foundation's encoder writes, as the reports and catalogs have them.
    @Test func quotedEscapesAsFoundationDoes() throws {
        let text = "a\u{8}\u{C}\u{1}\u{1F}\"\\/é\n"
        #expect(JSONOutput.quoted(text) == "\"a\\b\\f\\u0001\\u001f\\\"\\\\/é\\n\"")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        #expect(JSONOutput.quoted(text) == String(decoding: try encoder.encode(text), as: UTF8.self))
    }
}
