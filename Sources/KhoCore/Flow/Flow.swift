import Foundation
import Synchronization

/// The one way rows move: a source → the dataset's normalization rules → the checks → the sinks.
/// `kdl-run` is the inbox source with every sink; each stage command is a work-file source with
/// its one sink; so the fused run and the stages write the same files the same way.
///
/// Sinks that take rows as read run on the reading thread; normalization and the checks run on a
/// second thread and the other sinks on a third, so that reading, judging and writing use three
/// cores. The rows stay in order everywhere.
public final class Flow {
    private let normalizer: Normalizer?
    private let checker: Checker?

    /// - Parameters:
    ///   - normalize: apply the dataset's normalization rules (needs `context`).
    ///   - check: run the checks (after the rules).
    public init(context: DatasetContext?, normalize: Bool, check: Bool) {
        normalizer = normalize ? context.map(Normalizer.init) : nil
        checker = check ? context.map(Checker.init) : nil
    }

    /// Runs every row of `source` through the steps into `sinks`, then finishes each sink.
    @discardableResult
    public func run(_ source: RowSource, into sinks: [RowSink]) throws -> FlowSummary {
        let early = sinks.filter { $0.selection == .read }
        let late = sinks.filter { $0.selection != .read }
        let extract: ExtractReport
        var tableFindings: [Finding] = []
        if late.isEmpty {
            extract = try source.read { item in try Flow.deliver(item, to: early) }
        } else {
            let judge = Judge(normalizer: normalizer, checker: checker, accepting: late.contains { $0.selection == .accepted })
            extract = try BatchPipe<FlowRow>.run(consume: { row in try Flow.deliver(row, to: late) }) { written in
                let read = try BatchPipe<Record>.run(consume: { record in try written.send(judge.judge(record)) }) { records in
                    try source.read { item in
                        try Flow.deliver(item, to: early)
                        if case .record(let record) = item { try records.send(record) }
                    }
                }
                tableFindings = judge.finish()
                return read
            }
        }
        let summary = FlowSummary(extract: extract, tableFindings: tableFindings)
        try Flow.finish(sinks, summary)
        return summary
    }

    /// Finishes the sinks side by side: a sink's finish is mostly waiting for the disk (`fsync` of
    /// its files before they are renamed), and one sink's wait need not follow another's. The
    /// first error in sink order is thrown, whichever sink failed first in time.
    private static func finish(_ sinks: [RowSink], _ summary: FlowSummary) throws {
        guard sinks.count > 1 else {
            for sink in sinks { try sink.finish(summary) }
            return
        }
        let finishing = SinkFinishing(sinks)
        let done = DispatchGroup()
        for index in sinks.indices.dropFirst() {
            done.enter()
            let thread = Thread {
                finishing.finish(index, summary)
                done.leave()
            }
            thread.start()
        }
        finishing.finish(0, summary)
        done.wait()
        if let error = finishing.firstError { throw error }
    }

    /// The sinks and what each one's finish threw. `@unchecked Sendable`: each sink is touched by
    /// one thread only, after the reading, judging and writing threads have ended, and the errors
    /// are behind a mutex.
    private final class SinkFinishing: @unchecked Sendable {
        private let sinks: [RowSink]
        private let errors: Mutex<[Int: Error]> = Mutex([:])

        init(_ sinks: [RowSink]) { self.sinks = sinks }

        func finish(_ index: Int, _ summary: FlowSummary) {
            do { try sinks[index].finish(summary) } catch { errors.withLock { $0[index] = error } }
        }

        var firstError: Error? { errors.withLock { $0.min { $0.key < $1.key }?.value } }
    }

    private static func deliver(_ item: SourceItem, to sinks: [RowSink]) throws {
        guard !sinks.isEmpty else { return }
        switch item {
        case .record(let record):
            let row = FlowRow(record: record, canonical: nil, findings: [], rejected: false, changes: ChangeList(), empty: FieldSet(), recordDate: nil)
            for sink in sinks { try sink.accept(row) }
        case .unreadable(let row):
            for sink in sinks { try sink.unreadable(row) }
        }
    }

    private static func deliver(_ row: FlowRow, to sinks: [RowSink]) throws {
        for sink in sinks where sink.selection == .judged || !row.rejected { try sink.accept(row) }
    }

    /// Normalization and checks for one row at a time, on the judging thread.
    private final class Judge {
        private let normalizer: Normalizer?
        private let checker: Checker?
        private let accepting: Bool
        private var row = RowState()

        init(normalizer: Normalizer?, checker: Checker?, accepting: Bool) {
            self.normalizer = normalizer
            self.checker = checker
            self.accepting = accepting
        }

        func judge(_ record: Record) -> FlowRow {
            // Work on a local row: every use of a struct stored in a class would copy it (and retain
            // its buffers) to guard the access. Swapping moves it out and back for free.
            var row = RowState()
            swap(&row, &self.row)
            defer { swap(&row, &self.row) }
            if let normalizer { normalizer.normalize(record, into: &row) } else { row.reset(with: record) }
            checker?.check(&row)
            let rejected = row.isRejected
            var empty = FieldSet()
            for index in 0..<row.count where row.isEmpty(index) { empty[index] = true }
            return FlowRow(record: record, canonical: !rejected && accepting ? row.canonicalRow() : nil,
                           findings: row.findings.isEmpty ? [] : row.findings, rejected: rejected,
                           changes: row.changes, empty: empty, recordDate: row.recordDate)
        }

        func finish() -> [Finding] { checker?.finish() ?? [] }
    }
}
