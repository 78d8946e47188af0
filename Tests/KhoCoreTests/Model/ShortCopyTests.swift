import Testing
@testable import KhoCore

@Suite struct ShortCopyTests {
    /// Every length from none to past the in-place sizes, at every offset within a word: exactly the
    /// bytes asked for arrive, and nothing beyond them is touched.
    @Test func copiesExactlyTheBytesAskedForAndNothingAround() {
        let source = (0..<64).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 1) }
        for count in 0...40 {
            for offset in 0..<8 {
                var target = [UInt8](repeating: 0xAA, count: 64)
                source.withUnsafeBytes { from in
                    target.withUnsafeMutableBytes { to in
                        ShortCopy.copy(count, from: from.baseAddress! + offset, to: to.baseAddress! + 8)
                    }
                }
                #expect(Array(target[8..<(8 + count)]) == Array(source[offset..<(offset + count)]), "\(count) bytes from \(offset)")
                #expect(target[..<8].allSatisfy { $0 == 0xAA } && target[(8 + count)...].allSatisfy { $0 == 0xAA },
                        "\(count) bytes wrote outside their place")
            }
        }
    }
}
