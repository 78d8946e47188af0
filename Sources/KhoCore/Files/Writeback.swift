import Foundation
import Synchronization

/// Starts the kernel writing a file's bytes to disk while the pipeline goes on writing more, so
/// that the `fsync` of an atomic commit waits for the last few megabytes only. Left alone, Linux
/// holds a night's work files (hundreds of MB) as dirty pages until the commits, and the run ends
/// with the CPUs idle while the disk catches up.
enum Writeback {
    /// Bytes written between two requests: large enough that the calls cost nothing, small enough
    /// that the disk is kept busy from the first seconds.
    static let stride: Int64 = 8 << 20

    private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32

    /// `sync_file_range(2)` is Linux-only and not in the Swift Glibc module (it needs `_GNU_SOURCE`):
    /// looked up once in the C library already loaded. Nil elsewhere, and then `fsync` does it all.
    private static let syncFileRange: SyncFileRange? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: SyncFileRange.self)
    }()

    static var isAvailable: Bool { syncFileRange != nil }

    /// Bytes written between two background flushes (`flushInBackground`).
    static let flushStride: Int64 = 32 << 20

    private static let flushing = DispatchQueue(label: "kdl.writeback", qos: .utility)

    /// SYNC_FILE_RANGE_WRITE: start writing the range's dirty pages, do not wait for them.
    private static let startWrite: UInt32 = 2

    /// Asks for `length` bytes from `offset` to be written out in the background. Advisory: a
    /// failure changes nothing, as the commit's `fsync` still decides.
    static func start(descriptor: Int32, offset: Int64, length: Int64) {
        guard length > 0, let syncFileRange else { return }
        _ = syncFileRange(descriptor, offset, length, startWrite)
    }

    /// Makes what was written so far durable on a thread of its own (`fdatasync` of a duplicate
    /// descriptor, so closing the file never waits for it and the number cannot be reused under
    /// it). Here a flush costs about 0.75 ms per MB written since the last one, wherever it is
    /// called: paid at the commit, a 200 MB work file kept the run waiting 0.15 s with both CPUs
    /// idle; paid along the way, the commit's `fsync` takes a few milliseconds. Advisory like
    /// `start`: the commit's `fsync` still decides.
    ///
    /// A file has at most one flush waiting: when the disk falls behind, a flush still queued will
    /// cover the bytes written since, and queuing more would only hold more descriptors open.
    static func flushInBackground(descriptor: Int32, _ flush: PendingFlush) {
        guard !flush.isPending.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let copy = dup(descriptor)
        guard copy >= 0 else {
            flush.isPending.store(false, ordering: .releasing)
            return
        }
        flush.requests.add(1, ordering: .relaxed)
        flushing.async {
            // Cleared before the flush starts: bytes written from now on need a flush of their own.
            flush.isPending.store(false, ordering: .releasing)
            _ = fdatasync(copy)
            close(copy)
        }
    }

    /// One file's background flush: whether one is queued and not yet started, and how many were queued.
    final class PendingFlush: Sendable {
        let isPending = Atomic<Bool>(false)
        let requests = Atomic<Int>(0)
    }
}
