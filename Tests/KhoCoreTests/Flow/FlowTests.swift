import Foundation
import Synchronization
import Testing
@testable import KhoCore

/// The order in which a flow tells its sinks that the rows are over.
@Suite struct FlowTests {
    /// Records what a sink is told, into a log shared by every sink of the flow.
    final class Recorder: RowSink {
        let name: String
        let selection: RowSelection
        let log: Log

        /// Behind a mutex: the sinks finish on several threads.
        final class Log: Sendable {
            private let lines = Mutex<[String]>([])
            var events: [String] { lines.withLock { $0 } }
            func append(_ event: String) { lines.withLock { $0.append(event) } }
        }

        init(_ name: String, _ selection: RowSelection, log: Log) {
            self.name = name
            self.selection = selection
            self.log = log
        }

        func accept(_ row: FlowRow) throws { log.append("\(name).row") }
        func rowsEnded() throws { log.append("\(name).rowsEnded") }
        func summarize(_ summary: FlowSummary) throws { log.append("\(name).summarize") }
        func finish(_ summary: FlowSummary) throws { log.append("\(name).finish") }
    }

    struct TwoRecords: RowSource {
        func read(_ take: (SourceItem) throws -> Void) throws -> ExtractReport {
            for line in [2, 3] {
                try take(.record(Record(values: FieldRow(["H\(line)"]), file: "u/x.csv", line: line)))
            }
            return ExtractReport(unit: "u", dataset: "ho-ngheo", asOf: "2026-11-29")
        }
    }

    /// Every sink hears that the rows have ended, then summarizes them, before any sink finishes: a
    /// sink can start work then that goes on while the others wait on the disk for their commits,
    /// and work beside the commits can read every report.
    @Test func everySinkHearsTheRowsEndedBeforeAnyFinishes() throws {
        let log = Recorder.Log()
        let sinks = [Recorder("read", .read, log: log), Recorder("judged", .judged, log: log), Recorder("accepted", .accepted, log: log)]
        try Flow(context: nil, normalize: false, check: false).run(TwoRecords(), into: sinks)
        let ends = log.events.filter { !$0.hasSuffix(".row") }
        #expect(ends.prefix(6) == ["read.rowsEnded", "judged.rowsEnded", "accepted.rowsEnded",
                                   "read.summarize", "judged.summarize", "accepted.summarize"])
        #expect(ends.dropFirst(6).sorted() == ["accepted.finish", "judged.finish", "read.finish"])
        #expect(log.events.filter { $0.hasSuffix(".row") }.count == 6)
        #expect(log.events.prefix(while: { $0.hasSuffix(".row") }).count == 6)
    }

    /// A sink whose finish waits for another sink's finish to start: only sinks finishing at once
    /// can both get past it.
    final class Rendezvous: RowSink {
        let selection = RowSelection.judged
        let mine: DispatchSemaphore, other: DispatchSemaphore
        let failure: (any Error)?

        init(mine: DispatchSemaphore, other: DispatchSemaphore, failure: (any Error)? = nil) {
            self.mine = mine
            self.other = other
            self.failure = failure
        }

        func accept(_ row: FlowRow) throws {}
        func finish(_ summary: FlowSummary) throws {
            mine.signal()
            if other.wait(timeout: .now() + 10) == .timedOut { throw Stuck() }
            if let failure { throw failure }
        }
    }

    struct Stuck: Error {}
    struct Failed: Error, Equatable { let sink: Int }

    /// Each sink commits its own files and report; finishing them one after another made their
    /// `fsync`s a fixed cost of every night. Finished in turn, the first sink here would wait for
    /// the second until it gave up.
    @Test func sinksFinishAtOnce() throws {
        let first = DispatchSemaphore(value: 0), second = DispatchSemaphore(value: 0)
        let sinks = [Rendezvous(mine: first, other: second), Rendezvous(mine: second, other: first)]
        try Flow(context: nil, normalize: false, check: false).run(TwoRecords(), into: sinks)
    }

    /// The work beside the sinks' finish (a night's bundles) runs while they wait on the disk, and
    /// reads what they summarized. Run after them, it would wait for the sink until it gave up.
    @Test func workAlongsideRunsWhileTheSinksFinish() throws {
        let log = Recorder.Log()
        let sinkStarted = DispatchSemaphore(value: 0), alongsideStarted = DispatchSemaphore(value: 0)
        let sinks: [RowSink] = [Recorder("judged", .judged, log: log), Rendezvous(mine: sinkStarted, other: alongsideStarted)]
        try Flow(context: nil, normalize: false, check: false).run(TwoRecords(), into: sinks) {
            log.append("alongside")
            #expect(log.events.contains("judged.summarize"))
            alongsideStarted.signal()
            if sinkStarted.wait(timeout: .now() + 10) == .timedOut { throw Stuck() }
        }
        #expect(log.events.filter { $0 == "alongside" }.count == 1)
    }

    /// A sink and the work alongside both fail: the sink's error is thrown, as if the work had
    /// come after the sinks; alone, the work's own.
    @Test func aSinksErrorComesBeforeTheWorkAlongside() throws {
        struct Late: Error, Equatable {}
        let first = DispatchSemaphore(value: 0), second = DispatchSemaphore(value: 0)
        let sinks = [Rendezvous(mine: first, other: second, failure: Failed(sink: 0))]
        #expect(throws: Failed(sink: 0)) {
            try Flow(context: nil, normalize: false, check: false).run(TwoRecords(), into: sinks) {
                second.signal()
                throw Late()
            }
        }
        #expect(throws: Late()) {
            try Flow(context: nil, normalize: false, check: false).run(TwoRecords(), into: [Recorder("judged", .judged, log: Recorder.Log())]) {
                throw Late()
            }
        }
    }

    /// Two sinks fail: the error is the first one's in the order given, whichever thread failed first.
    @Test func theFirstSinksErrorIsTheOneThrown() throws {
        let first = DispatchSemaphore(value: 0), second = DispatchSemaphore(value: 0)
        let sinks = [Rendezvous(mine: first, other: second, failure: Failed(sink: 0)),
                     Rendezvous(mine: second, other: first, failure: Failed(sink: 1))]
        #expect(throws: Failed(sink: 0)) {
            try Flow(context: nil, normalize: false, check: false).run(TwoRecords(), into: sinks)
        }
    }
}
