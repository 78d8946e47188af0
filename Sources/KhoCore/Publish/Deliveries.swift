import Foundation

/// Delivery of the shared bundles to their recipients, and its audit trail. After the night's
/// bundles are complete, each recipient with a delivery command whose last good copy is not the
/// dataset's current shared bundle (`latest.json`) gets it: a new bundle is delivered once, a
/// failed delivery is tried again the next night. A failure is recorded and reported, never thrown:
/// the open side is already published and stays so.
///
/// `reports/deliveries/<as-of>.json` records every shared bundle written and every delivery tried
/// that night, with the time it happened (the one output that depends on the clock: it is a record
/// of events). `reports/deliveries/state.json` keeps each recipient's last attempt and last good
/// delivery, which `services.json` publishes.
public enum Deliveries {
    public enum Event: String, Codable, Sendable {
        /// A shared bundle was written.
        case written
        /// A recipient's command succeeded.
        case delivered
        /// A recipient's command failed, timed out or could not start.
        case failed
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var dataset: String
        /// Nil for `written`.
        public var recipient: String?
        public var event: Event
        public var file: String
        public var sha256: String
        /// The bundle's date.
        public var asOf: String
        /// When it happened (UTC, ISO 8601).
        public var time: String
        public var exitCode: Int32?
        public var signal: Int32?
        public var timedOut: Bool?
        public var launchError: String?
        /// What the command printed, capped.
        public var output: String?
        public var outputTruncated: Bool?
    }

    /// `reports/deliveries/<as-of>.json`.
    public struct Trail: Codable, Sendable, Equatable {
        public var asOf: String
        public var entries: [Entry]
    }

    /// One recipient's last attempt and last good delivery.
    public struct RecipientState: Codable, Sendable, Equatable {
        public var dataset: String
        public var recipient: String
        public var lastAttempt: Entry
        public var lastDelivered: Entry?
    }

    /// `reports/deliveries/state.json`.
    public struct State: Codable, Sendable, Equatable {
        public var recipients: [RecipientState] = []

        public func of(_ dataset: String, _ recipient: String) -> RecipientState? {
            recipients.first { $0.dataset == dataset && $0.recipient == recipient }
        }
    }

    static func folder(_ workspace: Workspace) -> URL { workspace.reports.appendingPathComponent("deliveries", isDirectory: true) }
    public static func trailURL(_ workspace: Workspace, asOf: String) -> URL { folder(workspace).appendingPathComponent("\(asOf).json") }
    static func stateURL(_ workspace: Workspace) -> URL { folder(workspace).appendingPathComponent("state.json") }

    public static func loadState(_ workspace: Workspace) -> State {
        (try? JSONOutput.read(State.self, from: stateURL(workspace))) ?? State()
    }

    /// Records tonight's shared bundles, delivers what is due (unless `deliver` is false: a stage
    /// run by hand), and returns tonight's new entries.
    static func run(config: Configuration, workspace: Workspace, asOf: CivilDate, written: [BundleReport], deliver: Bool = true,
                    clock: () -> Date = Date.init) throws -> [Entry] {
        let trailURL = trailURL(workspace, asOf: asOf.description)
        var trail = (try? JSONOutput.read(Trail.self, from: trailURL)) ?? Trail(asOf: asOf.description, entries: [])
        var entries: [Entry] = []
        for report in written {
            for output in report.outputs where output.side == .shared {
                // A night run again that reused its bundle wrote nothing new.
                guard !trail.entries.contains(where: { $0.event == .written && $0.dataset == report.dataset && $0.sha256 == output.sha256 }) else { continue }
                entries.append(Entry(dataset: report.dataset, event: .written, file: URL(fileURLWithPath: output.path).lastPathComponent,
                                     sha256: output.sha256, asOf: report.asOf, time: UTCTimestamp.string(clock())))
            }
        }
        var state = loadState(workspace)
        for id in config.datasetIDs where deliver {
            guard let schema = config.datasets[id], let recipients = schema.sharingService.recipients, !recipients.deliveries.isEmpty,
                  let current = try? JSONOutput.read(LatestPointer.self, from: workspace.latestPointer(.shared, id)) else { continue }
            let bundle = workspace.latestPointer(.shared, id).deletingLastPathComponent().appendingPathComponent(current.file)
            guard FileManager.default.fileExists(atPath: bundle.path) else { continue }
            for (recipient, _, command) in recipients.deliveries {
                let previous = state.of(id, recipient)
                if previous?.lastDelivered?.sha256 == current.sha256 { continue }
                let values = ["bundle": bundle.path, "sha256File": bundle.path + ".sha256", "file": current.file, "dataset": id,
                              "recipient": recipient, "asOf": current.asOf]
                // What leaves for another agency must not be undone by a crash: the night's renames first.
                FolderSync.shared.syncPending()
                let outcome = DeliveryProcess.run(command.render(values), in: workspace.out, timeout: command.timeoutSeconds)
                let entry = Entry(dataset: id, recipient: recipient, event: outcome.succeeded ? .delivered : .failed, file: current.file,
                                  sha256: current.sha256, asOf: current.asOf, time: UTCTimestamp.string(clock()), exitCode: outcome.exitCode,
                                  signal: outcome.signal, timedOut: outcome.timedOut ? true : nil, launchError: outcome.launchError,
                                  output: outcome.output, outputTruncated: outcome.outputTruncated ? true : nil)
                entries.append(entry)
                let updated = RecipientState(dataset: id, recipient: recipient, lastAttempt: entry,
                                             lastDelivered: outcome.succeeded ? entry : previous?.lastDelivered)
                state.recipients.removeAll { $0.dataset == id && $0.recipient == recipient }
                state.recipients.append(updated)
            }
        }
        guard !entries.isEmpty else { return [] }
        trail.entries += entries
        try JSONOutput.write(trail, to: trailURL)
        if entries.contains(where: { $0.event != .written }) {
            state.recipients.sort { ($0.dataset, $0.recipient) < ($1.dataset, $1.recipient) }
            try JSONOutput.write(state, to: stateURL(workspace))
        }
        return entries
    }

    /// Every entry of the audit trails dated in `year`, night by night.
    public static func entries(year: Int, in workspace: Workspace) -> [Entry] {
        let names = (try? FileSystem.names(in: folder(workspace))) ?? []
        return names.filter { $0.hasPrefix("\(year)-") && $0.hasSuffix(".json") }.flatMap { name in
            (try? JSONOutput.read(Trail.self, from: folder(workspace).appendingPathComponent(name)))?.entries ?? []
        }
    }
}
