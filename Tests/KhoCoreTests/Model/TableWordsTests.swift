import Foundation
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

    /// A large table's pages are resident as soon as it is made, not at each page's first lookup.
    @Test func aLargeTableIsInMemoryBeforeItsFirstLookup() throws {
        let count = 8 << 20   // 64 MiB
        let before = try residentBytes()
        let words = TableWords(zeroed: count)
        defer { words.free() }
        #expect(try residentBytes() - before >= 48 << 20)
        #expect(UnsafeBufferPointer(start: words.base, count: count).allSatisfy { $0 == 0 })
    }

    private func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let pages = try #require(Int(statm.split(separator: " ")[1]))
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
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
