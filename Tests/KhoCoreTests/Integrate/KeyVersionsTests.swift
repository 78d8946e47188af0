import Testing
@testable import KhoCore

/// The first pass: per key, the version kept so far, and whether others copy it or differ from it.
@Suite struct KeyVersionsTests {
    private let newest = ConflictRule.newest(field: "ngay_cap_nhat")

    private func version(_ sequence: UInt64, unit: Int, day: Int64?, values: UInt64) -> RecordVersion {
        RecordVersion(sequence: sequence, unit: unit, date: day.map { $0 * 86_400 }, fingerprint: values)
    }

    @Test func theOnlyVersionIsKeptUncontested() throws {
        let table = KeyVersions()
        #expect(!table.record(7, version(1, unit: 0, day: 10, values: 100), rule: newest))
        let entry = try #require(table.entry(7))
        #expect(entry == KeyVersions.Entry(kept: version(1, unit: 0, day: 10, values: 100), contested: false, copied: false))
        #expect(table.entry(8) == nil)
    }

    @Test func identicalCopiesNameTheirUnitsOnce() throws {
        let table = KeyVersions()
        table.record(7, version(1, unit: 0, day: 10, values: 100), rule: newest)
        #expect(table.record(7, version(5, unit: 1, day: 10, values: 100), rule: newest))
        table.record(7, version(6, unit: 1, day: 10, values: 100), rule: newest)
        table.record(7, version(9, unit: 3, day: 10, values: 100), rule: newest)
        let entry = try #require(table.entry(7))
        #expect(entry.kept.sequence == 1 && entry.copied && !entry.contested)
        #expect(table.copyingUnits(7) == [1, 3])
    }

    @Test func aNewerVersionTakesThePlaceAndItsCopiesStartAfresh() throws {
        let table = KeyVersions()
        table.record(7, version(1, unit: 0, day: 10, values: 100), rule: newest)
        table.record(7, version(2, unit: 1, day: 10, values: 100), rule: newest)
        table.record(7, version(3, unit: 2, day: 12, values: 200), rule: newest)
        var entry = try #require(table.entry(7))
        #expect(entry.kept == version(3, unit: 2, day: 12, values: 200) && entry.contested && !entry.copied)
        #expect(table.copyingUnits(7).isEmpty)
        // A later copy of the version that lost neither wins nor counts as a copy of the kept one.
        table.record(7, version(4, unit: 3, day: 10, values: 100), rule: newest)
        table.record(7, version(5, unit: 4, day: 12, values: 200), rule: newest)
        entry = try #require(table.entry(7))
        #expect(entry.kept.sequence == 3 && entry.contested && entry.copied)
        #expect(table.copyingUnits(7) == [4])
    }

    @Test func underFirstUnitTheFirstVersionStays() throws {
        let table = KeyVersions()
        table.record(7, version(1, unit: 0, day: 10, values: 100), rule: .firstUnit)
        table.record(7, version(2, unit: 1, day: 12, values: 200), rule: .firstUnit)
        let entry = try #require(table.entry(7))
        #expect(entry.kept.sequence == 1 && entry.contested)
    }

    @Test func manyKeysSurviveTheTableGrowing() throws {
        let table = KeyVersions(capacity: 4)
        for key in UInt64(1)...20_000 { table.record(key &* 0x9E37_79B9, version(key, unit: Int(key % 5), day: Int64(key), values: key), rule: newest) }
        #expect(table.count == 20_000)
        for key in stride(from: UInt64(1), through: 20_000, by: 997) {
            #expect(try #require(table.entry(key &* 0x9E37_79B9)).kept == version(key, unit: Int(key % 5), day: Int64(key), values: key))
        }
    }
}
