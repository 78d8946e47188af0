import Foundation

/// "Possibly resolved": for each open or answered problem report that names a record by its key,
/// the nightly run notes a digest of that record as the unit's present rows have it
/// (`normalized.csv`, tonight's or the last good one) and compares it with the digest of the first
/// night the report was read. A record whose values changed, that came or that is gone marks the
/// report possibly resolved until the unit says resolved; a record back as it was unmarks it.
///
/// Only digests are kept (`reports/feedback/watch.json`): of the report — its description and
/// reporter included, so a guessed key cannot be checked against it — and of the record's values.
public struct FeedbackWatch: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var file: String
        /// SHA-256 of the report's fields: a report edited to name another record starts afresh.
        public var report: String
        /// The record's digest on the night the report was first read (`absent`: no such key).
        public var baseline: String
        public var since: String
        /// The record's digest on the last night.
        public var latest: String
        /// The first night `latest` differed from `baseline` in the present run of such nights.
        public var changedOn: String?
    }

    public static let currentVersion = 1
    /// The digest of a key no row carries.
    public static let absent = "absent"

    public var version = FeedbackWatch.currentVersion
    public var asOf: String
    /// Sorted by file.
    public var entries: [Entry]

    public static func url(in workspace: Workspace) -> URL {
        workspace.reports.appendingPathComponent("feedback/watch.json")
    }

    /// The watch the last night left; nil when there is none, or it cannot be read (the next night starts afresh).
    public static func load(_ workspace: Workspace) -> FeedbackWatch? {
        guard let watch = try? JSONOutput.read(FeedbackWatch.self, from: url(in: workspace)), watch.version == currentVersion else { return nil }
        return watch
    }

    /// `reports` with `recordChanged` set where the record changed on or before `asOf`.
    public func marking(_ reports: [FeedbackReport], through asOf: CivilDate) -> [FeedbackReport] {
        let byFile = Dictionary(entries.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
        return reports.map { report in
            var report = report
            if let entry = byFile[report.file], entry.report == FeedbackWatch.digest(of: report),
               let changed = entry.changedOn.flatMap(CivilDate.init(iso:)), changed <= asOf {
                report.recordChanged = changed
            }
            return report
        }
    }

    /// Tonight's watch: the reports still to settle that name a key, each compared with its first night.
    public static func update(_ previous: FeedbackWatch?, reports: [FeedbackReport], config: Configuration,
                              workspace: Workspace, asOf: CivilDate) throws -> FeedbackWatch {
        var watched: [(report: FeedbackReport, key: String, schema: DatasetSchema)] = []
        for report in reports where report.status != .resolved {
            guard let schema = config.datasets[report.dataset], !schema.primaryKey.isEmpty, let key = FeedbackRow(report.row).keyText else { continue }
            watched.append((report, key, schema))
        }
        var wanted: [String: (schema: DatasetSchema, unit: String, keys: Set<String>)] = [:]
        for item in watched {
            wanted["\(item.report.unit)\u{0}\(item.schema.id)", default: (item.schema, item.report.unit, [])].keys.insert(item.key)
        }
        var digests: [String: [String: String]] = [:]
        for (pair, want) in wanted {
            digests[pair] = try recordDigests(workspace.normalized(want.unit, want.schema.id), schema: want.schema, keys: want.keys)
        }
        let before = Dictionary((previous?.entries ?? []).map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
        let entries = watched.map { item -> Entry in
            let now = digests["\(item.report.unit)\u{0}\(item.schema.id)"]?[item.key] ?? absent
            let report = digest(of: item.report)
            guard var entry = before[item.report.file], entry.report == report,
                  let since = CivilDate(iso: entry.since), since < asOf else {
                return Entry(file: item.report.file, report: report, baseline: now, since: asOf.description, latest: now, changedOn: nil)
            }
            entry.latest = now
            if now == entry.baseline {
                entry.changedOn = nil
            } else if entry.changedOn.flatMap(CivilDate.init(iso:)).map({ $0 >= asOf }) ?? true {
                // Not yet changed, or changed on a night this one reruns or precedes.
                entry.changedOn = asOf.description
            }
            return entry
        }
        return FeedbackWatch(asOf: asOf.description, entries: entries.sorted { $0.file < $1.file })
    }

    /// The report's own fields, personal ones included, as one digest.
    static func digest(of report: FeedbackReport) -> String {
        let parts = [report.dataset, report.unit, report.field ?? "", report.row, report.description, report.reporter, report.date.description]
        return SHA256.hex(of: Array(parts.joined(separator: "\u{1F}").utf8))
    }

    /// For each wanted key (parts joined by `|`), a digest of the rows of `file` that carry it —
    /// their dataset fields only: lineage moves when other rows do. Rows repeating a key count together.
    static func recordDigests(_ file: URL, schema: DatasetSchema, keys: Set<String>) throws -> [String: String] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [:] }
        let reader = CSVReader(stream: try FileByteStream(path: file.path), delimiter: UInt8(ascii: ","))
        guard let header = try reader.next()?.fields else { return [:] }
        let column = Dictionary(header.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let keyColumns = schema.primaryKey.compactMap { column[$0] }
        guard keyColumns.count == schema.primaryKey.count else { return [:] }
        let valueColumns = schema.fields.map { column[$0.name] }
        var found: [String: [String]] = [:]
        while let row = try reader.next() {
            let cells = row.cells
            guard keyColumns.allSatisfy({ $0 < cells.count }) else { continue }
            let key = keyColumns.map { cells.string($0) }.joined(separator: String(FeedbackRow.keySeparator))
            guard keys.contains(key) else { continue }
            let values = valueColumns.map { index in index.flatMap { $0 < cells.count ? cells.string($0) : nil } ?? "" }
            found[key, default: []].append(SHA256.hex(of: Array(values.joined(separator: "\u{1F}").utf8)))
        }
        return found.mapValues { versions in
            versions.count == 1 ? versions[0] : SHA256.hex(of: Array(versions.sorted().joined(separator: ",").utf8))
        }
    }
}
