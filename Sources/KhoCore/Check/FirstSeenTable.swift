/// Where each key was first seen, for the once-only checks (Article 9.3): keys are 64-bit hashes
/// of the key's values, positions are `file:line` packed into an integer. An open-addressing
/// table of plain integers: at millions of rows a lookup is one or two cache lines, where a
/// `Dictionary` would hash the hash again with SipHash and grow through copies.
final class FirstSeenTable {
    /// Slot i is `slots[2i]`, a key hash (never 0, which marks an empty slot), and `slots[2i+1]`,
    /// its packed position: a probe touches one cache line. Memory this table owns, so that a
    /// lookup costs no retain of an array.
    private var storage: TableWords
    private var slots: UnsafeMutablePointer<UInt64> { storage.base }
    private var slotCount: Int
    private(set) var count = 0
    private var files: [String] = []
    private var fileNumbers: [String: UInt64] = [:]
    private var lastFile: (name: String, number: UInt64)?

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slotCount = size
        storage = TableWords(zeroed: 2 * size)
    }

    deinit { storage.free() }

    /// The position first recorded for `hash`, as `file:line`, or nil.
    func position(of hash: UInt64) -> String? {
        let slot = find(hash)
        return slots[2 &* slot] == hash ? describe(slots[2 &* slot &+ 1]) : nil
    }

    /// Records `hash` as first seen at `file:line`, unless it was seen before.
    func insert(_ hash: UInt64, file: String, line: Int) {
        precondition(hash != 0, "0 marks an empty slot")
        let slot = find(hash)
        guard slots[2 &* slot] != hash else { return }
        slots[2 &* slot] = hash
        slots[2 &* slot &+ 1] = pack(file, line)
        count += 1
        if count * 2 > slotCount { grow() }
    }

    /// The slot holding `hash`, or the empty slot where it would go. FNV-1a's low bits are weak,
    /// so the slot comes from the high bits of a multiplicative mix.
    private func find(_ hash: UInt64) -> Int {
        let mask = slotCount &- 1
        var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while slots[2 &* slot] != 0 && slots[2 &* slot] != hash { slot = (slot &+ 1) & mask }
        return slot
    }

    private func grow() {
        let oldStorage = storage, old = oldStorage.base, oldCount = slotCount
        slotCount = oldCount * 2
        storage = TableWords(zeroed: 2 * slotCount)
        for index in 0..<oldCount where old[2 * index] != 0 {
            let slot = find(old[2 * index])
            slots[2 * slot] = old[2 * index]
            slots[2 * slot + 1] = old[2 * index + 1]
        }
        oldStorage.free()
    }

    /// File number in the high 24 bits, line in the low 40. Rows come file by file, so the last
    /// file is remembered and its name is not hashed again for every row.
    private func pack(_ file: String, _ line: Int) -> UInt64 {
        let number: UInt64
        if let last = lastFile, last.name == file {
            number = last.number
        } else if let known = fileNumbers[file] {
            number = known
        } else {
            number = UInt64(files.count)
            files.append(file)
            fileNumbers[file] = number
        }
        lastFile = (file, number)
        return number << 40 | UInt64(max(0, line))
    }

    private func describe(_ packed: UInt64) -> String {
        "\(files[Int(packed >> 40)]):\(packed & 0xFF_FFFF_FFFF)"
    }
}
