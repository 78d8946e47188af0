import Foundation
import Testing
@testable import KhoCore

@Suite struct BatchPipeTests {
    private struct Stop: Error, Equatable { let at: Int }

    /// Written by the consumer thread only, read after `run` returns.
    private final class Seen: @unchecked Sendable { var items: [Int] = [] }

    @Test func everyItemArrivesInOrderAcrossBatches() throws {
        let seen = Seen()
        let sent = try BatchPipe<Int>.run(consume: { seen.items.append($0) }) { pipe in
            for item in 0..<5_000 { try pipe.send(item) }
            return 5_000
        }
        #expect(sent == 5_000)
        #expect(seen.items == Array(0..<5_000))
    }

    @Test func aConsumerErrorStopsTheProducerAndIsRethrown() {
        let seen = Seen()
        var sent = 0
        #expect(throws: Stop(at: 1_500)) {
            try BatchPipe<Int>.run(consume: { item in
                if item == 1_500 { throw Stop(at: item) }
                seen.items.append(item)
            }) { pipe in
                for item in 0..<100_000 { try pipe.send(item); sent += 1 }
            }
        }
        #expect(seen.items == Array(0..<1_500))
        // The producer is stopped within the queue's bound, long before the end.
        #expect(sent < 100_000)
    }

    @Test func aProducerErrorIsRethrownAfterTheConsumerEnds() {
        let seen = Seen()
        #expect(throws: Stop(at: 10)) {
            try BatchPipe<Int>.run(consume: { seen.items.append($0) }) { pipe in
                for item in 0..<10 { try pipe.send(item) }
                throw Stop(at: 10)
            }
        }
        #expect(seen.items == Array(0..<10))
    }

    /// The consumer has the first items long before a whole batch is sent: the first batches are
    /// small, each twice the last, and every item still arrives once, in order.
    @Test func theConsumerStartsBeforeAWholeBatchIsSent() throws {
        let seen = Seen()
        let first = DispatchSemaphore(value: 0)
        var startedEarly = false
        try BatchPipe<Int>.run(batchSize: 1024, consume: { item in
            if item == 0 { first.signal() }
            seen.items.append(item)
        }) { pipe in
            for item in 0..<32 { try pipe.send(item) }
            startedEarly = first.wait(timeout: .now() + 10) == .success
            for item in 32..<5_000 { try pipe.send(item) }
        }
        #expect(startedEarly)
        #expect(seen.items == Array(0..<5_000))
    }
}
