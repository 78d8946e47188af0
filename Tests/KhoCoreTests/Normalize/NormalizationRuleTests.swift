import Testing
@testable import KhoCore

@Suite struct NormalizationRuleTests {
    @Test func ordinalIsThePositionInAllCases() {
        #expect(NormalizationRule.allCases.map(\.ordinal) == Array(NormalizationRule.allCases.indices))
    }
}
