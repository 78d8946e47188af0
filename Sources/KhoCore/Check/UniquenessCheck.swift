/// Once only (Article 9.3) within a unit: a primary key, or a field declared unique, seen again.
///
/// Only rows that pass every other check take a key, so a rejected row never makes a later good
/// one look like a duplicate. Keys are kept as 64-bit FNV-1a hashes with the first row's position
/// packed in an integer: memory stays small at millions of rows, and a false duplicate would need
/// a 64-bit collision.
public final class UniquenessCheck: RowCheck {
    public static let id = "uniqueness"
    public static let codes: [FindingCode] = [.duplicateKey]

    /// A class, so that walking the key sets for every row copies (and retains) nothing.
    private final class KeySet {
        let fields: [Int]
        let isPersonal: Bool
        let seen = FirstSeenTable()

        init(fields: [Int], isPersonal: Bool) {
            self.fields = fields
            self.isPersonal = isPersonal
        }
    }

    private var keySets: [KeySet] = []
    private var hashes: [UInt64] = []

    public init(schema: DatasetSchema) {
        let primary = schema.primaryKey.compactMap(schema.fieldIndex)
        func personal(_ fields: [Int]) -> Bool { fields.contains { schema.fields[$0].classification == .personal } }
        if !primary.isEmpty { keySets.append(KeySet(fields: primary, isPersonal: personal(primary))) }
        for (index, field) in schema.fields.enumerated() where field.unique && primary != [index] {
            keySets.append(KeySet(fields: [index], isPersonal: personal([index])))
        }
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        guard !row.isRejected, !keySets.isEmpty else { return }
        hashes.removeAll(keepingCapacity: true)
        for keySet in keySets {
            guard !keySet.fields.contains(where: { row.isEmpty($0) }) else { hashes.append(0); continue }
            let hash = UniquenessCheck.hash(keySet.fields, of: row)
            hashes.append(hash)
            if let first = keySet.seen.position(of: hash) {
                let key = keySet.fields.map { row.value($0) }.joined(separator: ", ")
                let field = keySet.fields.count == 1 ? keySet.fields[0] : nil
                let shown = keySet.isPersonal && field == nil ? Masking.mask(key) : key
                context.emit(.duplicateKey, &row, field: field, value: shown, detail: "first at \(first)")
                return
            }
        }
        for (index, hash) in hashes.enumerated() where hash != 0 {
            keySets[index].seen.insert(hash, file: row.file, line: row.line)
        }
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
