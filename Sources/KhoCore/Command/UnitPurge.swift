import Foundation

/// `kdl-run --purge-unit UNIT`: a unit that must withdraw its data. Its work files go (so no
/// night carries its rows forward), the exports then in its inbox are withdrawn — never read again,
/// by name, size and modification time, whatever night is run — and the purge is recorded in
/// `reports/purges.json`. A new export the unit sends later is read as usual.
public enum UnitPurge {
    /// An inbox file withdrawn by a purge.
    public struct WithdrawnInput: Codable, Sendable, Equatable {
        public var file: String
        public var bytes: Int64
        public var modifiedNanoseconds: Int64
    }

    public struct Record: Codable, Sendable, Equatable {
        public var unit: String
        /// The as-of date of the run that purged.
        public var asOf: String
        /// The work folders emptied.
        public var removed: [Retention.Removal]
        public var withdrawnInputs: [WithdrawnInput]
    }

    /// `reports/purges.json`: every purge, oldest first.
    public struct Log: Codable, Sendable, Equatable {
        public var purges: [Record] = []
    }

    static func url(in workspace: Workspace) -> URL { workspace.reports.appendingPathComponent("purges.json") }

    public static func load(_ workspace: Workspace) -> Log {
        (try? JSONOutput.read(Log.self, from: url(in: workspace))) ?? Log()
    }

    /// Removes the unit's work files and withdraws its present exports; appends the record.
    public static func purge(_ unit: String, workspace: Workspace, asOf: CivilDate) throws -> Record {
        let work = workspace.out.appendingPathComponent("work/\(unit)", isDirectory: true)
        var removed: [Retention.Removal] = []
        for dataset in try FileSystem.names(in: work) {
            let files = try Retention.removeFiles(in: work.appendingPathComponent(dataset))
            if files > 0 { removed.append(Retention.Removal(kind: .purge, path: "work/\(unit)/\(dataset)", asOf: asOf.description, files: files)) }
        }
        FileSystem.removeIfEmpty(work)
        let inbox = workspace.unitInbox(unit)
        let withdrawn = try FileSystem.names(in: inbox).filter { !$0.hasPrefix(".") }.compactMap { name -> WithdrawnInput? in
            guard let snapshot = FileSnapshot.take(inbox.appendingPathComponent(name).path) else { return nil }
            return WithdrawnInput(file: name, bytes: snapshot.bytes, modifiedNanoseconds: snapshot.modifiedNanoseconds)
        }
        let record = Record(unit: unit, asOf: asOf.description, removed: removed, withdrawnInputs: withdrawn)
        var log = load(workspace)
        log.purges.append(record)
        try JSONOutput.write(log, to: url(in: workspace))
        return record
    }

    /// The listing without the inputs a purge withdrew.
    static func withoutWithdrawn(_ listing: InputListing, unit: String, log: Log) -> InputListing {
        let withdrawn = Set(log.purges.filter { $0.unit == unit }.flatMap(\.withdrawnInputs).map { "\($0.file)/\($0.bytes)/\($0.modifiedNanoseconds)" })
        guard !withdrawn.isEmpty else { return listing }
        var kept = listing
        kept.inputs = listing.inputs.filter { input, _ in
            guard let snapshot = input.snapshot else { return true }
            return !withdrawn.contains("\(input.url.lastPathComponent)/\(snapshot.bytes)/\(snapshot.modifiedNanoseconds)")
        }
        return kept
    }
}
