import CKhoSHA256

/// SHA-256 block compression on the CPU's SHA extensions (`Sources/CKhoSHA256`). Wraps
/// `kho_sha256_hardware_supported` and `kho_sha256_hardware_blocks`; padding and the portable
/// fallback are KhoCore's `SHA256`.
public enum SHA256Hardware {
    /// Whether this CPU has the instructions (cpuid, asked once).
    public static let isSupported: Bool = kho_sha256_hardware_supported() != 0

    /// Runs `count` 64-byte blocks from `blocks` through `state` (a...h). Only when `isSupported`.
    public static func compress(_ state: UnsafeMutablePointer<UInt32>, _ blocks: UnsafeRawPointer, count: Int) {
        precondition(isSupported, "SHA-256 hardware path used on a CPU without the SHA extensions")
        kho_sha256_hardware_blocks(state, blocks.assumingMemoryBound(to: UInt8.self), count)
    }
}
