import Foundation

/// The nightly run, fused: for each unit and dataset, rows flow once through extract → validate →
/// normalize (each stage's files written on the way), units in parallel; then each dataset is
/// bundled and the portal listings are written. Unchanged inputs are not read again.
public enum RunStage {
    public struct Outcome: Sendable {
        public var extracts: [ExtractReport] = []
        public var qualities: [QualityReport] = []
        public var bundles: [BundleReport] = []
        /// Unit-dataset pairs reused from the last run because nothing changed.
        public var reused: [String] = []

        /// 66 when no selected unit had any input; 65 when an export was unreadable or an open
        /// bundle was withheld; else 0.
        public var exitCode: ExitCode {
            if !qualities.isEmpty && qualities.allSatisfy({ $0.rows.read == 0 && $0.fileFindings.contains { $0.code == "no-input" } }) {
                return .noInput
            }
            let blocked = qualities.contains(where: \.blocked) || bundles.contains { !$0.openWithheld.isEmpty }
            return blocked ? .dataBlocked : .ok
        }
    }

    /// `reports/run.json`: the night in one file.
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
        public var units: [Line]
        public var bundles: [BundleReport.Output]
        public var openWithheld: [String: [String]]
    }

    public static func run(_ setup: StageSetup, progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> Outcome {
        let config = setup.config, workspace = setup.workspace, asOf = setup.options.asOf
        let configurationHash = InputFingerprint.configurationHash(pipelineFolder: config.projectRoot.appendingPathComponent("pipelines"))
        let datasets = setup.bundleDatasets
        let results = Results(count: datasets.count)
        let workers = max(1, min(setup.options.jobs > 0 ? setup.options.jobs : ProcessInfo.processInfo.activeProcessorCount, datasets.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = results.nextJob() {
                do {
                    results.store(index, try datasetJob(datasets[index], setup: setup, configurationHash: configurationHash, progress: progress))
                } catch {
                    results.fail(error)
                }
            }
        }
        if let error = results.firstError { throw error }

        var outcome = Outcome()
        var everyUnit: [QualityReport] = []
        for result in results.all {
            guard let result else { continue }
            outcome.extracts += result.extracts
            outcome.qualities += result.qualities
            outcome.reused += result.reused
            everyUnit += result.everyUnit
            if let bundle = result.bundle { outcome.bundles.append(bundle) }
        }
        outcome.qualities.sort { ($0.unit, $0.dataset) < ($1.unit, $1.dataset) }
        everyUnit.sort { ($0.unit, $0.dataset) < ($1.unit, $1.dataset) }
        try UnitReporter.write(outcome.qualities, workspace: workspace, asOf: asOf)
        try PortalCatalog.write(config: config, workspace: workspace, asOf: asOf)
        try writeQualityReport(setup, everyUnit: everyUnit, bundles: outcome.bundles)
        let lines = outcome.qualities.map { quality in
            RunReport.Line(unit: quality.unit, dataset: quality.dataset, rows: quality.rows, grade: quality.score.grade,
                           overall: quality.score.overall, blocked: quality.blocked,
                           reused: outcome.reused.contains("\(quality.unit)/\(quality.dataset)"))
        }
        var withheld: [String: [String]] = [:]
        for bundle in outcome.bundles where !bundle.openWithheld.isEmpty { withheld[bundle.dataset] = bundle.openWithheld }
        try JSONOutput.write(RunReport(asOf: asOf.description, exitCode: outcome.exitCode.rawValue, units: lines,
                                       bundles: outcome.bundles.flatMap(\.outputs), openWithheld: withheld),
                             to: workspace.runReport)
        return outcome
    }

    /// The night in the history (`reports/history/`) when the run covered everything, and the
    /// HTML report of the run with its trend drawn from that history.
    private static func writeQualityReport(_ setup: StageSetup, everyUnit: [QualityReport], bundles: [BundleReport]) throws {
        let workspace = setup.workspace, asOf = setup.options.asOf
        // A partial run (--unit, --dataset) would make a night look smaller than it was.
        if setup.options.units.isEmpty && setup.options.datasets.isEmpty {
            try JSONOutput.write(QualityHistory.make(asOf: asOf, qualities: everyUnit, bundles: bundles),
                                 to: QualityHistory.url(asOf: asOf, in: workspace))
        }
        let history = QualityHistory.load(from: QualityHistory.folder(in: workspace))
        let titles = setup.config.datasets.mapValues(\.title)
        let html = HTMLQualityReport.render(asOf: asOf, qualities: everyUnit, bundles: bundles, history: history,
                                            datasetTitles: titles, language: setup.options.language)
        try AtomicFile.write(Array(html.utf8), to: HTMLQualityReport.url(asOf: asOf, in: workspace))
    }

    private struct DatasetResult: Sendable {
        var extracts: [ExtractReport] = []
        /// The selected units' reports.
        var qualities: [QualityReport] = []
        /// Every unit that fed the dataset's bundle tonight, selected or replayed.
        var everyUnit: [QualityReport] = []
        var reused: [String] = []
        var bundle: BundleReport?
    }

    /// One dataset: its units in order, each either run (extract → validate → normalize, rows
    /// streaming into the bundle) or, when unchanged or not selected, replayed from its last
    /// outputs; then the bundles. Nothing at all is redone when no input changed.
    private static func datasetJob(_ dataset: DatasetSchema, setup: StageSetup, configurationHash: String,
                                   progress: @Sendable (String) -> Void) throws -> DatasetResult {
        let workspace = setup.workspace, asOf = setup.options.asOf, config = setup.config
        let selected = Set(setup.pairs.filter { $0.dataset.id == dataset.id }.map(\.unit.id))
        let feeding = config.units.filter { unit in unit.sources.contains { $0.dataset == dataset.id } }
        var plans: [(unit: UnitConfig, run: Bool, fingerprint: InputFingerprint?)] = []
        for unit in feeding {
            let quality = workspace.qualityReport(unit.id, dataset.id)
            let hasOutputs = FileManager.default.fileExists(atPath: workspace.normalized(unit.id, dataset.id).path)
                && FileManager.default.fileExists(atPath: quality.path)
            guard selected.contains(unit.id) else {
                if hasOutputs { plans.append((unit, false, nil)) }
                continue
            }
            let inputs = Array(Set(ExtractStage.files(for: unit, dataset: dataset.id, workspace: workspace).0.map(\.0.url))).sorted { $0.path < $1.path }
            let fingerprint = InputFingerprint(asOf: asOf, configuration: configurationHash, inputs: inputs)
            let unchanged = !setup.options.force && !inputs.isEmpty && hasOutputs
                && (try? JSONOutput.read(InputFingerprint.self, from: workspace.fingerprint(unit.id, dataset.id))) == fingerprint
            plans.append((unit, !unchanged, fingerprint))
        }
        var result = DatasetResult()
        let previous = try? JSONOutput.read(BundleReport.self, from: workspace.bundleReport(dataset.id))
        if !plans.contains(where: \.run), !setup.options.force, previous?.asOf == asOf.description,
           FileManager.default.fileExists(atPath: workspace.bundle(.shared, dataset.id, asOf: asOf).path) {
            for plan in plans {
                guard let quality = try? JSONOutput.read(QualityReport.self, from: workspace.qualityReport(plan.unit.id, dataset.id)) else { continue }
                result.everyUnit.append(quality)
                if selected.contains(plan.unit.id) {
                    result.qualities.append(quality)
                    result.reused.append("\(plan.unit.id)/\(dataset.id)")
                }
            }
            result.bundle = previous
            return result
        }

        let assembler = try BundleAssembler(dataset: dataset, config: config, workspace: workspace, asOf: asOf)
        var units: [(UnitConfig, QualityReport)] = []
        for plan in plans {
            let unit = plan.unit
            if plan.run {
                assembler.beginUnit(unit.id)
                let step = try ValidationStep(unit: unit, schema: dataset, config: config, workspace: workspace, asOf: asOf,
                                              writeNormalized: true, bundle: assembler)
                // Reading and validating run on two threads; the rows stay in order.
                let extract: ExtractReport
                do {
                    extract = try BatchPipe<Record>.run(consume: step.accept) { pipe in
                        try ExtractStage.run(unit: unit, dataset: dataset, config: config, workspace: workspace, asOf: asOf,
                                             downstream: pipe)
                    }
                } catch {
                    step.abandon()
                    throw error
                }
                let quality = try step.finish(extract: extract)
                let fingerprintURL = workspace.fingerprint(unit.id, dataset.id)
                if let fingerprint = plan.fingerprint, !extract.isBlocked, !extract.noInput {
                    try JSONOutput.write(fingerprint, to: fingerprintURL)
                } else {
                    try? FileManager.default.removeItem(at: fingerprintURL)
                }
                result.extracts.append(extract)
                result.qualities.append(quality)
                units.append((unit, quality))
                progress("\(unit.id)/\(dataset.id)")
            } else {
                try BundleStage.replay(unit: unit, dataset: dataset, workspace: workspace, into: assembler)
                let quality = try JSONOutput.read(QualityReport.self, from: workspace.qualityReport(unit.id, dataset.id))
                if selected.contains(unit.id) {
                    result.qualities.append(quality)
                    result.reused.append("\(unit.id)/\(dataset.id)")
                }
                units.append((unit, quality))
            }
        }
        result.everyUnit = units.map(\.1)
        result.bundle = try assembler.finish(units: units)
        progress("bundle \(dataset.id)")
        return result
    }

    /// Job results filled in by worker threads; a lock guards every access.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private let count: Int
        private var values: [DatasetResult?]
        private(set) var firstError: Error?

        init(count: Int) {
            self.count = count
            values = [DatasetResult?](repeating: nil, count: count)
        }

        func nextJob() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < count, firstError == nil else { return nil }
            next += 1
            return next - 1
        }

        func store(_ index: Int, _ result: DatasetResult) {
            lock.lock()
            values[index] = result
            lock.unlock()
        }

        func fail(_ error: Error) {
            lock.lock()
            if firstError == nil { firstError = error }
            lock.unlock()
        }

        var all: [DatasetResult?] {
            lock.lock()
            defer { lock.unlock() }
            return values
        }
    }
}
