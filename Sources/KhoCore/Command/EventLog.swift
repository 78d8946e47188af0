import Foundation
import Synchronization

/// `--log-json FILE` (or `-` for standard output): one JSON object per line and per event, for a
/// log collector. Every object has `event`, `time` (UTC) and `pid`; the rest depends on the event:
/// `run-start`, `lock-taken-over`, `temporary-files-removed`, `unit-start`, `unit-end`,
/// `findings`, `unit-reused`, `unit-absent`, `dataset-unchanged`, `bundle-written`,
/// `bundle-withheld`, `error`, `run-end`. A file is appended to, never truncated.
public final class EventLog: RunObserver {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let started = Date()
    private let unitStarts = Mutex<[String: Date]>([:])

    /// Opens `path` for appending (`-` is standard output).
    public init(path: String) throws {
        if path == "-" {
            descriptor = STDOUT_FILENO
            ownsDescriptor = false
        } else {
            descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw OutputError(path: path, operation: .create) }
            ownsDescriptor = true
        }
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    /// One event. Written with a single `write(2)` on an `O_APPEND` descriptor, so lines from the
    /// worker threads never interleave.
    public func emit(_ event: String, _ fields: [String: Any] = [:]) {
        var object = fields
        object["event"] = event
        object["time"] = UTCTimestamp.string(Date())
        object["pid"] = Int(getpid())
        guard var data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        data.append(0x0A)
        // A log that cannot be written must not stop the night: the reports are what counts.
        _ = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// A Codable value as a JSON object for `emit`.
    static func value(_ encodable: some Encodable) -> Any {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(encodable)).flatMap { try? JSONSerialization.jsonObject(with: $0, options: [.fragmentsAllowed]) } ?? NSNull()
    }

    // MARK: - The run

    public func runStarted(command: String, options: StageOptions) {
        emit("run-start", ["command": command, "version": KhoDuLieu.build.version, "commit": KhoDuLieu.build.commit,
                           "asOf": options.asOf.description, "host": ProcessInfo.processInfo.hostName,
                           "units": options.units, "datasets": options.datasets, "force": options.force])
    }

    public func error(_ code: ExitCode, message: String) {
        emit("error", ["exitCode": Int(code.rawValue), "message": message])
    }

    public func runEnded(_ code: ExitCode) {
        emit("run-end", ["exitCode": Int(code.rawValue), "seconds": Self.seconds(since: started)])
    }

    // MARK: - As the run goes

    public func unitStarted(unit: String, dataset: String, meter: ReadMeter) {
        unitStarts.withLock { $0["\(unit)/\(dataset)"] = Date() }
        emit("unit-start", ["unit": unit, "dataset": dataset, "bytes": meter.totalBytes])
    }

    public func unitFinished(_ extract: ExtractReport, _ quality: QualityReport) {
        let started = unitStarts.withLock { $0.removeValue(forKey: "\(quality.unit)/\(quality.dataset)") }
        emit("unit-end", ["unit": quality.unit, "dataset": quality.dataset, "rows": Self.value(quality.rows),
                          "grade": quality.score.grade.rawValue, "overall": quality.score.overall, "blocked": quality.blocked,
                          "files": extract.files.count, "seconds": started.map(Self.seconds(since:)) ?? 0])
        findings(quality)
    }

    /// Finding counts by code for one unit's dataset, and the file-level errors in full.
    func findings(_ quality: QualityReport) {
        guard !quality.tally.summaries.isEmpty || !quality.fileFindings.isEmpty else { return }
        var codes: [String: Int] = [:]
        for summary in quality.tally.summaries { codes[summary.code.rawValue] = summary.count }
        emit("findings", ["unit": quality.unit, "dataset": quality.dataset, "codes": codes,
                          "fileErrors": quality.fileFindings.filter { $0.severity == .error }.map { $0.rendered(language: .en) }])
    }

    public func bundleFinished(_ report: BundleReport) {
        emit("bundle-written", ["dataset": report.dataset, "asOf": report.asOf, "outputs": Self.value(report.outputs)])
        if !report.openWithheld.isEmpty {
            emit("bundle-withheld", ["dataset": report.dataset, "side": "open", "reasons": Self.value(report.openWithheld),
                                     "message": report.openWithheld.map(\.message.en).joined(separator: "; ")])
        }
    }

    /// What the run decided without reading: reused, absent, unchanged.
    public func outcome(_ outcome: NightlyRun.Outcome) {
        for pair in outcome.reused { emit("unit-reused", ["unit": String(pair.split(separator: "/")[0]), "dataset": String(pair.split(separator: "/").last ?? "")]) }
        for absence in outcome.absent {
            emit("unit-absent", ["unit": absence.unit, "dataset": absence.dataset, "kind": absence.contribution.kind.rawValue,
                                 "dataAsOf": absence.contribution.dataAsOf ?? NSNull()])
        }
        for dataset in outcome.unchanged.sorted() { emit("dataset-unchanged", ["dataset": dataset]) }
    }

    private static func seconds(since date: Date) -> Double {
        (Date().timeIntervalSince(date) * 1000).rounded() / 1000
    }
}
