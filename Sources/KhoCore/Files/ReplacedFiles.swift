import Foundation

/// The files that commits replace, freed on a thread of their own. `rename(2)` over a large file
/// frees its blocks and pages before it returns (0.14 s for a 223 MB `normalized.csv` here), on the
/// thread that commits, while the run still has bundles and reports to finish. A commit keeps a
/// second name for the old file instead, so the rename only drops a link, and the last name goes
/// here. Readers never see a missing file: the target names the old file or the new one.
enum ReplacedFiles {
    /// Below this, freeing costs less than the extra link.
    static let deferredFrom: Int64 = 4 << 20

    private static let queue = DispatchQueue(label: "kdl.replaced-files", qos: .utility)
    private static let pending = DispatchGroup()

    /// A second name for the file at `path`, when it is large enough to be worth freeing later:
    /// a temporary name, so that a run killed before the removal leaves it to `TemporaryFiles`.
    static func keepAside(_ path: String, asideName: () -> String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int64(status.st_size) >= deferredFrom else { return nil }
        let aside = asideName()
        return link(path, aside) == 0 ? aside : nil
    }

    static func remove(_ path: String) {
        queue.async(group: pending) { _ = unlink(path) }
    }

    /// Waits until every replaced file is gone: before the run lock is released, so that no file
    /// of this run outlives it.
    static func waitUntilRemoved() {
        pending.wait()
    }
}
