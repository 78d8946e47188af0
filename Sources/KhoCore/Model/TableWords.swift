import Foundation

/// Zeroed 64-bit words for the open-addressing key tables (`FirstSeenTable`, `KeyVersions`),
/// freed by their owner with `free()`. `calloc` clears only what it takes back from the heap: a
/// large table comes fresh from the kernel, already zero.
///
/// Large tables were once mapped on 2 MiB pages, for fewer TLB misses per lookup. On the virtual
/// machines the nightly job runs on, a huge page's first touch cost anything from 0.34 to 25 µs
/// per 4 KiB (the host backs the guest's memory lazily), more than the misses it saved: in
/// alternating runs a million-row night was 3–8 % faster on small pages in most series.
struct TableWords {
    let base: UnsafeMutablePointer<UInt64>

    init(zeroed count: Int) {
        guard let words = calloc(count, MemoryLayout<UInt64>.stride) else {
            fatalError("out of memory for a key table of \(count) words")
        }
        base = words.bindMemory(to: UInt64.self, capacity: count)
    }

    func free() { Foundation.free(base) }
}
