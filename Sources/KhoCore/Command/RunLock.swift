import Foundation

/// An exclusive, non-blocking lock on `out/.lock` (`flock`), released when the process ends.
public final class RunLock {
    private let descriptor: Int32

    public init(_ url: URL) throws {
        try FileSystem.createFolder(url.deletingLastPathComponent())
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw OutputError(path: url.path, operation: .lock) }
        fchmod(descriptor, 0o600)
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw LockedError(path: url.path)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
