/// A set of field indices (a dataset has at most 64 fields), as cheap to copy as an integer.
public struct FieldSet: Sendable, Equatable {
    private var bits: UInt64 = 0

    public init() {}

    public subscript(_ index: Int) -> Bool {
        get { bits & (UInt64(1) << UInt64(index)) != 0 }
        set {
            if newValue { bits |= UInt64(1) << UInt64(index) } else { bits &= ~(UInt64(1) << UInt64(index)) }
        }
    }

    public var isEmpty: Bool { bits == 0 }

    public mutating func formUnion(_ other: FieldSet) { bits |= other.bits }

    /// Calls `body` with each index in the set, in increasing order.
    @inline(__always)
    public func forEach(_ body: (Int) throws -> Void) rethrows {
        var rest = bits
        while rest != 0 {
            try body(rest.trailingZeroBitCount)
            rest &= rest - 1
        }
    }
}
