import Foundation
import Synchronization

/// Makes a file's bytes durable in the background while the pipeline goes on writing more, so
/// that the `fsync` of an atomic commit waits for the last few megabytes only. Left alone, Linux
/// holds a night's work files (hundreds of MB) as dirty pages until the commits, and the run ends
/// with the CPUs idle while the disk catches up.
enum Writeback {
    /// Bytes written between two background flushes (`flushInBackground`). Small, because a flush
    /// costs about 0.75 ms per MB written since the last one wherever it is called, and what is
    /// left at the commit is paid with the CPUs idle: at 32 MiB a 100 000-row night waited 38 ms on
    /// its 14 MB `extracted.csv`; at 4 MiB the commits of the whole night wait a few milliseconds.
    static let flushStride: Int64 = 4 << 20

    private static let flushing = DispatchQueue(label: "kdl.writeback", qos: .utility)

    /// Makes what was written so far durable on a thread of its own (`fdatasync` of a duplicate
    /// descriptor, so closing the file never waits for it and the number cannot be reused under
    /// it). Advisory: a failure changes nothing, as the commit's `fsync` still decides.
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
