import Testing
@testable import KhoCore

@Suite struct CheckRegistryTests {
    @Test func idsAreUniqueAndKebabCase() {
        let ids = CheckRegistry.all.map { $0.id }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(id) is not kebab-case")
        }
    }

    @Test func ruleIDsAreUniqueAndKebabCase() {
        let ids = NormalizationRegistry.all.map { $0.id }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(id) is not kebab-case")
        }
    }

    @Test func catalogueCodesAreUniqueAndWorded() {
        let codes = FindingCatalog.entries.map(\.code.rawValue)
        #expect(Set(codes).count == codes.count)
        for entry in FindingCatalog.entries {
            #expect(!entry.vi.isEmpty && !entry.en.isEmpty)
            #expect(entry.code.rawValue.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
        }
    }
}
