import Foundation
import Testing
@testable import KhoCore

/// The order in which a flow tells its sinks that the rows are over.
@Suite struct FlowTests {
    /// Records what a sink is told, into a log shared by every sink of the flow.
    final class Recorder: RowSink {
        let name: String
        let selection: RowSelection
        let log: Log

        final class Log {
            var events: [String] = []
        }

        init(_ name: String, _ selection: RowSelection, log: Log) {
            self.name = name
            self.selection = selection
            self.log = log
        }

        func accept(_ row: FlowRow) throws { log.events.append("\(name).row") }
        func rowsEnded() throws { log.events.append("\(name).rowsEnded") }
        func finish(_ summary: FlowSummary) throws { log.events.append("\(name).finish") }
    }

    struct TwoRecords: RowSource {
        func read(_ take: (SourceItem) throws -> Void) throws -> ExtractReport {
            for line in [2, 3] {
                try take(.record(Record(values: FieldRow(["H\(line)"]), file: "u/x.csv", line: line)))
            }
            return ExtractReport(unit: "u", dataset: "ho-ngheo", asOf: "2026-11-29")
        }
    }

    /// Every sink hears that the rows have ended before any sink finishes: a sink can start work
    /// then that goes on while the others wait on the disk for their commits.
    @Test func everySinkHearsTheRowsEndedBeforeAnyFinishes() throws {
        let log = Recorder.Log()
        let sinks = [Recorder("read", .read, log: log), Recorder("judged", .judged, log: log), Recorder("accepted", .accepted, log: log)]
        try Flow(context: nil, normalize: false, check: false).run(TwoRecords(), into: sinks)
        let ends = log.events.filter { !$0.hasSuffix(".row") }
        #expect(ends == ["read.rowsEnded", "judged.rowsEnded", "accepted.rowsEnded", "read.finish", "judged.finish", "accepted.finish"])
        #expect(log.events.filter { $0.hasSuffix(".row") }.count == 6)
        #expect(log.events.prefix(while: { $0.hasSuffix(".row") }).count == 6)
    }
}
