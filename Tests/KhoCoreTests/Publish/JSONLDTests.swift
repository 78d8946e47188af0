import Foundation
import Testing
@testable import KhoCore

/// Foundation's encoder as the reference the direct writer is held to: the project writes JSON-LD
/// only through `JSONLD.encoded`.
extension JSONLD: Encodable {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .array(let items): try container.encode(items)
        case .object(let members): try container.encode(members)
        }
    }
}

@Suite struct JSONLDTests {
    /// Written directly, a document has the bytes Foundation's encoder gives it through
    /// `JSONOutput`: the order of keys, the layout of empty and nested lists and objects, every
    /// escape. Random documents over keys and text that reach each rule.
    @Test func encodedIsWhatJSONOutputWrites() throws {
        var generator = SplitMix(state: 9)
        for _ in 0..<400 {
            let document = Self.document(depth: 4, &generator)
            #expect(document.encoded == (try JSONOutput.encode(document)), "\(document)")
        }
    }

    @Test func aCatalogNodeIsLaidOutAsFoundationDoes() {
        let node = JSONLD.node("dcat:Dataset", id: "https://x.invalid/d/1", ["dct:title": .texts(Message(vi: "Hộ nghèo", en: "Poor households")),
                                                                              "dcat:keyword": .array([])])
        let expected = """
        {
          "@id" : "https://x.invalid/d/1",
          "@type" : "dcat:Dataset",
          "dcat:keyword" : [

          ],
          "dct:title" : [
            {
              "@language" : "vi",
              "@value" : "Hộ nghèo"
            },
            {
              "@language" : "en",
              "@value" : "Poor households"
            }
          ]
        }

        """
        #expect(node.encoded == Array(expected.utf8))
    }

    private static let keyPieces = ["@id", "@type", "dct:", "dcat:", "a", "A", "z", "Z", "_", "-", "1", "10", "2", "é", "Đ", "x/y", "\""]
    private static let textPieces = ["", "a", " ", "/", "\\", "\"", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{0}", "\u{1F}", "\u{7F}",
                                     "Hộ nghèo", "e\u{301}", "\u{2028}", "😀", "<script>", "https://x.invalid/a?b=c&d"]

    private static func text(_ pieces: [String], _ generator: inout SplitMix) -> String {
        (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    private static func document(depth: Int, _ generator: inout SplitMix) -> JSONLD {
        switch depth == 0 ? 0 : Int.random(in: 0...2, using: &generator) {
        case 0:
            return .string(text(textPieces, &generator))
        case 1:
            return .array((0..<Int.random(in: 0...3, using: &generator)).map { _ in document(depth: depth - 1, &generator) })
        default:
            var members: [String: JSONLD] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                members[text(keyPieces, &generator)] = document(depth: depth - 1, &generator)
            }
            return .object(members)
        }
    }
}
