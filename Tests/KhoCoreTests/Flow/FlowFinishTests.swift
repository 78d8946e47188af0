import Foundation
import Synchronization
import Testing
@testable import KhoCore

/// The sinks of a flow finish side by side, and a failure is reported the same way whatever the timing.
@Suite struct FlowFinishTests {
    private struct SinkFailed: Error, Equatable { let sink: Int }

    /// A source with no rows.
    private struct NoRows: RowSource {
        func read(_ take: (SourceItem) throws -> Void) throws -> ExtractReport {
            ExtractReport(unit: "u", dataset: "d", asOf: "2026-01-01")
        }
    }

    /// A sink whose finish runs `work`.
    private final class FinishingSink: RowSink, @unchecked Sendable {
        let selection: RowSelection = .read
        private let work: () throws -> Void
        init(_ work: @escaping () throws -> Void) { self.work = work }
        func accept(_ row: FlowRow) throws {}
        func finish(_ summary: FlowSummary) throws { try work() }
    }

    /// Each sink waits for the other to have started finishing: finished one after the other, the
    /// first would wait out its timeout and fail.
    @Test func sinksFinishAtTheSameTime() throws {
        let first = DispatchSemaphore(value: 0), second = DispatchSemaphore(value: 0)
        let sinks = [
            FinishingSink {
                first.signal()
                if second.wait(timeout: .now() + 10) == .timedOut { throw SinkFailed(sink: 0) }
            },
            FinishingSink {
                second.signal()
                if first.wait(timeout: .now() + 10) == .timedOut { throw SinkFailed(sink: 1) }
            },
        ]
        try Flow(context: nil, normalize: false, check: false).run(NoRows(), into: sinks)
    }

    /// The first sink's error is the one thrown even when a later sink fails sooner, and every
    /// sink still finishes.
    @Test func theFirstSinksErrorIsThrownAndEverySinkFinishes() {
        let finished = Mutex(Set<Int>())
        let sinks = [
            FinishingSink {
                Thread.sleep(forTimeInterval: 0.05)
                finished.withLock { _ = $0.insert(0) }
                throw SinkFailed(sink: 0)
            },
            FinishingSink {
                finished.withLock { _ = $0.insert(1) }
                throw SinkFailed(sink: 1)
            },
            FinishingSink { finished.withLock { _ = $0.insert(2) } },
        ]
        #expect(throws: SinkFailed(sink: 0)) {
            try Flow(context: nil, normalize: false, check: false).run(NoRows(), into: sinks)
        }
        #expect(finished.withLock { $0 } == [0, 1, 2])
    }
}
