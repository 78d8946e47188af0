/// The keys a table must keep unique (Article 9.3, once only): the primary key and each field
/// declared unique. Used within a unit by `UniquenessCheck` and across units when a dataset is
/// integrated: one definition of a key, its hash and its table.
///
/// Keys are 64-bit FNV-1a hashes with the first row's position packed in an integer: memory stays
/// small at millions of rows, and a false duplicate would need a 64-bit collision.
public final class OnceOnlyKeys {
    /// A class, so that walking the key sets for every row copies (and retains) nothing.
    final class KeySet {
        let fields: [Int]
        let isPersonal: Bool
        let seen = FirstSeenTable()

        init(fields: [Int], isPersonal: Bool) {
            self.fields = fields
            self.isPersonal = isPersonal
        }
    }

    let keySets: [KeySet]
    private var hashes: [UInt64] = []

    /// - Parameter includingPrimaryKey: false where something else keeps the primary key once
    ///   only (integration keeps one version of each key), so only the other unique fields count.
    public init(schema: DatasetSchema, includingPrimaryKey: Bool = true) {
        let primary = schema.primaryKey.compactMap(schema.fieldIndex)
        func personal(_ fields: [Int]) -> Bool { fields.contains { schema.fields[$0].classification == .personal } }
        var sets: [KeySet] = []
        if !primary.isEmpty && includingPrimaryKey { sets.append(KeySet(fields: primary, isPersonal: personal(primary))) }
        for (index, field) in schema.fields.enumerated() where field.unique && primary != [index] {
            sets.append(KeySet(fields: [index], isPersonal: personal([index])))
        }
        keySets = sets
    }

    public var isEmpty: Bool { keySets.isEmpty }

    /// A duplicate: the key set it repeats and where that key was first seen (`file:line`).
    struct Repeat {
        let keySet: KeySet
        let first: String
    }

    /// The first key of the row already taken, or nil; then every complete key of the row is taken.
    func take<Fields: ByteFields>(_ values: Fields, file: String, line: Int) -> Repeat? {
        hashes.removeAll(keepingCapacity: true)
        for keySet in keySets {
            guard !keySet.fields.contains(where: { field in values.withField(field) { $0.isEmpty } }) else { hashes.append(0); continue }
            let hash = OnceOnlyKeys.hash(keySet.fields, of: values)
            if let first = keySet.seen.position(of: hash) { return Repeat(keySet: keySet, first: first) }
            hashes.append(hash)
        }
        for (index, hash) in hashes.enumerated() where hash != 0 { keySets[index].seen.insert(hash, file: file, line: line) }
        return nil
    }

    /// The key's values as shown in a finding: masked when the key holds personal data and is not a
    /// single field (a single field's finding is masked by the field's own classification).
    static func shown<Fields: ByteFields>(_ keySet: KeySet, of values: Fields) -> String {
        let key = keySet.fields.map { index in values.withField(index) { String(decoding: $0, as: UTF8.self) } }.joined(separator: ", ")
        return keySet.isPersonal && keySet.fields.count > 1 ? Masking.mask(key) : key
    }

    /// FNV-1a over the fields' canonical bytes, with a separator byte after each value.
    static func hash<Fields: ByteFields>(_ indices: [Int], of fields: Fields) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for index in indices {
            fields.withField(index) { bytes in
                for byte in bytes {
                    hash ^= UInt64(byte)
                    hash &*= 0x100000001b3
                }
            }
            hash ^= 0x1F
            hash &*= 0x100000001b3
        }
        return hash == 0 ? 1 : hash
    }
}
