import CZlib

/// CRC-32 as ZIP and gzip define it. Wraps zlib's `crc32` and `crc32_combine`.
public enum CRC32 {
    public static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return crc }
        return UInt32(crc32(uLong(crc), base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
    }

    public static func update(_ crc: UInt32, _ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { update(crc, $0) }
    }

    /// The CRC of A followed by B, from the CRCs of A and B and B's length.
    public static func combine(_ first: UInt32, _ second: UInt32, secondLength: Int) -> UInt32 {
        UInt32(crc32_combine(uLong(first), uLong(second), off_t(secondLength)))
    }
}
