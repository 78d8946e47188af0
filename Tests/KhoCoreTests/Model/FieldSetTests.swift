import Testing
@testable import KhoCore

@Suite struct FieldSetTests {
    @Test func visitsEachMemberOnceInIncreasingOrder() {
        var set = FieldSet()
        for index in [63, 0, 17, 1, 40, 17] { set[index] = true }
        set[40] = false
        var visited: [Int] = []
        set.forEach { visited.append($0) }
        #expect(visited == [0, 1, 17, 63])
        var none: [Int] = []
        FieldSet().forEach { none.append($0) }
        #expect(none.isEmpty)
    }
}
