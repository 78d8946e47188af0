import Foundation

/// What a unit sent for one dataset: the files in its inbox folder (and members of ZIP archives
/// there) that the dataset's sources match by name, listed once when a run starts, each with its
/// size and modification time.
public enum InboxListing {
    /// The unit's inbox files (and members of ZIP archives there) that each source of the dataset
    /// matches by name, each once, with their size and modification time now, and findings for
    /// archive members refused as unsafe and files too new to be complete.
    public static func list(_ unit: UnitConfig, dataset: String, inbox: URL, quietPeriod: Double,
                             now: Date = Date()) throws -> InputListing {
        let folder = inbox.appendingPathComponent(unit.id, isDirectory: true)
        let names = try FileSystem.names(in: folder).filter { !$0.hasPrefix(".") }
        let sources = unit.sources.filter { $0.dataset == dataset }
        var listing = InputListing()
        for name in names {
            let url = folder.appendingPathComponent(name)
            let isArchive = name.lowercased().hasSuffix(".zip")
            guard isArchive || sources.contains(where: { matches(name, $0.files) }) else { continue }
            let snapshot = FileSnapshot.take(url.path)
            // A file written moments ago may still be arriving: tonight it is not read at all.
            if let snapshot, now.timeIntervalSince(snapshot.modified) < quietPeriod {
                listing.findings.append(FindingCatalog.finding(.fileStillArriving, at: Location(unit: unit.id, file: "\(unit.id)/\(name)"),
                                                               detail: "modified \(Int(max(0, now.timeIntervalSince(snapshot.modified)))) s before the run; quiet period \(Int(quietPeriod)) s"))
                continue
            }
            if isArchive {
                let archive: ZipArchive
                do {
                    archive = try ZipArchive(path: url.path)
                } catch {
                    // What it held is unknown, so every dataset of the unit is incomplete.
                    listing.findings.append(FindingCatalog.finding(.fileUnreadable, at: Location(unit: unit.id, file: "\(unit.id)/\(name)"),
                                                                   detail: String(describing: error)))
                    continue
                }
                for member in archive.members where !member.isDirectory {
                    let base = member.name.split(separator: "/").last.map(String.init) ?? member.name
                    guard let source = sources.first(where: { matches(base, $0.files) }) else { continue }
                    let input = InputFile(url: url, unit: unit.id, member: member, snapshot: snapshot)
                    if member.hasSafeName {
                        listing.inputs.append((input, source))
                    } else {
                        listing.findings.append(FindingCatalog.finding(.archiveEntryUnsafe, at: Location(unit: unit.id, file: input.path), value: member.name))
                    }
                }
            } else if let source = sources.first(where: { matches(name, $0.files) }) {
                listing.inputs.append((InputFile(url: url, unit: unit.id, snapshot: snapshot), source))
            }
        }
        return listing
    }

    /// Glob match on the file name, also accepting a `.gz` version of a matching name.
    static func matches(_ name: String, _ pattern: String) -> Bool {
        if fnmatch(pattern, name, 0) == 0 { return true }
        if name.hasSuffix(".gz") { return fnmatch(pattern, String(name.dropLast(3)), 0) == 0 }
        return false
    }

    static func patterns(_ unit: UnitConfig, _ dataset: String) -> String {
        unit.sources.filter { $0.dataset == dataset }.map(\.files).joined(separator: ", ")
    }
}

/// A unit's inputs for one dataset as listed when a run starts, and what was refused or put off.
public struct InputListing: Sendable {
    public var inputs: [(InputFile, UnitSource)] = []
    /// Unsafe archive members, unreadable archives, files still arriving.
    public var findings: [Finding] = []

    /// Nothing to read tonight, and nothing that was there but could not be read: the unit sent
    /// no export (files still arriving count as not sent yet).
    public var isEmpty: Bool {
        inputs.isEmpty && !findings.contains { $0.severity == .error }
    }
}
