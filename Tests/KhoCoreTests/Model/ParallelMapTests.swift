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

    /// Each index has a thread of its own: eight bodies that each wait for all eight to have
    /// started get past the wait, on a machine of two cores too, and the first error still wins.
    @Test func forEachOnThreadsGivesEachIndexAThread() {
        let started = Mutex(0)
        let allStarted = DispatchSemaphore(value: 0)
        #expect(throws: Failed(index: 2)) {
            try ParallelMap.forEachOnThreads(8) { index in
                if started.withLock({ $0 += 1; return $0 }) == 8 { for _ in 0..<8 { allStarted.signal() } }
                if allStarted.wait(timeout: .now() + 10) == .timedOut { throw Failed(index: -1) }
                if index >= 2 { throw Failed(index: index) }
            }
        }
        #expect(throws: Never.self) { try ParallelMap.forEachOnThreads(0) { _ in throw Failed(index: 0) } }
    }

    /// The two pieces run at once (each waits for the other to start), their values come back in
    /// their places, and when both fail the first one's error is thrown.
    @Test func bothRunsTwoPiecesAtOnce() throws {
        let first = DispatchSemaphore(value: 0), second = DispatchSemaphore(value: 0)
        let (word, number) = try ParallelMap.both({ () throws -> String in
            first.signal()
            if second.wait(timeout: .now() + 10) == .timedOut { throw Failed(index: -1) }
            return "một"
        }, { () throws -> Int in
            second.signal()
            if first.wait(timeout: .now() + 10) == .timedOut { throw Failed(index: -2) }
            return 2
        })
        #expect(word == "một" && number == 2)
        #expect(throws: Failed(index: 0)) {
            try ParallelMap.both({ () throws -> Int in throw Failed(index: 0) }, { () throws -> Int in throw Failed(index: 1) })
        }
    }
}
