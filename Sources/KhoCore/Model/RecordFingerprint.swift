/// A 64-bit fingerprint of a row's canonical values — every field of the dataset and nothing else:
/// provenance and lineage are not among a row's values, so two units' copies of one record have
/// the same fingerprint. Every accepted row is fingerprinted, so it reads eight bytes at a time;
/// two different rows taken for identical would need a 64-bit collision, as a false duplicate key does.
/// Integration tells versions apart by it; `validated.csv` holds it to know its rows of `extracted.csv`.
enum RecordFingerprint {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9

    static func of(_ row: FieldRow) -> UInt64 {
        var hash = prime3 ^ UInt64(row.count)
        let length = row.closedByteCount
        row.withValueBytes { values in
            let bytes = UnsafeRawBufferPointer(values)
            var index = 0
            while index + 8 <= length {
                hash = mix(hash, bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                index += 8
            }
            if index < length {
                var tail: UInt64 = 0
                for offset in 0..<(length - index) { tail |= UInt64(bytes[index + offset]) << UInt64(8 * offset) }
                hash = mix(hash, tail)
            }
        }
        // Where each value ends: "ab","c" and "a","bc" have the same bytes.
        for index in 0..<row.count { hash = mix(hash, UInt64(row.end(index))) }
        hash ^= hash >> 33
        hash &*= prime2
        hash ^= hash >> 29
        hash &*= prime3
        hash ^= hash >> 32
        return hash
    }

    @inline(__always)
    private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        var lane = word &* prime2
        lane = (lane << 31) | (lane >> 33)
        lane &*= prime1
        let mixed = hash ^ lane
        return ((mixed << 27) | (mixed >> 37)) &* prime1 &+ 0x85EB_CA77_C2B2_AE63
    }
}
