import Foundation

/// A hash map keyed by byte strings, probed with bytes the caller already has (a field of a
/// `FieldRow`): no `String` is made to look a value up. Keys are copied into one buffer.
public struct ByteTable<Value> {
    private var keyStorage: [UInt8] = []
    private var keyBounds: [(start: Int, end: Int)] = []
    private var values: [Value] = []
    /// Open addressing: slot → entry index + 1 (0 is empty).
    private var slots: [Int32] = [Int32](repeating: 0, count: 16)

    public init() {}

    public var count: Int { values.count }

    public func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
        find(key, hash: ByteTable.hash(key)).map { values[$0] }
    }

    public func value(for key: [UInt8]) -> Value? {
        key.withUnsafeBufferPointer { value(for: $0) }
    }

    public func value(for key: String) -> Value? {
        var copy = key
        return copy.withUTF8 { value(for: $0) }
    }

    /// Sets the value for a key, adding the key when it is new.
    public mutating func set(_ value: Value, for key: UnsafeBufferPointer<UInt8>) {
        let hash = ByteTable.hash(key)
        if let index = find(key, hash: hash) {
            values[index] = value
            return
        }
        if (values.count + 1) * 4 > slots.count * 3 { grow() }
        let start = keyStorage.count
        keyStorage.append(contentsOf: key)
        keyBounds.append((start, keyStorage.count))
        values.append(value)
        insertSlot(values.count - 1, hash: hash)
    }

    public mutating func set(_ value: Value, for key: String) {
        var copy = key
        copy.withUTF8 { set(value, for: $0) }
    }

    public mutating func set(_ value: Value, for key: [UInt8]) {
        key.withUnsafeBufferPointer { set(value, for: $0) }
    }

    // MARK: - Internals

    /// FNV-1a over the bytes.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100000001b3
        }
        return hash
    }

    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            let bounds = keyBounds[entry - 1]
            if bounds.end - bounds.start == key.count {
                let equal = keyStorage.withUnsafeBufferPointer { storage in
                    guard key.count > 0, let stored = storage.baseAddress, let wanted = key.baseAddress else { return true }
                    return memcmp(stored + bounds.start, wanted, key.count) == 0
                }
                if equal { return entry - 1 }
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func insertSlot(_ index: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for index in keyBounds.indices {
            let bounds = keyBounds[index]
            let hash = keyStorage.withUnsafeBufferPointer { ByteTable.hash(UnsafeBufferPointer(rebasing: $0[bounds.start..<bounds.end])) }
            insertSlot(index, hash: hash)
        }
    }
}

extension ByteTable: Sendable where Value: Sendable {}
