import Foundation
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

    /// The memo's bytes for a piece; compared as bytes, since `String ==` equates NFD and NFC.
    private func normalize(_ piece: String, with memo: inout UnicodeNFC.PieceMemo) -> [UInt8] {
        var out: [UInt8] = []
        Array(piece.utf8).withUnsafeBufferPointer { memo.append($0, to: &out) }
        return out
    }

    /// Every Vietnamese vowel with every tone, decomposed, twice over: the second time from memory,
    /// and each time what Foundation makes of it; a piece longer than the memo keeps is still normalized.
    @Test func aRememberedPieceIsWhatFoundationGives() {
        var memo = UnicodeNFC.PieceMemo()
        let vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
        let tones = ["", "\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}"]
        let pieces = vowels.flatMap { vowel in tones.map { " " + (vowel + $0).decomposedStringWithCanonicalMapping } }
        for round in 0..<2 {
            for piece in pieces {
                #expect(normalize(piece, with: &memo) == Array(piece.precomposedStringWithCanonicalMapping.utf8), "round \(round): \(piece)")
            }
        }
        #expect(memo.count == pieces.count)
        let long = " " + String(repeating: "ê\u{0301}", count: 6)
        #expect(normalize(long, with: &memo) == Array((" " + String(repeating: "ế", count: 6)).utf8))
        #expect(memo.count == pieces.count)
    }

    /// Text with more distinct pieces than the memo keeps: it stops growing, and still normalizes.
    @Test func theMemoStopsGrowingAtItsLimit() {
        var memo = UnicodeNFC.PieceMemo()
        var seen = 0
        for base in UInt8(ascii: "!")...UInt8(ascii: "~") {
            for mark in 0x0300...0x036F {
                let piece = String(UnicodeScalar(base)) + String(UnicodeScalar(UInt32(mark))!)
                #expect(normalize(piece, with: &memo) == Array(piece.precomposedStringWithCanonicalMapping.utf8))
                seen += 1
            }
        }
        #expect(seen > UnicodeNFC.PieceMemo.limit)
        #expect(memo.count == UnicodeNFC.PieceMemo.limit)
    }
}
