import Foundation
import Synchronization

/// Who may read what a run writes, whatever the umask. Under `out/`, `open/` and `portal/` are for
/// everyone (folders 0755, files 0644); everything else — `work/`, `shared/`, `reports/` (masked
/// examples, focal points, recipients), the lock — can hold personal data and is for the owner and
/// the configured group (0750/0640), or the owner alone when no group is configured (0700/0600).
/// The mode is set on the open descriptor before a byte is written (`fchmod`, `fchown`), so no file
/// is ever readable by others, not even as a temporary file.
public struct FilePermissions: Sendable {
    public enum Audience: String, Sendable {
        /// Open data: readable by every account on the server.
        case everyone
        /// Personal or shared data: the owner and the configured group only.
        case restricted
    }

    /// The output folder, as a path without a trailing slash.
    public let out: String
    /// The group that may read restricted files (the service delivering shared data); nil: nobody but the owner.
    public let group: gid_t?

    public init(out: URL, group: gid_t?) {
        var path = out.standardizedFileURL.path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.out = path
        self.group = group
    }

    /// The top-level folders under `out/` whose files are public.
    static let publicFolders: Set<String> = ["open", "portal"]

    public func audience(of path: String) -> Audience {
        // The folders above `out/` and `out/` itself must be passable to reach `open/`.
        if path == out || out.hasPrefix(path.hasSuffix("/") ? path : path + "/") { return .everyone }
        guard path.hasPrefix(out + "/") else { return .restricted }
        let first = path.dropFirst(out.count + 1).split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        return FilePermissions.publicFolders.contains(first) ? .everyone : .restricted
    }

    public func fileMode(_ audience: Audience) -> mode_t {
        switch audience {
        case .everyone: 0o644
        case .restricted: group == nil ? 0o600 : 0o640
        }
    }

    public func folderMode(_ audience: Audience) -> mode_t {
        switch audience {
        case .everyone: 0o755
        case .restricted: group == nil ? 0o700 : 0o750
        }
    }

    // MARK: - The process's policy

    /// Set once by the command before it writes; until then (library use, unit tests) every file
    /// is restricted to its owner.
    private static let installed = Mutex<FilePermissions?>(nil)

    public static func install(_ permissions: FilePermissions) {
        installed.withLock { $0 = permissions }
    }

    static var current: FilePermissions? { installed.withLock { $0 } }

    /// Gives a just-created file descriptor its mode and group (`fchmod(2)`, `fchown(2)`).
    static func apply(descriptor: Int32, path: String, reportedAs url: URL) throws {
        let policy = current
        let audience = policy?.audience(of: path) ?? .restricted
        let mode = policy?.fileMode(audience) ?? 0o600
        guard fchmod(descriptor, mode) == 0 else { throw OutputError(path: url.path, operation: .permissions) }
        if audience == .restricted, let group = policy?.group, fchown(descriptor, uid_t.max, group) != 0 {
            throw OutputError(path: url.path, operation: .permissions)
        }
    }

    /// Gives a folder this run created its mode and group (`chmod(2)`, `chown(2)`).
    static func apply(folder url: URL) throws {
        let policy = current
        let audience = policy?.audience(of: url.standardizedFileURL.path) ?? .restricted
        let mode = policy?.folderMode(audience) ?? 0o700
        guard chmod(url.path, mode) == 0 else { throw OutputError(path: url.path, operation: .permissions) }
        if audience == .restricted, let group = policy?.group, chown(url.path, uid_t.max, group) != 0 {
            throw OutputError(path: url.path, operation: .permissions)
        }
    }
}
