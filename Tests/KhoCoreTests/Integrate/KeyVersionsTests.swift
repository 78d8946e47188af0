import Testing
@testable import KhoCore

/// The first pass: per key, the version kept so far, and whether others copy it or differ from it.
@Suite struct KeyVersionsTests {
    private let newest = ConflictRule.newest(field: "ngay_cap_nhat")

    /// A version with values `values` (its fingerprint), dated `day` days after 1970.
    private func version(_ values: UInt64, unit: Int, day: Int64?) -> RecordVersion {
        RecordVersion(unit: unit, date: day.map { $0 * 86_400 }, fingerprint: values)
    }

    @Test func theOnlyVersionIsKeptUncontested() throws {
        let table = KeyVersions()
        #expect(!table.record(7, version(100, unit: 0, day: 10), rule: newest))
        #expect(table.entry(7) == KeyVersions.Entry(kept: version(100, unit: 0, day: 10), contested: false, copied: false))
        #expect(table.entry(8) == nil)
    }

    @Test func identicalCopiesNameTheirUnitsOnce() throws {
        let table = KeyVersions()
        table.record(7, version(100, unit: 0, day: 10), rule: newest)
        #expect(table.record(7, version(100, unit: 1, day: 10), rule: newest))
        table.record(7, version(100, unit: 1, day: 10), rule: newest)
        table.record(7, version(100, unit: 3, day: 10), rule: newest)
        let entry = try #require(table.entry(7))
        #expect(entry.kept.unit == 0 && entry.copied && !entry.contested)
        #expect(table.copyingUnits(7) == [1, 3])
    }

    @Test func aNewerVersionTakesThePlaceAndItsCopiesStartAfresh() throws {
        let table = KeyVersions()
        table.record(7, version(100, unit: 0, day: 10), rule: newest)
        table.record(7, version(100, unit: 1, day: 10), rule: newest)
        table.record(7, version(200, unit: 2, day: 12), rule: newest)
        var entry = try #require(table.entry(7))
        #expect(entry == KeyVersions.Entry(kept: version(200, unit: 2, day: 12), contested: true, copied: false))
        #expect(table.copyingUnits(7).isEmpty)
        // A later copy of the version that lost neither wins nor counts as a copy of the kept one.
        table.record(7, version(100, unit: 3, day: 10), rule: newest)
        table.record(7, version(200, unit: 4, day: 12), rule: newest)
        entry = try #require(table.entry(7))
        #expect(entry.kept.unit == 2 && entry.contested && entry.copied)
        #expect(table.copyingUnits(7) == [4])
    }

    @Test func underFirstUnitTheFirstVersionStays() throws {
        let table = KeyVersions()
        table.record(7, version(100, unit: 0, day: 10), rule: .firstUnit)
        table.record(7, version(200, unit: 1, day: 12), rule: .firstUnit)
        let entry = try #require(table.entry(7))
        #expect(entry.kept.fingerprint == 100 && entry.contested)
    }

    /// The second pass tells the kept row from its copies: it is the first read with its values.
    @Test func theKeptRowIsClaimedOnce() {
        let table = KeyVersions()
        table.record(7, version(100, unit: 0, day: 10), rule: newest)
        table.record(7, version(100, unit: 1, day: 10), rule: newest)
        #expect(table.claimKept(7))
        #expect(!table.claimKept(7))
        #expect(!table.claimKept(8))
        #expect(table.entry(7)?.copied == true)
    }

    @Test func datesKeepTheirOrderFarFromNow() throws {
        let table = KeyVersions()
        for (key, day) in [(UInt64(1), Int64(-700_000)), (2, 0), (3, 3_000_000), (4, nil)] as [(UInt64, Int64?)] {
            table.record(key, version(key, unit: 2_000_000, day: day), rule: newest)
            #expect(try #require(table.entry(key)).kept == version(key, unit: 2_000_000, day: day))
        }
    }

    @Test func manyKeysSurviveTheTableGrowing() throws {
        let table = KeyVersions(capacity: 4)
        // 200 000 keys: the table grows from 16 slots to 524 288, its last tables fresh from the kernel.
        for key in UInt64(1)...200_000 { table.record(key &* 0x9E37_79B9, version(key, unit: Int(key % 5), day: Int64(key)), rule: newest) }
        #expect(table.count == 200_000)
        for key in stride(from: UInt64(1), through: 200_000, by: 997) {
            #expect(try #require(table.entry(key &* 0x9E37_79B9)).kept == version(key, unit: Int(key % 5), day: Int64(key)))
        }
    }
}
