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
        let pairs = setup.pairs
        let results = Results(count: pairs.count)
        let workers = max(1, min(setup.options.jobs > 0 ? setup.options.jobs : ProcessInfo.processInfo.activeProcessorCount, pairs.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = results.nextJob() {
                let (unit, dataset) = pairs[index]
                do {
                    results.store(index, try job(unit: unit, dataset: dataset, setup: setup, configurationHash: configurationHash))
                    progress("\(unit.id)/\(dataset.id)")
                } catch {
                    results.fail(error)
                }
            }
        }
        if let error = results.firstError { throw error }

        var outcome = Outcome()
        var changedDatasets = Set<String>()
        for result in results.all {
            guard let result else { continue }
            if let extract = result.extract { outcome.extracts.append(extract) } else { outcome.reused.append("\(result.quality.unit)/\(result.quality.dataset)") }
            if result.extract != nil { changedDatasets.insert(result.quality.dataset) }
            outcome.qualities.append(result.quality)
        }
        try UnitReporter.write(outcome.qualities, workspace: workspace, asOf: asOf)
        for dataset in setup.bundleDatasets where outcome.qualities.contains(where: { $0.dataset == dataset.id }) {
            let shared = workspace.bundle(.shared, dataset.id, asOf: asOf)
            if !setup.options.force && !changedDatasets.contains(dataset.id) && FileManager.default.fileExists(atPath: shared.path),
               let previous = try? JSONOutput.read(BundleReport.self, from: workspace.bundleReport(dataset.id)), previous.asOf == asOf.description {
                outcome.bundles.append(previous)
                continue
            }
            outcome.bundles.append(try BundleStage.run(dataset: dataset, config: config, workspace: workspace, asOf: asOf))
            progress("bundle \(dataset.id)")
        }
        try PortalCatalog.write(config: config, workspace: workspace, asOf: asOf)
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

    private struct JobResult: Sendable {
        /// Nil when the outputs of the last run were reused.
        var extract: ExtractReport?
        var quality: QualityReport
    }

    private static func job(unit: UnitConfig, dataset: DatasetSchema, setup: StageSetup, configurationHash: String) throws -> JobResult {
        let workspace = setup.workspace, asOf = setup.options.asOf
        let inputs = Array(Set(ExtractStage.files(for: unit, dataset: dataset.id, workspace: workspace).0.map(\.0.url))).sorted { $0.path < $1.path }
        let fingerprint = InputFingerprint(asOf: asOf, configuration: configurationHash, inputs: inputs)
        let fingerprintURL = workspace.fingerprint(unit.id, dataset.id)
        if !setup.options.force, !inputs.isEmpty,
           (try? JSONOutput.read(InputFingerprint.self, from: fingerprintURL)) == fingerprint,
           FileManager.default.fileExists(atPath: workspace.normalized(unit.id, dataset.id).path),
           let quality = try? JSONOutput.read(QualityReport.self, from: workspace.qualityReport(unit.id, dataset.id)) {
            return JobResult(extract: nil, quality: quality)
        }
        let step = try ValidationStep(unit: unit, schema: dataset, config: setup.config, workspace: workspace, asOf: asOf, writeNormalized: true)
        let extract = try ExtractStage.run(unit: unit, dataset: dataset, config: setup.config, workspace: workspace, asOf: asOf, downstream: step)
        let quality = try step.finish(extract: extract)
        if !extract.isBlocked && !extract.noInput {
            try JSONOutput.write(fingerprint, to: fingerprintURL)
        } else {
            try? FileManager.default.removeItem(at: fingerprintURL)
        }
        return JobResult(extract: extract, quality: quality)
    }

    /// Job results filled in by worker threads; a lock guards every access.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private let count: Int
        private var values: [JobResult?]
        private(set) var firstError: Error?

        init(count: Int) {
            self.count = count
            values = [JobResult?](repeating: nil, count: count)
        }

        func nextJob() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < count, firstError == nil else { return nil }
            next += 1
            return next - 1
        }

        func store(_ index: Int, _ result: JobResult) {
            lock.lock()
            values[index] = result
            lock.unlock()
        }

        func fail(_ error: Error) {
            lock.lock()
            if firstError == nil { firstError = error }
            lock.unlock()
        }

        var all: [JobResult?] {
            lock.lock()
            defer { lock.unlock() }
            return values
        }
    }
}
