import Foundation
import Synchronization

/// When the renames of atomic commits become durable. A commit is whole at once: its bytes are
/// flushed before the rename, so a crash leaves the old file or the new one under the name, never
/// a part. The rename itself is durable once its folder is synced, and that is put off to the
/// points where a run states what it wrote — before deliveries leave, and when the command ends —
/// where each folder renamed into is synced once. Syncing after every rename made each of a
/// night's ~35 commits wait for a journal commit of its own (~0.2 ms each, 8 ms of a ten-row
/// night); put off, a rename travels with the next file's flush, and the first folder synced at
/// the end carries the rest.
final class FolderSync: Sendable {
    /// The process's folders awaiting a sync, which every `AtomicFile` commit adds to.
    static let shared = FolderSync()

    private let pending = Mutex<Set<String>>([])

    /// Notes a rename into `folder`, made durable at the next `syncPending()`.
    func later(_ folder: URL) {
        let path = folder.path
        pending.withLock { _ = $0.insert(path) }
    }

    /// Syncs every folder renamed into since the last call (best effort, as a folder's `fsync`
    /// failing leaves the files whole) and returns them, in path order.
    @discardableResult
    func syncPending(using syncFolder: @escaping @Sendable (URL) -> Void = { FileSystem.syncFolder($0) }) -> [String] {
        let folders = pending.withLock { pending in
            defer { pending.removeAll() }
            return pending.sorted()
        }
        // Eight at a time: each waits on the disk, not on a core.
        let lanes = min(8, folders.count)
        try? ParallelMap.forEachOnThreads(lanes) { lane in
            for folder in stride(from: lane, to: folders.count, by: lanes) {
                syncFolder(URL(fileURLWithPath: folders[folder], isDirectory: true))
            }
        }
        return folders
    }
}
