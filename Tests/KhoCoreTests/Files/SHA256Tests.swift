import KhoNative
import Testing
@testable import KhoCore

/// Every vector runs on both engines: the SHA extensions (where the CPU has them) and the Swift rounds.
@Suite struct SHA256Tests {
    static let engines = SHA256.Engine.allCases.filter(\.isAvailable)

    static func hex(_ bytes: [UInt8], _ engine: SHA256.Engine) -> String {
        var hasher = SHA256(engine: engine)
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    @Test(arguments: engines, [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func knownVectors(_ engine: SHA256.Engine, _ vector: (String, String)) {
        #expect(Self.hex(Array(vector.0.utf8), engine) == vector.1)
    }

    /// Lengths where the padding spills into a second block (56), fills one exactly (64), or just passes it.
    @Test(arguments: engines, [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
        (128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"),
    ])
    func blockBoundaries(_ engine: SHA256.Engine, _ vector: (Int, String)) {
        #expect(Self.hex([UInt8](repeating: UInt8(ascii: "a"), count: vector.0), engine) == vector.1)
    }

    @Test(arguments: engines)
    func pieceByPieceEqualsAllAtOnce(_ engine: SHA256.Engine) {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = Self.hex(bytes, engine)
        for split in [1, 55, 56, 63, 64, 65, 127, 128, 500] {
            var hasher = SHA256(engine: engine)
            hasher.update(bytes[..<split])
            hasher.update(bytes[split...])
            #expect(hasher.finalizeHex() == whole, "split at \(split)")
        }
    }

    @Test(arguments: engines)
    func millionAs(_ engine: SHA256.Engine) {
        var hasher = SHA256(engine: engine)
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(hasher.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func enginesAgreeOnEveryLengthUpToFourBlocks() throws {
        try #require(SHA256Hardware.isSupported, "this CPU has no SHA extensions: only the Swift rounds can run")
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7 ^ $0 >> 3) }
        for count in 0...bytes.count {
            #expect(Self.hex(Array(bytes[..<count]), .hardware) == Self.hex(Array(bytes[..<count]), .software), "\(count) bytes")
        }
    }

    @Test func environmentForcesTheSoftwareEngine() {
        #expect(SHA256.engine(environment: ["KDL_SHA256": "software"]) == .software)
        #expect(SHA256.engine(environment: [:]) == (SHA256Hardware.isSupported ? .hardware : .software))
        #expect(SHA256.engine(environment: ["KDL_SHA256": "hardware"]) == (SHA256Hardware.isSupported ? .hardware : .software))
    }
}
