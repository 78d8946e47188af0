import Foundation

/// An exclusive, non-blocking lock on `out/.lock` (`flock`), released when the process ends.
///
/// The lock file also names its holder (PID, host, start time), so that a second run can say who
/// holds it. `flock` is released by the kernel when its holder dies, so a run that finds the file
/// still naming someone after taking the lock knows that run was killed: it takes the lock over
/// and says so. A run that ends normally empties the file.
public final class RunLock {
    /// Who holds (or held) the lock, as written in the lock file.
    public struct Holder: Codable, Sendable, Equatable {
        public var pid: Int32
        public var host: String
        /// UTC, ISO 8601.
        public var started: String

        public init(pid: Int32, host: String, started: String) {
            self.pid = pid
            self.host = host
            self.started = started
        }

        /// This process, now.
        static var current: Holder {
            Holder(pid: getpid(), host: ProcessInfo.processInfo.hostName, started: UTCTimestamp.string(Date()))
        }

        /// `pid=…` lines; nil when the file is empty or not ours.
        init?(lockFile text: String) {
            var fields: [String: String] = [:]
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { fields[parts[0]] = parts[1] }
            }
            guard let pid = fields["pid"].flatMap(Int32.init) else { return nil }
            self.init(pid: pid, host: fields["host"] ?? "?", started: fields["started"] ?? "?")
        }

        var lockFile: String { "pid=\(pid)\nhost=\(host)\nstarted=\(started)\n" }
    }

    private let descriptor: Int32
    /// A run that was killed while it held the lock: found named in the file, and taken over.
    public let takenOver: Holder?

    public init(_ url: URL) throws {
        try FileSystem.createFolder(url.deletingLastPathComponent())
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw OutputError(path: url.path, operation: .lock) }
        fchmod(descriptor, 0o600)
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = RunLock.read(descriptor)
            close(descriptor)
            throw LockedError(path: url.path, holder: holder)
        }
        takenOver = RunLock.read(descriptor)
        let text = Array(Holder.current.lockFile.utf8)
        // Best effort: the lock is the flock; the text only explains it.
        if ftruncate(descriptor, 0) == 0 {
            _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        }
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func read(_ descriptor: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Holder(lockFile: String(decoding: buffer[0..<count], as: UTF8.self))
    }
}
