import Foundation
import Testing
@testable import KhoCore

@Suite struct ParallelMapTests {
    /// Results come back in index order although later indices, with less work, finish first.
    @Test func resultsAreInIndexOrder() {
        let values = ParallelMap.map(64) { index in
            var sum = 0
            for step in 0..<((64 - index) * 2_000) { sum &+= step ^ index }
            return (index, sum)
        }
        #expect(values.map(\.0) == Array(0..<64))
        #expect(ParallelMap.map(0) { $0 }.isEmpty)
    }
}
