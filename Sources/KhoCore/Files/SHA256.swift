import Foundation
import KhoNative

/// SHA-256 (FIPS 180-4), streaming. Foundation on Linux has no CryptoKit, and the hashes in
/// bundles and `.sha256` sidecars must be computed as the bytes are written. Blocks go through the
/// CPU's SHA extensions when it has them (several times faster), else through the Swift rounds
/// below; `KDL_SHA256=software` forces the Swift rounds.
public struct SHA256 {
    /// Which code compresses the blocks; both give the same digests.
    public enum Engine: Sendable, CaseIterable {
        case hardware, software

        /// Usable on this machine: `hardware` needs the SHA extensions.
        public var isAvailable: Bool { self == .software || SHA256Hardware.isSupported }
    }

    /// The engine for an environment: `software` when `KDL_SHA256` says so or the CPU lacks the
    /// instructions, else `hardware`.
    public static func engine(environment: [String: String]) -> Engine {
        environment["KDL_SHA256"] == "software" || !SHA256Hardware.isSupported ? .software : .hardware
    }

    /// This process's engine, decided once.
    public static let defaultEngine = engine(environment: ProcessInfo.processInfo.environment)

    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    private var pending = [UInt8](repeating: 0, count: 64)
    private var pendingCount = 0
    private var length: UInt64 = 0

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    private let engine: Engine

    public init() { engine = SHA256.defaultEngine }

    /// A hasher on a given engine (tests run both); an unavailable one falls back to `software`.
    public init(engine: Engine) { self.engine = engine.isAvailable ? engine : .software }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        length += UInt64(bytes.count)
        var offset = 0
        if pendingCount > 0 {
            let take = min(64 - pendingCount, bytes.count)
            for index in 0..<take { pending[pendingCount + index] = bytes[index] }
            pendingCount += take
            offset = take
            if pendingCount == 64 {
                let block = pending
                block.withUnsafeBytes { block in if let base = block.baseAddress { compress(base, count: 1) } }
                pendingCount = 0
            }
        }
        let blocks = (bytes.count - offset) / 64
        if blocks > 0 {
            compress(base + offset, count: blocks)
            offset += blocks * 64
        }
        for index in offset..<bytes.count { pending[pendingCount] = bytes[index]; pendingCount += 1 }
    }

    public mutating func update(_ bytes: some Collection<UInt8>) {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) { return done }
        let copy = Array(bytes)
        copy.withUnsafeBytes { update($0) }
    }

    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail: [UInt8] = [0x80]
        let padding = (pendingCount + 1) % 64 <= 56 ? 56 - (pendingCount + 1) % 64 : 120 - (pendingCount + 1) % 64
        tail += [UInt8](repeating: 0, count: padding)
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        let savedLength = length
        tail.withUnsafeBytes { update($0) }
        length = savedLength
        var digest: [UInt8] = []
        for word in [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7] {
            digest += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
        }
        return digest
    }

    public mutating func finalizeHex() -> String { SHA256.hex(finalize()) }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func hex(of bytes: some Collection<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    private mutating func compress(_ blocks: UnsafeRawPointer, count: Int) {
        if engine == .hardware {
            withUnsafeMutableBytes(of: &state) { words in
                guard let state = words.baseAddress?.assumingMemoryBound(to: UInt32.self) else { return }
                SHA256Hardware.compress(state, blocks, count: count)
            }
            return
        }
        for index in 0..<count { compress(blocks + index &* 64) }
    }

    private mutating func compress(_ block: UnsafeRawPointer) {
        // The 64-word schedule lives on the stack; words are read big-endian straight from the
        // block; shifts are masking shifts (`&>>`), which compile to single instructions.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { buffer in
            guard let w = buffer.baseAddress else { return }
            for index in 0..<16 {
                w[index] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self))
            }
            for index in 16..<64 {
                let w15 = w[index &- 15], w2 = w[index &- 2]
                let s0 = (w15 &>> 7 | w15 &<< 25) ^ (w15 &>> 18 | w15 &<< 14) ^ (w15 &>> 3)
                let s1 = (w2 &>> 17 | w2 &<< 15) ^ (w2 &>> 19 | w2 &<< 13) ^ (w2 &>> 10)
                w[index] = w[index &- 16] &+ s0 &+ w[index &- 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = state
            let k = SHA256.roundConstants
            // Eight rounds per pass with the working variables renamed instead of shifted along:
            // round i's (a…h) is round i-1's (h, a, b, c, d, e, f, g), so only d and h change.
            @inline(__always)
            func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                       _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ index: Int) {
                let s1 = (e &>> 6 | e &<< 26) ^ (e &>> 11 | e &<< 21) ^ (e &>> 25 | e &<< 7)
                let t1 = h &+ s1 &+ (g ^ (e & (f ^ g))) &+ k[index] &+ w[index]
                let s0 = (a &>> 2 | a &<< 30) ^ (a &>> 13 | a &<< 19) ^ (a &>> 22 | a &<< 10)
                let majority = (a & b) | (c & (a | b))
                d = d &+ t1
                h = t1 &+ s0 &+ majority
            }
            var index = 0
            while index < 64 {
                round(a, b, c, &d, e, f, g, &h, index)
                round(h, a, b, &c, d, e, f, &g, index &+ 1)
                round(g, h, a, &b, c, d, e, &f, index &+ 2)
                round(f, g, h, &a, b, c, d, &e, index &+ 3)
                round(e, f, g, &h, a, b, c, &d, index &+ 4)
                round(d, e, f, &g, h, a, b, &c, index &+ 5)
                round(c, d, e, &f, g, h, a, &b, index &+ 6)
                round(b, c, d, &e, f, g, h, &a, index &+ 7)
                index &+= 8
            }
            state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
        }
    }

    /// The round constants at a fixed address, read without bounds checks; written once when first
    /// used, then only read (hence `nonisolated(unsafe)`: a pointer is not Sendable).
    nonisolated(unsafe) private static let roundConstants: UnsafePointer<UInt32> = {
        let pointer = UnsafeMutablePointer<UInt32>.allocate(capacity: 64)
        pointer.initialize(from: k, count: 64)
        return UnsafePointer(pointer)
    }()
}
