import Testing
@testable import KhoCore

@Suite struct TableWordsTests {
    @Test func aLargeTableStartsZeroedOnAHugePageBoundary() {
        let count = 3 << 20   // 24 MiB
        let words = TableWords(zeroed: count)
        defer { words.free() }
        #expect(UInt(bitPattern: words.base) % (2 << 20) == 0)
        #expect(UnsafeBufferPointer(start: words.base, count: count).allSatisfy { $0 == 0 })
        words.base[0] = 1
        words.base[count - 1] = 2
        #expect(words.base[0] == 1 && words.base[count - 1] == 2)
    }

    /// A small table comes from the heap, where freed memory comes back as it was left.
    @Test func aSmallTableStartsZeroedOnReusedMemory() {
        let count = 512
        let dirty = TableWords(zeroed: count)
        dirty.base.update(repeating: .max, count: count)
        dirty.free()
        let words = TableWords(zeroed: count)
        defer { words.free() }
        #expect(UnsafeBufferPointer(start: words.base, count: count).allSatisfy { $0 == 0 })
    }

    /// From the threshold up a table is mapped, on a huge-page boundary; below it, it is allocated
    /// (glibc keeps a chunk header before each pointer: an allocated table is on that boundary only
    /// by chance).
    @Test func theThresholdDecidesWhereATableLives() {
        let below = TableWords(zeroed: TableWords.hugePageThreshold / 8 - 1)
        let at = TableWords(zeroed: TableWords.hugePageThreshold / 8)
        defer { below.free(); at.free() }
        #expect(UInt(bitPattern: at.base) % (2 << 20) == 0)
        #expect(UInt(bitPattern: below.base) % (2 << 20) != 0)
    }
}
