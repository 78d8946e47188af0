import Foundation

/// How long personal data is kept. Shared bundles: the newest `retention` of each dataset; open
/// bundles: the newest `openRetention`. Work files hold every unit's personal data and serve only
/// to rerun a stage or carry rows forward: a unit's are removed once they are more than
/// `workRetentionDays` nights old, and the bundle stage's (`work/_bundle/<dataset>/`) likewise.
public enum Retention {
    /// One thing removed, for `run.json` and the bundle report.
    public struct Removal: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            case sharedBundle = "shared-bundle"
            case openBundle = "open-bundle"
            case workFiles = "work-files"
            case purge
        }

        public var kind: Kind
        /// Relative to `out/`: a bundle, or a work folder.
        public var path: String
        /// The night the removed data was written for.
        public var asOf: String
        /// Files removed (a bundle and its sidecar count as two).
        public var files: Int
    }

    /// Keeps the newest `keep` dated bundles of a dataset (names sort by date) and their sidecars.
    static func prune(folder: URL, side: BundleSide, dataset: String, keep: Int) throws -> [Removal] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let bundles = names.filter { $0.hasPrefix(dataset + "_") && $0.hasSuffix(".zip") }.sorted()
        return try bundles.dropLast(keep).map { name in
            try FileSystem.remove(folder.appendingPathComponent(name))
            try FileSystem.remove(folder.appendingPathComponent(name + ".sha256"))
            let date = String(name.dropFirst(dataset.count + 1).dropLast(4))
            return Removal(kind: side == .open ? .openBundle : .sharedBundle, path: "\(side.rawValue)/\(dataset)/\(name)", asOf: date, files: 2)
        }
    }

    /// Removes the work folders whose night is more than `nights` before `asOf`: each unit's, dated
    /// by its `extract.json` (else `quality.json`), and the bundle stage's, dated by the dataset's
    /// bundle report. A folder whose night is unknown is left alone.
    public static func pruneWork(_ workspace: Workspace, asOf: CivilDate, nights: Int) throws -> [Removal] {
        let work = workspace.out.appendingPathComponent("work", isDirectory: true)
        var removed: [Removal] = []
        for unit in try FileSystem.names(in: work) {
            for dataset in try FileSystem.names(in: work.appendingPathComponent(unit)) {
                let night: String?
                if unit == "_bundle" {
                    night = (try? JSONOutput.read(Dated.self, from: workspace.bundleReport(dataset)))?.asOf
                } else {
                    night = (try? JSONOutput.read(Dated.self, from: workspace.extractReport(unit, dataset)))?.asOf
                        ?? (try? JSONOutput.read(Dated.self, from: workspace.qualityReport(unit, dataset)))?.asOf
                }
                guard let night, let date = CivilDate(iso: night), asOf.daysSinceEpoch - date.daysSinceEpoch > nights else { continue }
                let files = try removeFiles(in: work.appendingPathComponent("\(unit)/\(dataset)"))
                if files > 0 { removed.append(Removal(kind: .workFiles, path: "work/\(unit)/\(dataset)", asOf: night, files: files)) }
            }
            FileSystem.removeIfEmpty(work.appendingPathComponent(unit))
        }
        return removed
    }

    /// The night of any report: only its date is needed, whatever version wrote the rest.
    private struct Dated: Decodable {
        var asOf: String
    }

    /// Removes every file in a folder, then the folder if nothing else is left in it.
    static func removeFiles(in folder: URL) throws -> Int {
        var count = 0
        for name in try FileSystem.names(in: folder) {
            let url = folder.appendingPathComponent(name)
            var info = stat()
            guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR else { continue }
            try FileSystem.remove(url)
            count += 1
        }
        FileSystem.removeIfEmpty(folder)
        return count
    }
}
