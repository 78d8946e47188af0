import Foundation

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
    /// `alongside` runs while the sinks finish, once every sink has summarized the rows: work that
    /// reads their reports, not their files (a night's last unit completes its dataset's bundles
    /// while its work files are committed). Its error comes after the sinks'.
    @discardableResult
    public func run(_ source: RowSource, into sinks: [RowSink], alongside: (() throws -> Void)? = nil) throws -> FlowSummary {
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
        for sink in sinks { try sink.rowsEnded() }
        for sink in sinks { try sink.summarize(summary) }
        try Flow.finish(sinks, summary, alongside: alongside)
        return summary
    }

    /// Finishes the sinks at once, each on a thread: each commits its own files and report, and
    /// one after another their `fsync`s and JSON encoding were a fixed cost of every night.
    /// An error is the first sink's, in the order given, as if they had finished in turn.
    /// `alongside` runs on the calling thread, at once: a new thread starts only when a core is
    /// free, and at the end of a flow the sinks' threads, which mostly wait, can start later.
    private static func finish(_ sinks: [RowSink], _ summary: FlowSummary, alongside: (() throws -> Void)?) throws {
        guard sinks.count > 1 || alongside != nil else { try sinks.first?.finish(summary); return }
        let finishing = Finishing(sinks: sinks, alongside: alongside)
        let first = alongside == nil ? 0 : 1
        try ParallelMap.forEachOnThreads(first + sinks.count) { index in
            if index < first {
                finishing.alongsideResult = Result { try finishing.alongside?() }
            } else {
                try finishing.sinks[index - first].finish(summary)
            }
        }
        try finishing.alongsideResult.get()
    }

    /// The sinks handed to the threads that finish them. `@unchecked`: each thread touches its
    /// own sink only, sinks share no state they change when finishing, `alongside` reads what
    /// they summarized, which none of them changes again, and its result is read once every
    /// thread has ended.
    private final class Finishing: @unchecked Sendable {
        let sinks: [RowSink]
        let alongside: (() throws -> Void)?
        var alongsideResult: Result<Void, any Error> = .success(())

        init(sinks: [RowSink], alongside: (() throws -> Void)?) {
            self.sinks = sinks
            self.alongside = alongside
        }
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
