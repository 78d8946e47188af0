import Foundation
import Synchronization

/// The nightly run, fused: for each unit and dataset one flow from the inbox through the rules and
/// checks into every sink (each stage's files, and the dataset's bundles), datasets in parallel;
/// then the portal listings and the night's reports. Unchanged inputs are not read again.
public enum NightlyRun {
    public struct Outcome: Sendable {
        public var extracts: [ExtractReport] = []
        /// The selected units' reports for tonight: read tonight, or reused when nothing changed.
        public var qualities: [QualityReport] = []
        public var bundles: [BundleReport] = []
        /// Unit-dataset pairs reused from the last run because nothing changed.
        public var reused: [String] = []
        /// Selected unit-dataset pairs with no export tonight.
        public var absent: [UnitAbsence] = []
        /// Datasets with nothing new tonight: no bundle was written, the last one stands.
        public var unchanged: [String] = []
        /// Temporary files of killed runs removed when this run started.
        public var temporaryFilesRemoved = TemporaryFiles.Removal(files: 0, bytes: 0)
        /// The plan's bookkeeping: the open-data list's review, units without open data, configuration warnings.
        public var plan: PlanReview?
        /// What retention and purges removed tonight: old bundles, old work files, purged units' files.
        public var removed: [Retention.Removal] = []
        /// Units purged tonight (`--purge-unit`).
        public var purged: [String] = []
        /// Deliveries tried tonight, good and failed.
        public var deliveries: [Deliveries.Entry] = []
        /// The portal rebuilt after bundling; nil with `--no-portal`.
        public var portal: PortalSite.Outcome?

        /// 66 when no selected unit sent any export; 65 when an export was unreadable or
        /// incomplete or an open bundle was withheld; else 0.
        public var exitCode: ExitCode {
            if qualities.isEmpty && !absent.isEmpty { return .noInput }
            let blocked = qualities.contains(where: \.blocked) || bundles.contains { !$0.openWithheld.isEmpty }
            return blocked ? .dataBlocked : .ok
        }
    }

    /// `reports/run.json`: the night in one file, failed nights included.
    public struct RunReport: Codable, Sendable {
        public struct Line: Codable, Sendable {
            public var unit: String
            public var dataset: String
            public var rows: RowAccount
            public var grade: Grade
            public var overall: Double
            public var blocked: Bool
            public var reused: Bool
        }

        public var asOf: String
        public var exitCode: Int32
        /// Why the run stopped, when it failed (exit code 70 or 74, or another error).
        public var failure: Message?
        public var units: [Line]
        public var absent: [UnitAbsence]
        public var unchangedDatasets: [String]
        public var bundles: [BundleReport.Output]
        public var openWithheld: [String: [WithheldReason]]
        public var temporaryFilesRemoved: TemporaryFiles.Removal?
        /// Absent in reports of failed runs and of earlier versions.
        public var plan: PlanReview?
        /// What retention and purges removed tonight; nil when nothing.
        public var removed: [Retention.Removal]? = nil
        /// Units whose data was withdrawn tonight (`--purge-unit`); nil when none.
        public var purged: [String]? = nil
        /// Existing `shared/` or `work/` folders other users may read; nil when none.
        public var exposedFolders: [Message]? = nil
        /// Deliveries tried tonight (the audit trail has them all); nil when none.
        public var deliveries: [Deliveries.Entry]? = nil
        /// The code that ran (absent in reports of earlier versions).
        public var build: KhoDuLieu.Build? = KhoDuLieu.build
        /// A run killed while it held the lock, whose lock this run took over.
        public var lockTakenOver: RunLock.Holder? = nil
        /// Problem report files left out tonight, each bad field with its reason; nil when none.
        public var feedbackRefused: [FeedbackRefusal]? = nil

        /// A run that stopped on an error: its code and why, nothing else.
        static func failed(asOf: CivilDate, code: ExitCode, failure: Message) -> RunReport {
            RunReport(asOf: asOf.description, exitCode: code.rawValue, failure: failure, units: [], absent: [], unchangedDatasets: [],
                      bundles: [], openWithheld: [:], temporaryFilesRemoved: nil, plan: nil)
        }
    }

