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

    @Test func tablesEitherSideOfTheThresholdStartZeroed() {
        for bytes in [TableWords.hugePageThreshold - 8, TableWords.hugePageThreshold] {
            let count = bytes / 8
            let words = TableWords(zeroed: count)
            #expect(UnsafeBufferPointer(start: words.base, count: count).allSatisfy { $0 == 0 })
            words.free()
        }
    }
}
