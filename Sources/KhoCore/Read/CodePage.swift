/// A legacy 8-bit code page as the decoder reads it: what each of the 256 byte values stands for.
struct CodePage: Sendable {
    /// A byte the code page leaves undefined: decoded as U+FFFD and reported.
    static let undefined: UInt32 = 0xFFFF

    /// Per byte: a Unicode scalar, `undefined`, or two combining marks packed as `first | second << 16`
    /// (a VNI mark byte such as "circumflex and acute").
    let entries: [UInt32]
    /// Whether a letter may be followed by combining marks to compose with (the Vietnamese code pages).
    let composes: Bool
    /// Whether 0x00–0x7F are plain ASCII, so runs of them can be copied as they are.
    let asciiIsIdentity: Bool

    /// ASCII below 0x80 except `controlRange`, then `high` for 0x80–0xFF.
    init(high: [UInt32], controlRange: [(byte: UInt8, scalar: UInt32)] = [], composes: Bool) {
        precondition(high.count == 0x80, "a code page maps 128 high bytes")
        var entries = (0..<0x80).map(UInt32.init) + high
        for (byte, scalar) in controlRange { entries[Int(byte)] = scalar }
        self.entries = entries
        self.composes = composes
        asciiIsIdentity = controlRange.isEmpty
    }

    static let windows1258 = CodePage(high: SingleByteTables.windows1258.map(UInt32.init), composes: true)
    static let windows1252 = CodePage(high: SingleByteTables.windows1252.map(UInt32.init), composes: false)
    static let tcvn3 = CodePage(high: TCVN3Table.high, controlRange: TCVN3Table.controlRangeLetters, composes: true)
    static let vni = CodePage(high: VNITable.high, composes: true)
}
