import Foundation
import Testing
@testable import KhoCore

/// The fast pattern matcher must agree with NSRegularExpression on whole-value matches.
@Suite struct PatternTests {
    static let patterns = [
        "^[0-9]{9}([0-9]{3})?$", "^0[0-9]{9,10}$", "^[0-9]{10}(-[0-9]{3})?$", "^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$",
        "[A-Z]{2}-[0-9]+", "(ab|cd)*e?", "x[^0-9]y", "a.c", "(?:0|84)[35789][0-9]{8}", "\\d{2}/\\d{2}/\\d{4}", "[a-c-]+",
    ]
    static let inputs = [
        "062185001234", "062185001", "06218500123", "0905123456", "02603862123", "090512345", "6100123454", "6100123454-001",
        "000.00.15.H33", "000.00.15.h33", "KT-1", "KT-", "abcde", "ababcd", "e", "", "xay", "x1y", "abc", "a\nc", "84905123456",
        "12/03/2024", "1/3/2024", "a-b", "Đắk",
    ]

    @Test(arguments: patterns)
    func agreesWithFoundation(_ source: String) throws {
        let pattern = try #require(Pattern(source))
        #expect(pattern.isCompiled, "\(source) should use the fast matcher")
        let reference = try NSRegularExpression(pattern: "^(?:\(source))$")
        for input in Self.inputs {
            let expected = reference.firstMatch(in: input, range: NSRange(input.startIndex..<input.endIndex, in: input)) != nil
            #expect(pattern.matches(input) == expected, "\(source) on \(input.debugDescription)")
        }
    }

    @Test(arguments: ["(?=a)a", "(a)\\1", "\\bword\\b", "a+?", "[[:digit:]]+", "Đắk.*"])
    func unsupportedSyntaxFallsBackToFoundation(_ source: String) throws {
        let pattern = try #require(Pattern(source))
        #expect(!pattern.isCompiled)
    }

    @Test func largeRepetitionUsesTheBacktrackingMatcher() throws {
        let pattern = try #require(Pattern("[a-z]{1,200}"))
        #expect(pattern.matches(String(repeating: "k", count: 200)))
        #expect(!pattern.matches(String(repeating: "k", count: 201)))
    }

    /// `Pattern.isValid` trusts the fast parser: whatever it accepts, ICU must accept too, or a
    /// data dictionary with that pattern would pass the configuration check it used to fail.
    @Test func whatTheFastParserAcceptsIsARegularExpression() throws {
        let pieces = ["a", "b", "0", "9", "-", ",", ".", "^", "$", "|", "(", ")", "(?:", "[", "]", "[^", "{", "}", "{2}", "{2,}",
                      "{3,2}", "{0,1}", "{,2}", "{+1}", "*", "+", "?", "\\", "\\d", "\\s", "\\.", "\\-", "\\]", "\\{", "&", "&&",
                      " ", "/", ":", "#", "[]", "[z-a]", "[a-]", "\\b", "é", "{1", "{99999999999999999999}"]
        var random = SplitMix(state: 2026)
        var accepted = 0
        for _ in 0..<60_000 {
            let source = (0..<Int.random(in: 1...7, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            guard let pattern = Pattern(source), pattern.isCompiled else { continue }
            accepted += 1
            #expect((try? NSRegularExpression(pattern: source)) != nil, "\(source)")
        }
        #expect(accepted > 1_000)
    }

    @Test(arguments: ["[0-9", "a{3,2}", "(?<", "*a", "a)"])
    func invalidPatternsAreRefused(_ source: String) {
        #expect(!Pattern.isValid(source))
        #expect((try? NSRegularExpression(pattern: source)) == nil)
    }

    @Test func invalidPatternIsNil() {
        #expect(Pattern("[0-9") == nil)
    }
}
