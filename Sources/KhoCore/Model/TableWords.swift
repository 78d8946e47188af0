import Foundation

/// Zeroed 64-bit words for the open-addressing key tables (`FirstSeenTable`, `KeyVersions`),
/// freed by their owner with `free()`. Large ones come from the kernel on 2 MiB pages: a key's
/// slot is a random place in tens of megabytes, and on 4 KiB pages nearly every lookup missed the
/// TLB as well as the cache (at a million rows the once-only lookups took about a quarter fewer
/// samples on huge pages). Fresh anonymous memory is already zero, so a large table is not
/// cleared either.
struct TableWords {
    let base: UnsafeMutablePointer<UInt64>
    /// The mapping behind large tables: a huge page longer than the words, so that they can start
    /// on a huge-page boundary, where the kernel can back them with huge pages.
    private let mapping: (start: UnsafeMutableRawPointer, length: Int)?

    /// Tables smaller than this stay on the heap: a huge page for them would be mostly unused.
    static let hugePageThreshold = 4 << 20
    private static let hugePage = 2 << 20

    init(zeroed count: Int) {
        let bytes = count * MemoryLayout<UInt64>.stride
        if bytes >= TableWords.hugePageThreshold, let mapped = TableWords.mapAligned(bytes) {
            base = mapped.aligned.bindMemory(to: UInt64.self, capacity: count)
            mapping = (mapped.start, mapped.length)
        } else {
            base = UnsafeMutablePointer<UInt64>.allocate(capacity: count)
            base.initialize(repeating: 0, count: count)
            mapping = nil
        }
    }

    func free() {
        if let mapping {
            munmap(mapping.start, mapping.length)
        } else {
            base.deallocate()
        }
    }

    private static func mapAligned(_ bytes: Int)
        -> (start: UnsafeMutableRawPointer, length: Int, aligned: UnsafeMutableRawPointer)? {
        let length = (bytes + hugePage - 1) / hugePage * hugePage + hugePage
        guard let start = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              start != MAP_FAILED else { return nil }
        let mask = UInt(hugePage - 1)
        let aligned = UnsafeMutableRawPointer(bitPattern: (UInt(bitPattern: start) + mask) & ~mask)!
        // Advice only: where huge pages are off, the table works the same on small pages.
        _ = madvise(aligned, length - hugePage, Int32(MADV_HUGEPAGE))
        return (start, length, aligned)
    }
}
