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
        TableWords.populate(words, bytes: count * MemoryLayout<UInt64>.stride)
        base = words.bindMemory(to: UInt64.self, capacity: count)
    }

    /// Has the kernel map a large table's pages writable now, in one call. A lookup reads its slot
    /// before it writes one, so an untouched page was first mapped to the kernel's shared zero page
    /// and then, at the first write, remapped: a TLB shootdown to the other core for every 4 KiB,
    /// an interrupt that leaves the virtual machine: ~28 ms of a 100 000-row night's CPU went to
    /// them as its tables grew, ~87 ms of a million-row night's. An older kernel refuses the
    /// advice, and the pages come as before.
    private static func populate(_ start: UnsafeMutableRawPointer, bytes: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let first = (Int(bitPattern: start) + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: start) + bytes) & ~(page - 1)
        guard end - first >= 16 * page, let pages = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(pages, end - first, MADV_POPULATE_WRITE)
    }

    func free() { Foundation.free(base) }
}
