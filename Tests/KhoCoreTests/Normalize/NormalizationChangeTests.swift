import Testing
@testable import KhoCore

@Suite struct NormalizationChangeTests {
    @Test func ordinalIsThePositionInAllCases() {
        #expect(NormalizationChange.allCases.map(\.ordinal) == Array(NormalizationChange.allCases.indices))
    }
}
