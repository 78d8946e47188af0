import Testing
@testable import KhoCore

@Suite struct NormalizationChangeTests {
    @Test func ordinalIsThePositionInAllCases() {
        #expect(NormalizationChange.allCases.map(\.ordinal) == Array(NormalizationChange.allCases.indices))
        #expect(NormalizationChange.byOrdinal == NormalizationChange.allCases)
    }

    private func listed(_ list: ChangeList) -> [String] {
        var out: [String] = []
        list.forEach { field, change in out.append("\(field):\(change.rawValue)") }
        return out
    }

    private func changes(_ fields: [Int]) -> [(field: Int, change: NormalizationChange)] {
        fields.enumerated().map { ($0.element, NormalizationChange.allCases[$0.offset % NormalizationChange.allCases.count]) }
    }

    @Test(arguments: [[], [0], [3, 5, 7], Array(0..<6), Array(0..<12), Array(0..<13), Array(0..<40), [1, 2, 63], [1, 64, 2], [300, 0, 4000]])
    func keepsEveryChangeInOrder(fields: [Int]) {
        let given = changes(fields)
        let list = ChangeList(given)
        #expect(list.count == given.count)
        #expect(list.isEmpty == given.isEmpty)
        #expect(listed(list) == given.map { "\($0.field):\($0.change.rawValue)" })
    }

    @Test func aChangeToALaterFieldAfterInlineOnesKeepsTheOrder() {
        var list = ChangeList()
        for field in 0..<8 { list.append(field: field, change: .date) }
        list.append(field: 1_000, change: .boolean)
        list.append(field: 2, change: .phone)
        #expect(listed(list) == (0..<8).map { "\($0):date" } + ["1000:boolean", "2:phone"])
    }
}
