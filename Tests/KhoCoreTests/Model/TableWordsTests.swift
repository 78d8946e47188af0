import Testing
@testable import KhoCore

@Suite struct TableWordsTests {
    @Test func aLargeTableStartsZeroed() {
        let count = 3 << 20   // 24 MiB: fresh from the kernel
        let words = TableWords(zeroed: count)
        defer { words.free() }
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
}