    public static func run(_ setup: StageSetup, temporaryFilesRemoved: TemporaryFiles.Removal = .init(files: 0, bytes: 0),
                           exposedFolders: [Message] = [],
                           lockTakenOver: RunLock.Holder? = nil, observer: (any RunObserver)? = nil) throws -> Outcome {
        let config = setup.config, workspace = setup.workspace, asOf = setup.options.asOf
        var removed: [Retention.Removal] = []
        for unit in setup.options.purgeUnits {
            removed += try UnitPurge.purge(unit, workspace: workspace, asOf: asOf).removed
        }
        let purges = UnitPurge.load(workspace)
        let configurationHash = InputFingerprint.configurationHash(files: config.sourceFiles, root: config.projectRoot)
        // The inbox as it is now: reading stops at these sizes, and files written after this are
        // left for the next run.
        var listed: [String: InputListing] = [:]
        for (unit, dataset) in setup.pairs {
            let listing = try InboxListing.list(unit, dataset: dataset.id, inbox: workspace.inbox, quietPeriod: config.pipeline.quietPeriodSeconds)
            listed["\(unit.id)/\(dataset.id)"] = UnitPurge.withoutWithdrawn(listing, unit: unit.id, log: purges)
        }
        let listings = listed
        let datasets = setup.bundleDatasets
        let results = Results(count: datasets.count)
        let workers = max(1, min(setup.options.jobs > 0 ? setup.options.jobs : ProcessInfo.processInfo.activeProcessorCount, datasets.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = results.nextJob() {
                do {
                    results.store(index, try datasetJob(datasets[index], setup: setup, listings: listings,
                                                        configurationHash: configurationHash, observer: observer))
                } catch {
                    results.fail(error)
                }
            }
        }
        if let error = results.firstError { throw error }

        var outcome = Outcome()
        outcome.temporaryFilesRemoved = temporaryFilesRemoved
        outcome.purged = setup.options.purgeUnits
        var graded: [QualityReport] = []
        for result in results.all {
            guard let result else { continue }
            outcome.extracts += result.extracts
            outcome.qualities += result.qualities
            outcome.reused += result.reused
            outcome.absent += result.absent
            graded += result.graded
            if let bundle = result.bundle { outcome.bundles.append(bundle) } else { outcome.unchanged.append(result.dataset) }
        }
        // Every bundle is written and every carried-forward row read: old work files can go.
        removed += outcome.bundles.flatMap { $0.removed ?? [] }
        removed += try Retention.pruneWork(workspace, asOf: asOf, nights: config.pipeline.workFilesKept)
        outcome.removed = removed
        outcome.qualities.sort { ($0.unit, $0.dataset) < ($1.unit, $1.dataset) }
        outcome.absent.sort { ($0.unit, $0.dataset) < ($1.unit, $1.dataset) }
        graded.sort { ($0.unit, $0.dataset) < ($1.unit, $1.dataset) }
        // Every open bundle is complete: the portal's downloads are copied while the reports are written.
        let downloads = setup.options.portal ? PortalDownloads(config: config, workspace: workspace) : nil
        defer { _ = try? downloads?.wait() }
        // Problem reports a file gets wrong are printed and left out; `kdl-report` lists them too.
        let loaded = FeedbackInbox.load(from: FeedbackInbox.folder(config), config: config, asOf: asOf)
        for problem in loaded.refused { FileHandle.standardError.write(Data("  \(problem.rendered(setup.options.language))\n".utf8)) }
        let feedback = try watchFeedback(loaded.reports, config: config, workspace: workspace, asOf: asOf)
        // The units' reports and the catalogs, then the quality report and the portal's pages, two
        // at a time: each pair is independent, and each piece of it waits on the disk in turn.
        let (qualities, gradedTonight, absent, bundles) = (outcome.qualities, graded, outcome.absent, outcome.bundles)
        let (_, published) = try ParallelMap.both({
            try UnitReporter.write(qualities, workspace: workspace, asOf: asOf, feedback: feedback)
        }, {
            try PortalCatalog.write(config: config, workspace: workspace, asOf: asOf)
        })
        let plan = PlanReview.make(config: config, published: published, asOf: asOf)
        outcome.plan = plan
        // Tonight's grade is part of each dataset's trend on the portal.
        let history = try recordHistory(setup, graded: graded, absent: absent, bundles: bundles)
        (_, outcome.portal) = try ParallelMap.both({ [refusals = loaded.refusals] in
            try writeQualityReport(setup, graded: gradedTonight, absent: absent, bundles: bundles, plan: plan, history: history,
                                   feedback: feedback, feedbackRefused: refusals)
        }, {
            setup.options.portal
                ? try PortalSite.write(config: config, workspace: workspace, asOf: asOf, downloads: downloads, history: history) : nil
        })
        // Only now, every bundle, the catalogs and the portal published: a slow or failing delivery holds back
        // nothing but the line of services.json that says how it went.
        outcome.deliveries = try Deliveries.run(config: config, workspace: workspace, asOf: asOf, written: outcome.bundles)
            .filter { $0.event != .written }
        if !outcome.deliveries.isEmpty { try PortalCatalog.writeServices(published, config: config, workspace: workspace, asOf: asOf) }
        let lines = outcome.qualities.map { quality in
            RunReport.Line(unit: quality.unit, dataset: quality.dataset, rows: quality.rows, grade: quality.score.grade,
                           overall: quality.score.overall, blocked: quality.blocked,
                           reused: outcome.reused.contains("\(quality.unit)/\(quality.dataset)"))
        }
        var withheld: [String: [WithheldReason]] = [:]
        for bundle in outcome.bundles where !bundle.openWithheld.isEmpty { withheld[bundle.dataset] = bundle.openWithheld }
        try JSONOutput.write(RunReport(asOf: asOf.description, exitCode: outcome.exitCode.rawValue, failure: nil, units: lines,
                                       absent: outcome.absent, unchangedDatasets: outcome.unchanged.sorted(),
                                       bundles: outcome.bundles.flatMap(\.outputs), openWithheld: withheld,
                                       temporaryFilesRemoved: temporaryFilesRemoved.files > 0 ? temporaryFilesRemoved : nil, plan: plan,
                                       removed: removed.isEmpty ? nil : removed, purged: outcome.purged.isEmpty ? nil : outcome.purged,
                                       exposedFolders: exposedFolders.isEmpty ? nil : exposedFolders,
                                       deliveries: outcome.deliveries.isEmpty ? nil : outcome.deliveries,
                                       lockTakenOver: lockTakenOver,
                                       feedbackRefused: loaded.refused.isEmpty ? nil : loaded.refusals),
                             to: workspace.runReport)
        return outcome
    }

    /// Tonight's look at the records that open reports name by key (`FeedbackWatch`), kept for the
    /// next night; the reports come back marked. No reports and no watch before: nothing is written.
    private static func watchFeedback(_ reports: [FeedbackReport], config: Configuration, workspace: Workspace,
                                      asOf: CivilDate) throws -> [FeedbackReport] {
        let previous = FeedbackWatch.load(workspace)
        let watch = try FeedbackWatch.update(previous, reports: reports, config: config, workspace: workspace, asOf: asOf)
        if previous != nil || !watch.entries.isEmpty { try JSONOutput.write(watch, to: FeedbackWatch.url(in: workspace)) }
        return watch.marking(reports, through: asOf)
    }

    /// The night in the history (`reports/history/`) when the run covered everything; returns the
    /// history, tonight included, for the trends of the quality report and the portal.
    private static func recordHistory(_ setup: StageSetup, graded: [QualityReport], absent: [UnitAbsence],
                                      bundles: [BundleReport]) throws -> [QualityHistory] {
        let workspace = setup.workspace, asOf = setup.options.asOf
        // A partial run (--unit, --dataset) would make a night look smaller than it was.
        if setup.options.units.isEmpty && setup.options.datasets.isEmpty {
            try JSONOutput.write(QualityHistory.make(asOf: asOf, qualities: graded, absent: absent, bundles: bundles),
                                 to: QualityHistory.url(asOf: asOf, in: workspace))
        }
        return QualityHistory.load(from: QualityHistory.folder(in: workspace))
    }

    /// The HTML report of the run, its trend drawn from the history.
    private static func writeQualityReport(_ setup: StageSetup, graded: [QualityReport], absent: [UnitAbsence],
                                           bundles: [BundleReport], plan: PlanReview, history: [QualityHistory],
                                           feedback: [FeedbackReport], feedbackRefused: [FeedbackRefusal]) throws {
        let titles = setup.config.datasets.mapValues(\.title)
        let fieldTitles = setup.config.datasets.mapValues { schema in
            Dictionary(schema.fields.compactMap { field in field.title.map { (field.name, $0) } }, uniquingKeysWith: { first, _ in first })
        }
        let html = HTMLQualityReport.render(asOf: setup.options.asOf, qualities: graded, absent: absent, bundles: bundles, history: history,
                                            datasetTitles: titles, fieldTitles: fieldTitles, plan: plan, feedback: feedback,
                                            feedbackRefused: feedbackRefused, language: setup.options.language)
        try AtomicFile.write(Array(html.utf8), to: HTMLQualityReport.url(asOf: setup.options.asOf, in: setup.workspace))
    }

    /// A value the thread that completes the bundles sets, read once the flow has joined it:
    /// hence `@unchecked`.
    private final class Slot<Value>: @unchecked Sendable {
        var value: Value?
    }

    private struct DatasetResult: Sendable {
        var dataset: String
        var extracts: [ExtractReport] = []
        /// The selected units' reports.
        var qualities: [QualityReport] = []
        /// Every unit graded tonight (read or reused) that fed the dataset, selected or not.
        var graded: [QualityReport] = []
        var reused: [String] = []
        var absent: [UnitAbsence] = []
        /// Nil when nothing new reached the dataset tonight.
        var bundle: BundleReport?
    }

    /// One dataset: its units in order, each read, reused or carried forward; then the bundles —
    /// unless nothing new arrived for the dataset tonight.
    private static func datasetJob(_ dataset: DatasetSchema, setup: StageSetup, listings: [String: InputListing],
                                   configurationHash: String, observer: (any RunObserver)?) throws -> DatasetResult {
        let workspace = setup.workspace, asOf = setup.options.asOf, config = setup.config
        let window = config.pipeline.carryForwardDays
        let selected = Set(setup.pairs.filter { $0.dataset.id == dataset.id }.map(\.unit.id))
        let runPlan = RunPlan(dataset: dataset, setup: setup, listings: listings, configurationHash: configurationHash)
        let plans = runPlan.units.map { (unit: $0.unit, plan: $0.step) }
        // A unit purged tonight must leave tonight's bundle, even one already written for this night.
        let reusable = runPlan.reusable && !runPlan.units.contains { setup.options.purgeUnits.contains($0.unit.id) }

        var result = DatasetResult(dataset: dataset.id)
        var contributions: [UnitContribution] = []
        for (unit, plan) in plans {
            guard case .read = plan else {
                let contribution = UnitContribution.onDisk(unit, dataset: dataset.id, workspace: workspace, asOf: asOf, window: window)
                contributions.append(contribution)
                if case .noExport(let findings) = plan {
                    result.absent.append(UnitAbsence(unit: unit.id, dataset: dataset.id, contribution: contribution.line, findings: findings))
                } else if selected.contains(unit.id), let quality = contribution.quality, contribution.kind == .tonight {
                    result.qualities.append(quality)
                    result.reused.append("\(unit.id)/\(dataset.id)")
                }
                if contribution.kind == .tonight, let quality = contribution.quality { result.graded.append(quality) }
                continue
            }
            contributions.append(UnitContribution(unit: unit, kind: .tonight, quality: nil))
        }
        // Nothing new for the dataset: the last bundle stands. A rerun of the same night with
        // nothing changed gives back that night's bundle report, read only then (decoded on every
        // night, it took 0.8 ms of CPU: perf, 1 000-row nights).
        if !contributions.contains(where: { $0.kind == .tonight }) { return result }
        if reusable, !setup.options.force,
           let previous = try? JSONOutput.read(BundleReport.self, from: workspace.bundleReport(dataset.id)),
           previous.asOf == asOf.description,
           FileManager.default.fileExists(atPath: workspace.bundle(.shared, dataset.id, asOf: asOf).path) {
            result.bundle = previous
            return result
        }

        let feeding = contributions.filter { $0.kind != .missing }.count
        let bundling = try DatasetBundling(dataset: dataset, config: config, workspace: workspace, asOf: asOf, units: feeding)
        var fed: [UnitContribution] = []
        // The bundles are completed while the last unit read tonight commits its work files: they
        // need its quality report, not its files. Not when several units feed the dataset: then a
        // second pass reads every unit's normalized rows again, tonight's too.
        let lastRead = plans.lastIndex { if case .read = $0.plan { true } else { false } }
        let completed = Slot<BundleReport>()
        for (index, (unit, plan)) in plans.enumerated() {
            guard case .read(let listing, let fingerprint) = plan else {
                let contribution = contributions[index]
                if contribution.kind != .missing, let dataAsOf = contribution.dataAsOf {
                    try bundling.replay(unit: unit, dataset: dataset, dataAsOf: dataAsOf, workspace: workspace)
                }
                fed.append(contribution)
                continue
            }
            let context = DatasetContext(schema: unit.schema(for: dataset), unit: unit.id, asOf: asOf, codeLists: config.codeLists,
                                         codeSystems: unit.codeSystems(for: dataset.id), unitCodes: unit.ownCodes)
            bundling.integration.beginUnit(unit.id, dataAsOf: asOf.description,
                                           keysOnceOnly: feeding == 1 && UniquenessCheck.acceptsEachPrimaryKeyOnce(context.schema),
                                           onlyUnit: feeding == 1)
            let validated = try ValidatedSink(unit: unit, schema: dataset, workspace: workspace, asOf: asOf)
            let sinks: [RowSink] = [try ExtractedSink(unit: unit.id, schema: dataset, workspace: workspace), validated,
                                    try NormalizedSink(unit: unit.id, schema: dataset, workspace: workspace, asOf: asOf,
                                                       escapedRows: bundling.escapedRows), bundling.integration]
            let meter = ReadMeter(listing)
            observer?.unitStarted(unit: unit.id, dataset: dataset.id, meter: meter)
            var source = InboxSource(unit: unit, dataset: dataset, listing: listing, limits: config.pipeline.limits, asOf: asOf, meter: meter)
            source.cells = context.cells
            let earlier = fed
            let alongside: (() throws -> Void)? = index != lastRead ? nil : {
                guard !bundling.integration.needsSecondPass, let quality = validated.report else { return }
                completed.value = try bundling.finish(contributions: earlier + [.tonight(unit, quality)] + contributions[(index + 1)...])
            }
            let extract = try Flow(context: context, normalize: true, check: true).run(source, into: sinks, alongside: alongside).extract
            guard let quality = validated.report else { throw MissingStageOutput(path: workspace.qualityReport(unit.id, dataset.id).path, stage: "kdl-run") }
            let fingerprintURL = workspace.fingerprint(unit.id, dataset.id)
            if !extract.isBlocked {
                try JSONOutput.write(fingerprint, to: fingerprintURL)
            } else {
                try FileSystem.remove(fingerprintURL)
            }
            result.extracts.append(extract)
            result.qualities.append(quality)
            result.graded.append(quality)
            fed.append(.tonight(unit, quality))
            observer?.unitFinished(extract, quality)
        }
        observer?.bundleStarted(dataset: dataset.id)
        let bundle = try completed.value ?? bundling.finish(contributions: fed)
        result.bundle = bundle
        observer?.bundleFinished(bundle)
        return result
    }

    /// Job results filled in by worker threads, behind a mutex.
    private final class Results: Sendable {
        private struct State {
            var next = 0
            var values: [DatasetResult?]
            var firstError: Error?
        }

        private let count: Int
        private let state: Mutex<State>

        init(count: Int) {
            self.count = count
            state = Mutex(State(values: [DatasetResult?](repeating: nil, count: count)))
        }

        func nextJob() -> Int? {
            state.withLock { state in
                guard state.next < count, state.firstError == nil else { return nil }
                state.next += 1
                return state.next - 1
            }
        }

        func store(_ index: Int, _ result: DatasetResult) {
            state.withLock { $0.values[index] = result }
        }

        func fail(_ error: Error) {
            state.withLock { state in
                if state.firstError == nil { state.firstError = error }
            }
        }

        var firstError: Error? { state.withLock { $0.firstError } }

        var all: [DatasetResult?] { state.withLock { $0.values } }
    }
}
