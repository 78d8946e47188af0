/// The first pass over a dataset's rows: for each primary key, the version the conflict rule keeps
/// so far, whether another version differs from it (a conflict) or copies it (to be merged), and
/// the other units that sent those copies. Only hashes, never values: memory grows with the number
/// of keys, not with the size of the rows.
///
/// An open-addressing table of three words a slot — the key's hash (0 marks an empty slot), the
/// kept version's fingerprint, and its date, unit and flags packed in one word — as in
/// `FirstSeenTable`, a lookup touches one cache line or two.
final class KeyVersions {
    /// What the first pass learnt about one key.
    struct Entry: Equatable {
        /// The version the rule keeps: in reading order, the first row with its values.
        var kept: RecordVersion
        /// Another version with different values was read.
        var contested: Bool
        /// An identical copy of the kept version was read after it.
        var copied: Bool
    }

    // The packed word: the date in the low 40 bits (0: none), then the unit, then three flags.
    private static let dateBits: UInt64 = 40
    private static let unitBits: UInt64 = 21
    private static let dateMask: UInt64 = 1 << dateBits - 1
    /// Seconds either side of 1970 a date keeps its order in: about 17,000 years.
    private static let dateOffset: Int64 = 1 << 39
    private static let claimedFlag: UInt64 = 1 << 61
    private static let copiedFlag: UInt64 = 1 << 62
    private static let contestedFlag: UInt64 = 1 << 63
    /// Units a table can tell apart.
    static let maxUnit = Int(1 << unitBits - 1)

    private var storage: TableWords
    private var slots: UnsafeMutablePointer<UInt64> { storage.base }
    private var slotCount: Int
    private(set) var count = 0
    /// Units, other than the kept version's, that sent an identical copy of it, kept beside the
    /// table rather than in every slot: per key the newest link of a list in `links`, each link
    /// a unit and the link before it (+1; 0 ends the list). No array per key: when two units send
    /// the same million records, a million small arrays would weigh more than the table.
    private var copyLists: [UInt64: Int32] = [:]
    private var links: [UInt64] = []

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slotCount = size
        storage = TableWords(zeroed: 3 * size)
    }

    deinit { storage.free() }

    /// Takes in one version of the record with key hash `key` (never 0); returns whether the key
    /// was seen before. Versions must come in reading order: a tie keeps the one read first.
    @discardableResult
    func record(_ key: UInt64, _ version: RecordVersion, rule: ConflictRule) -> Bool {
        precondition(key != 0, "0 marks an empty slot")
        precondition(version.unit <= KeyVersions.maxUnit, "too many units")
        let base = 3 &* find(key)
        guard slots[base] == key else {
            slots[base] = key
            store(Entry(kept: version, contested: false, copied: false), at: base)
            count += 1
            if count * 2 > slotCount { grow() }
            return false
        }
        var entry = load(at: base)
        if version.fingerprint == entry.kept.fingerprint {
            // Identical values, so the same date: read later, the copy cannot be preferred.
            entry.copied = true
            if version.unit != entry.kept.unit { addCopy(key, unit: version.unit) }
            store(entry, at: base)
            return true
        }
        entry.contested = true
        if rule.prefers(version, over: entry.kept) {
            // A version that ever lost cannot win later (its copies come later still), so the new
            // kept version is the first row with its values and has no copies yet.
            entry.kept = version
            entry.copied = false
            copyLists[key] = nil
        }
        store(entry, at: base)
        return true
    }

    /// What the first pass learnt about the key, or nil if no row carried it.
    func entry(_ key: UInt64) -> Entry? {
        let base = 3 &* find(key)
        return slots[base] == key && key != 0 ? load(at: base) : nil
    }

    /// The second pass, at a row with the kept version's values: true for the first such row —
    /// the kept row itself — and false for the copies after it.
    func claimKept(_ key: UInt64) -> Bool {
        let base = 3 &* find(key)
        guard slots[base] == key, slots[base &+ 2] & KeyVersions.claimedFlag == 0 else { return false }
        slots[base &+ 2] |= KeyVersions.claimedFlag
        return true
    }

    /// The units besides the kept version's own that sent an identical copy, in reading order.
    func copyingUnits(_ key: UInt64) -> [Int] {
        var units: [Int] = []
        var link = copyLists[key].map { Int($0) + 1 } ?? 0
        while link > 0 {
            units.append(Int(links[link - 1] >> 32))
            link = Int(links[link - 1] & 0xFFFF_FFFF)
        }
        return units.reversed()
    }

    /// Units come in order, so a unit already listed is the newest link.
    private func addCopy(_ key: UInt64, unit: Int) {
        let newest = copyLists[key]
        if let newest, Int(links[Int(newest)] >> 32) == unit { return }
        links.append(UInt64(unit) << 32 | UInt64(newest.map { Int($0) + 1 } ?? 0))
        copyLists[key] = Int32(links.count - 1)
    }

    // MARK: - Slots

    private func load(at base: Int) -> Entry {
        let packed = slots[base &+ 2]
        let date = packed & KeyVersions.dateMask
        let version = RecordVersion(unit: Int((packed >> KeyVersions.dateBits) & UInt64(KeyVersions.maxUnit)),
                                    date: date == 0 ? nil : Int64(date) - KeyVersions.dateOffset, fingerprint: slots[base &+ 1])
        return Entry(kept: version, contested: packed & KeyVersions.contestedFlag != 0, copied: packed & KeyVersions.copiedFlag != 0)
    }

    private func store(_ entry: Entry, at base: Int) {
        var date: UInt64 = 0
        if let seconds = entry.kept.date {
            date = UInt64(min(max(seconds + KeyVersions.dateOffset, 1), Int64(KeyVersions.dateMask)))
        }
        let flags = (entry.contested ? KeyVersions.contestedFlag : 0) | (entry.copied ? KeyVersions.copiedFlag : 0)
        slots[base &+ 1] = entry.kept.fingerprint
        slots[base &+ 2] = date | UInt64(entry.kept.unit) << KeyVersions.dateBits | flags
    }

    /// The slot holding `key`, or the empty slot where it would go; the slot from the high bits of
    /// a multiplicative mix, as FNV-1a's low bits are weak.
    private func find(_ key: UInt64) -> Int {
        let mask = slotCount &- 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while slots[3 &* slot] != 0 && slots[3 &* slot] != key { slot = (slot &+ 1) & mask }
        return slot
    }

    private func grow() {
        let oldStorage = storage, old = oldStorage.base, oldCount = slotCount
        slotCount = oldCount * 2
        storage = TableWords(zeroed: 3 * slotCount)
        for index in 0..<oldCount where old[3 * index] != 0 {
            let base = 3 * find(old[3 * index])
            for word in 0..<3 { slots[base + word] = old[3 * index + word] }
        }
        oldStorage.free()
    }
}
