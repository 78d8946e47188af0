import Foundation

/// `<side>/<dataset>/latest.json`: the dataset's current bundle on that side — its file name,
/// as-of date, size and SHA-256 — so that the portal and the agencies fetch one known name
/// instead of listing the folder and guessing from dates.
///
/// It is replaced atomically, and only once the bundle it names is complete with its `.sha256`
/// sidecar: a reader never finds it naming a bundle that is not there. A night whose open bundle
/// is withheld writes no pointer, so the previous one stands; a night run again for an earlier
/// date does not move it back.
public struct LatestPointer: Codable, Sendable, Equatable {
    public var dataset: String
    public var side: BundleSide
    /// The as-of date of the bundle (its `datapackage.json` version).
    public var asOf: String
    /// The bundle's file name, in the folder of `latest.json`.
    public var file: String
    public var bytes: Int64
    public var sha256: String
    /// The sidecar that `sha256sum -c` reads, in the same folder.
    public var sha256File: String

    /// Points the dataset's side at `output`, a bundle just completed, unless it already points
    /// at a later night's bundle that still exists.
    static func update(to output: BundleReport.Output, dataset: String, asOf: CivilDate, workspace: Workspace) throws {
        let url = workspace.latestPointer(output.side, dataset)
        let folder = url.deletingLastPathComponent()
        if let current = try? JSONOutput.read(LatestPointer.self, from: url), current.asOf > asOf.description,
           FileManager.default.fileExists(atPath: folder.appendingPathComponent(current.file).path) {
            return
        }
        let name = URL(fileURLWithPath: output.path).lastPathComponent
        let pointer = LatestPointer(dataset: dataset, side: output.side, asOf: asOf.description, file: name, bytes: output.bytes,
                                    sha256: output.sha256, sha256File: name + ".sha256")
        try JSONOutput.write(pointer, to: url)
    }
}
