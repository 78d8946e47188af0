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
}
