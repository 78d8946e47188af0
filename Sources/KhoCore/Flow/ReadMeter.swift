import Synchronization

/// How far the reading of one unit's exports has come, updated by the reading thread and read by
/// a progress display on another. Relaxed atomics: a display needs a recent value, not an exact one,
/// and the reading thread must not wait for it.
public final class ReadMeter: Sendable {
    /// Bytes of the inputs as stored (what the reading ends at).
    public let totalBytes: Int64
    private let rowCount = Atomic<Int>(0)
    private let byteCount = Atomic<Int64>(0)

    public init(totalBytes: Int64) { self.totalBytes = totalBytes }

    /// The inputs as the run listed them, each file once (an archive's members share its size).
    public convenience init(_ listing: InputListing) {
        var seen = Set<String>()
        var total: Int64 = 0
        for (input, _) in listing.inputs where seen.insert(input.url.path).inserted {
            total += max(0, input.snapshot?.bytes ?? 0)
        }
        self.init(totalBytes: total)
    }

    /// One more row read; `bytes` read of the inputs so far.
    func advance(bytes: Int64) {
        rowCount.add(1, ordering: .relaxed)
        byteCount.store(bytes, ordering: .relaxed)
    }

    public var rows: Int { rowCount.load(ordering: .relaxed) }
    public var bytes: Int64 { byteCount.load(ordering: .relaxed) }
}
