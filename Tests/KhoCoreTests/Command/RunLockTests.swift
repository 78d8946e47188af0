import Foundation
import Testing
@testable import KhoCore

@Suite struct RunLockTests {
    /// The holder is written into the lock file and cleared when the lock is released.
    @Test func theLockFileNamesItsHolderWhileHeld() throws {
        let url = try TestSupport.temporaryFolder().appendingPathComponent(".lock")
        var lock: RunLock? = try RunLock(url)
        #expect(lock?.takenOver == nil)
        let text = try String(contentsOf: url, encoding: .utf8)
        let holder = try #require(RunLock.Holder(lockFile: text))
        #expect(holder.pid == getpid() && holder.host == ProcessInfo.processInfo.hostName)
        #expect(ISO8601DateFormatter().date(from: holder.started) != nil)
        withExtendedLifetime(lock) {}
        lock = nil
        #expect(try Data(contentsOf: url).isEmpty)
    }

    /// A lock file still naming someone, while nobody holds the flock: that run was killed.
    @Test func aKilledHoldersLockIsTakenOver() throws {
        let url = try TestSupport.temporaryFolder().appendingPathComponent(".lock")
        try Data("pid=999999\nhost=elsewhere\nstarted=2026-11-29T01:30:00Z\n".utf8).write(to: url)
        let lock = try RunLock(url)
        #expect(lock.takenOver == RunLock.Holder(pid: 999999, host: "elsewhere", started: "2026-11-29T01:30:00Z"))
        #expect(RunLock.Holder(lockFile: try String(contentsOf: url, encoding: .utf8))?.pid == getpid())
    }

    @Test func theLockedMessageNamesTheHolder() {
        let error = LockedError(path: "out/.lock", holder: RunLock.Holder(pid: 4242, host: "kho-01", started: "2026-11-29T01:30:00Z"))
        #expect(error.message(.en) == "out/.lock is locked by another run (PID 4242 on host kho-01, started 2026-11-29T01:30:00Z); exiting")
        #expect(error.message(.vi) == "out/.lock đang bị một lần chạy khác khóa (PID 4242 trên máy kho-01, bắt đầu lúc 2026-11-29T01:30:00Z); thoát")
        #expect(RunLock.Holder(lockFile: "") == nil && RunLock.Holder(lockFile: "garbage") == nil)
    }
}
