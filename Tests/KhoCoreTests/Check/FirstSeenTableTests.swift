import Testing
@testable import KhoCore

@Suite struct FirstSeenTableTests {
    @Test func remembersTheFirstPositionOfEveryKeyThroughGrowth() {
        let table = FirstSeenTable(capacity: 4)
        for key in 1...10_000 {
            table.insert(UInt64(key) &* 0x1_0000_0001, file: key <= 5_000 ? "a.csv" : "b.csv", line: key + 1)
        }
        #expect(table.count == 10_000)
        #expect(table.position(of: 1 &* 0x1_0000_0001) == "a.csv:2")
        #expect(table.position(of: 5_001 &* 0x1_0000_0001) == "b.csv:5002")
        #expect(table.position(of: 10_000 &* 0x1_0000_0001) == "b.csv:10001")
        #expect(table.position(of: 10_001 &* 0x1_0000_0001) == nil)
    }

    @Test func keysSurviveTheTableGrowing() {
        // 300 000 keys: the table grows from 16 slots to 1 048 576, its last tables fresh from the kernel.
        let table = FirstSeenTable(capacity: 4)
        for key in 1...300_000 { table.insert(UInt64(key) &* 0x9E37_79B9, file: "a.csv", line: key) }
        #expect(table.count == 300_000)
        #expect((1...300_000).allSatisfy { table.position(of: UInt64($0) &* 0x9E37_79B9) == "a.csv:\($0)" })
        #expect(table.position(of: 300_001 &* 0x9E37_79B9) == nil)
    }

    @Test func keepsTheFirstPositionWhenAKeyComesAgain() {
        let table = FirstSeenTable()
        table.insert(42, file: "a.csv", line: 7)
        table.insert(42, file: "b.csv", line: 9)
        #expect(table.count == 1)
        #expect(table.position(of: 42) == "a.csv:7")
    }

    @Test func keysThatShareASlotAreAllKept() {
        // Multiples of 2^60 mix to values that differ only in their top bits: one first slot for all.
        let table = FirstSeenTable(capacity: 4)
        let keys: [UInt64] = (1...6).map { UInt64($0) << 60 }
        for (index, key) in keys.enumerated() { table.insert(key, file: "f", line: index) }
        for (index, key) in keys.enumerated() { #expect(table.position(of: key) == "f:\(index)") }
    }

    @Test func filesComingBackAreNumberedOnce() {
        let table = FirstSeenTable()
        table.insert(1, file: "a.csv", line: 1)
        table.insert(2, file: "b.csv", line: 2)
        table.insert(3, file: "a.csv", line: 3)
        #expect(table.position(of: 3) == "a.csv:3")
        #expect(table.position(of: 2) == "b.csv:2")
    }
}
