import Foundation
import Testing
@testable import KhoCore

@Suite struct FindingCatalogTests {
    @Test func everyCodeHasOneEntry() {
        let entries = FindingCatalog.entries.map(\.code)
        #expect(Set(entries) == Set(FindingCode.allCases))
        #expect(entries.count == FindingCode.allCases.count)
    }

    /// The reports show a code by its words: none may lack them in either language.
    @Test func everyCodeHasVietnameseAndEnglishWords() {
        for code in FindingCode.allCases {
            let vi = FindingCatalog.message(for: code, language: .vi), en = FindingCatalog.message(for: code, language: .en)
            #expect(!vi.isEmpty && vi != code.rawValue, "\(code) has no Vietnamese text")
            #expect(!en.isEmpty && en != code.rawValue, "\(code) has no English text")
            #expect(vi != en, "\(code) has one text for both languages")
        }
        for (code, words) in FindingCatalog.habits {
            #expect(!words.vi.isEmpty && !words.en.isEmpty && words.vi != words.en, "\(code) habit")
        }
    }

    /// A code in the catalogue that nothing emits is a promise the reports never keep: each case
    /// must be used (`.caseName`) somewhere in the sources besides the code list and catalogue.
    @Test func everyCodeIsEmittedSomewhere() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/KhoCore")
        var text = ""
        let walker = FileManager.default.enumerator(atPath: sources.path)
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".swift"), !relative.hasSuffix("FindingCode.swift"), !relative.hasSuffix("FindingCatalog.swift") else { continue }
            text += try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
        }
        // The case name from the raw value: `code-retired` is `.codeRetired`.
        func caseName(_ code: FindingCode) -> String {
            let parts = code.rawValue.split(separator: "-")
            return parts[0] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
        let unused = FindingCode.allCases.filter { code in
            text.range(of: "\\.\(caseName(code))\\b", options: .regularExpression) == nil
        }
        #expect(unused.isEmpty, "never emitted: \(unused.map(\.rawValue))")
    }
}

@Suite struct FindingActionTests {
    /// Every code an improvement plan may list carries what to do about it, in both languages.
    @Test func everyCodeHasARecommendedAction() {
        for code in FindingCode.allCases {
            let action = FindingCatalog.actions[code]
            #expect(action != nil, "\(code) has no recommended action")
            #expect(!(action?.vi.isEmpty ?? true) && !(action?.en.isEmpty ?? true) && action?.vi != action?.en, "\(code) action")
        }
        #expect(FindingCatalog.actions.count == FindingCode.allCases.count)
        #expect(FindingCatalog.action(forRecorded: "personal-id-invalid")?.en.contains("CCCD") == true)
        #expect(FindingCatalog.action(forRecorded: "retired-long-ago") == nil)
    }
}
