import Testing
@testable import KhoCore

@Suite struct TextTemplateTests {
    @Test func placeholdersAreFilledAndOtherBracesKept() throws {
        let template = try TextTemplate("{a} {b} { x } {} {a", known: ["a", "b"])
        #expect(template.render(["a": "1", "b": "2"]) == "1 2 { x } {} {a")
    }

    @Test func unknownPlaceholdersAreNamed() {
        #expect(throws: TextTemplate.UnknownPlaceholders.self) { try TextTemplate("{a} {c} {d}", known: ["a"]) }
        do {
            _ = try TextTemplate("{a} {c} {d}", known: ["a"])
        } catch {
            #expect(error.names == ["c", "d"])
        }
    }
}
