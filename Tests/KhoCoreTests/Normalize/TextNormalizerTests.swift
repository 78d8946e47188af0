import Testing
@testable import KhoCore

/// Values are compared as UTF-8 bytes: `String ==` treats NFC and NFD spellings as equal.
@Suite struct TextNormalizerTests {
    /// "Đắk" decomposed: Đ has no decomposition; ắ is a + U+0306 breve + U+0301 acute.
    private static let dakNFD = "Đa\u{0306}\u{0301}k"
    private static let dakNFC = "Đ\u{1EAF}k"

    @Test(arguments: [
        ("  Nguyễn Văn An ", "Nguyễn Văn An"),
        ("Nguyễn   Văn\tAn", "Nguyễn Văn An"),
        ("Nguyễn\u{00A0}Văn An", "Nguyễn Văn An"),
        ("\u{00A0}Thôn 1\u{00A0}\u{00A0}", "Thôn 1"),
        ("Dòng 1\r\nDòng 2", "Dòng 1 Dòng 2"),
        ("   ", ""),
    ])
    func whiteSpaceIsTrimmedAndCollapsed(text: String, expected: String) {
        let result = TextNormalizer.normalize(text)
        #expect(utf8Bytes(result.value) == utf8Bytes(expected))
        #expect(result.trimmed)
        #expect(!result.composed)
    }

    @Test func decomposedTextIsComposed() {
        #expect(utf8Bytes(Self.dakNFD) != utf8Bytes(Self.dakNFC))
        let result = TextNormalizer.normalize(Self.dakNFD)
        #expect(utf8Bytes(result.value) == utf8Bytes(Self.dakNFC))
        #expect(!result.trimmed)
    }

    @Test func composingIsReported() {
        let result = TextNormalizer.normalize("Xã " + Self.dakNFD + " Hà")
        #expect(utf8Bytes(result.value) == utf8Bytes("Xã " + Self.dakNFC + " Hà"))
        #expect(result.composed)
    }

    @Test func decomposedTextWithStraySpacesIsFixedBothWays() {
        let result = TextNormalizer.normalize("  Xa\u{0303}  " + Self.dakNFD + " ")
        #expect(utf8Bytes(result.value) == utf8Bytes("Xã " + Self.dakNFC))
        #expect(result.trimmed)
    }

    @Test(arguments: ["Nguyen Van An", "Nguyễn Văn An", "Xã Đăk Hà", "Ư Ơ ư ơ Đ đ", "Trường “Lê Lợi” – Kon Tum", "© 2024", "a", ""])
    func cleanTextIsUntouchedAndReportsNoChange(text: String) {
        let result = TextNormalizer.normalize(text)
        #expect(utf8Bytes(result.value) == utf8Bytes(text))
        #expect(!result.trimmed)
        #expect(!result.composed)
    }

    @Test func bothTonePlacementsAreKept() {
        // NFC does not move tone marks: "hòa" and "hoà" stay as written (keys compare them).
        #expect(utf8Bytes(TextNormalizer.normalize("hoà").value) == utf8Bytes("hoà"))
        #expect(utf8Bytes(TextNormalizer.normalize("hòa").value) == utf8Bytes("hòa"))
    }

    /// Unicode white space beyond the no-break space (em space, thin space, narrow no-break space,
    /// ideographic space) is white space too.
    @Test(arguments: ["Nguyễn\u{2003}Văn", "Nguyễn\u{2009}Văn", "Nguyễn\u{202F}Văn", "Nguyễn\u{3000}Văn"])
    func otherUnicodeSpacesAreCollapsed(text: String) {
        let result = TextNormalizer.normalize(text)
        #expect(utf8Bytes(result.value) == utf8Bytes("Nguyễn Văn"))
    }

    private func isCanonical(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer(TextNormalizer.isCanonical)
    }

    @Test(arguments: ["Nguyen Van An", "Nguyễn Văn An", "Xã Đăk Hà", "Ư Ơ ư ơ Đ đ", "a", "", "Đ\u{1EAF}k"])
    func commonCleanValuesTakeTheFastPath(text: String) {
        #expect(isCanonical(text))
    }

    @Test(arguments: [" a", "a ", "a  b", "a\tb", "a\u{00A0}b", "a\u{2003}b", "a\u{1680}b", "Xa\u{0303}", dakNFD, "a\u{0085}b", "Dòng 1\r\nDòng 2"])
    func valuesThatMayNeedWorkAreNotCanonical(text: String) {
        #expect(!isCanonical(text))
    }

    /// The fast path never says "canonical" for a value that normalizing would change: every
    /// short string over an alphabet of the hard cases.
    @Test func theFastPathNeverSkipsAChange() {
        let alphabet = ["a", " ", "\t", "\u{00A0}", "ễ", "e\u{0302}", "\u{0301}", "\u{2003}", "Đ", "“", "\u{0085}", "\u{1680}", "\u{7F}"]
        var checked = 0
        func visit(_ text: String, depth: Int) {
            if isCanonical(text) {
                let result = TextNormalizer.normalize(text)
                #expect(utf8Bytes(result.value) == utf8Bytes(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
                checked += 1
            }
            guard depth > 0 else { return }
            for letter in alphabet { visit(text + letter, depth: depth - 1) }
        }
        visit("", depth: 4)
        #expect(checked > 100)
    }

    /// Every character of the Basic Multilingual Plane between two letters, and doubled at the
    /// ends: collapsed to one space exactly when Unicode calls it white space (the bytes-only
    /// collapse against Unicode's own property).
    @Test func everyWhiteSpaceCharacterAndNoOtherIsCollapsed() {
        var spaces: [UInt32] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let mark = String(scalar)
            let collapsed = TextNormalizer.collapseSpaces(mark + mark + "a" + mark + mark + "b" + mark)
            if scalar.properties.isWhitespace {
                spaces.append(value)
                #expect(collapsed == "a b", "U+\(String(value, radix: 16))")
            } else {
                #expect(utf8Bytes(collapsed) == utf8Bytes(mark + mark + "a" + mark + mark + "b" + mark), "U+\(String(value, radix: 16))")
            }
        }
        #expect(spaces == [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
                           0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
    }
}
