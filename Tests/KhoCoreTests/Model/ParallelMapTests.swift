import Foundation
import Synchronization
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

    struct Failed: Error, Equatable { let index: Int }

    /// Every index runs even when some fail, and the error thrown is the lowest failing index's,
    /// though a later one, with no work before it, fails first.
    @Test func forEachRunsEveryIndexAndThrowsTheFirstError() {
        let ran = Mutex<Set<Int>>([])
        #expect(throws: Failed(index: 3)) {
            try ParallelMap.forEach(16) { index in
                if index == 3 { usleep(20_000) }
                ran.withLock { _ = $0.insert(index) }
                if index == 3 || index == 12 { throw Failed(index: index) }
            }
        }
        #expect(ran.withLock { $0 } == Set(0..<16))
        #expect(throws: Never.self) { try ParallelMap.forEach(0) { _ in throw Failed(index: 0) } }
    }
}
