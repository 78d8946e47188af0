import Foundation

/// Where every stage reads and writes under `--out`. One place, so no stage invents a path.
public struct Workspace: Sendable {
    public let inbox: URL
    public let out: URL

    public init(inbox: URL, out: URL) {
        self.inbox = inbox
        self.out = out
    }

    public func unitInbox(_ unit: String) -> URL { inbox.appendingPathComponent(unit, isDirectory: true) }

    public func work(_ unit: String, _ dataset: String) -> URL {
        out.appendingPathComponent("work/\(unit)/\(dataset)", isDirectory: true)
    }

    public func extracted(_ unit: String, _ dataset: String) -> URL { work(unit, dataset).appendingPathComponent("extracted.csv") }
    public func unreadable(_ unit: String, _ dataset: String) -> URL { work(unit, dataset).appendingPathComponent("unreadable.csv") }
    public func extractReport(_ unit: String, _ dataset: String) -> URL { work(unit, dataset).appendingPathComponent("extract.json") }
    public func validated(_ unit: String, _ dataset: String) -> URL { work(unit, dataset).appendingPathComponent("validated.csv") }
    public func rejected(_ unit: String, _ dataset: String) -> URL { work(unit, dataset).appendingPathComponent("rejected.csv") }
    public func qualityReport(_ unit: String, _ dataset: String) -> URL { work(unit, dataset).appendingPathComponent("quality.json") }
    public func normalized(_ unit: String, _ dataset: String) -> URL { work(unit, dataset).appendingPathComponent("normalized.csv") }
    public func normalizeReport(_ unit: String, _ dataset: String) -> URL { work(unit, dataset).appendingPathComponent("normalize.json") }

    /// What the bundle stage set aside or merged (`duplicates.csv`) and the versions of keys in
    /// conflict (`conflicts.csv`), per dataset.
    public func bundleWork(_ dataset: String) -> URL { out.appendingPathComponent("work/_bundle/\(dataset)", isDirectory: true) }

    public func bundle(_ side: BundleSide, _ dataset: String, asOf: CivilDate) -> URL {
        out.appendingPathComponent("\(side.rawValue)/\(dataset)/\(dataset)_\(asOf).zip")
    }

    /// Which bundle of the dataset on that side is current (`LatestPointer`).
    public func latestPointer(_ side: BundleSide, _ dataset: String) -> URL {
        out.appendingPathComponent("\(side.rawValue)/\(dataset)/latest.json")
    }

    /// The open-data catalog (DCAT-AP, JSON-LD) portals harvest.
    public var openCatalog: URL { out.appendingPathComponent("open/catalog.jsonld") }
    /// The shared datasets and their sharing services (DCAT-AP, JSON-LD), for state agencies.
    public var sharedCatalog: URL { out.appendingPathComponent("shared/catalog.jsonld") }
    public var sharedServices: URL { out.appendingPathComponent("shared/services.json") }
    public var reports: URL { out.appendingPathComponent("reports", isDirectory: true) }
    public func unitReport(_ unit: String) -> URL { reports.appendingPathComponent("units/\(unit).json") }
    public func bundleReport(_ dataset: String) -> URL { reports.appendingPathComponent("bundles/\(dataset).json") }
    public var runReport: URL { reports.appendingPathComponent("run.json") }
    public var lockFile: URL { out.appendingPathComponent(".lock") }
    public func fingerprint(_ unit: String, _ dataset: String) -> URL { work(unit, dataset).appendingPathComponent("inputs.json") }
}

/// The two kinds of bundle.
public enum BundleSide: String, Codable, Sendable, CaseIterable {
    /// For state agencies: every field.
    case shared
    /// For the open-data portal: open fields or declared aggregates only.
    case open
}
