import Testing
@testable import KhoCore

/// The quick test and its pieces: what may be handed on as it is, and where normalizing must start.
@Suite struct UnicodeNFCTests {
    private func prefix(_ text: String) -> Int {
        Array(text.utf8).withUnsafeBufferPointer(UnicodeNFC.quickPrefix)
    }

    @Test(arguments: [
        ("", 0), ("abc", 3), ("Nguyễn Thị Hoà", "Nguyễn Thị Hoà".utf8.count), ("“Lê Lợi” – Kon Tum", "“Lê Lợi” – Kon Tum".utf8.count),
        ("ab\u{0301}", 1),                                   // the piece starts at the base letter
        ("Nguyễn e\u{0302}\u{0301}", "Nguyễn ".utf8.count),
        ("xê\u{0301}", 0),                                    // a precomposed letter the mark composes with is in the piece
        ("\u{0301}x", 0),
        ("abcdefghijklmnopqrstuvwxyza\u{0301}", 26),          // after a whole ASCII word
    ])
    func quickPrefixStopsWhereAPieceMayNeedWork(text: String, expected: Int) {
        #expect(prefix(text) == expected)
    }

    @Test func aPieceIsItsFirstCharacterAndTheNonASCIIAfterIt() {
        let bytes = Array("xa\u{0306}\u{0301}k".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(UnicodeNFC.pieceEnd(buffer, from: 1) == bytes.count - 1)
            #expect(UnicodeNFC.pieceEnd(buffer, from: 0) == 1)
        }
    }

    @Test func piecesNormalizedApartGiveTheWhole() {
        let text = "Xa\u{0303} Đa\u{0306}\u{0301}k Ha\u{0300} ê\u{0301}"
        var out: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            var start = 0
            while start < bytes.count {
                let rest = UnsafeBufferPointer(rebasing: bytes[start...])
                let quick = UnicodeNFC.quickPrefix(rest)
                if quick > 0 {
                    out += rest[0..<quick]
                    start += quick
                } else {
                    let end = UnicodeNFC.pieceEnd(rest, from: 0)
                    UnicodeNFC.appendPiece(UnsafeBufferPointer(rebasing: rest[0..<end]), to: &out)
                    start += end
                }
            }
        }
        #expect(out == Array(text.precomposedStringWithCanonicalMapping.utf8))
    }
}
