import Testing
@testable import KhoCore

@Suite struct CodeNormalizerTests {
    private static func list(_ id: String) -> CodeList {
        guard let list = TestSupport.configuration.codeLists[id] else { fatalError("no catalog \(id)") }
        return list
    }

    static let danToc = list("dan-toc")
    static let danToc1979 = list("dan-toc-1979")
    static let xa = list("xa")
    static let gioiTinh = list("gioi-tinh")

    @Test(arguments: [("16", CodeNormalizerTests.danToc), ("23500", CodeNormalizerTests.xa), ("2", CodeNormalizerTests.gioiTinh)] as [(String, CodeList)])
    func codeOfTheList(value: String, list: CodeList) {
        #expect(CodeNormalizer.resolve(value, in: list, on: nil) == .code(value))
    }

    @Test func lostLeadingZerosAreRestored() {
        #expect(CodeNormalizer.resolve("6", in: Self.danToc, on: nil) == .padded("06"))
        #expect(CodeNormalizer.resolve("1", in: Self.list("quan-he-chu-ho"), on: nil) == .padded("01"))
        #expect(CodeNormalizer.resolve("1", in: Self.list("tinh"), on: nil) == .padded("01"))
    }

    @Test func paddingMustGiveACodeOfTheList() {
        #expect(Self.xa.digitCodeWidth == 5)
        #expect(CodeNormalizer.resolve("2350", in: Self.xa, on: nil) == .unresolved)
        #expect(CodeNormalizer.resolve("55", in: Self.danToc, on: nil) == .unresolved)
        #expect(Self.list("cap-hoc").digitCodeWidth == nil)
    }

    @Test(arguments: [("Xơ Đăng", "16"), ("Xo Dang", "16"), ("xơ-đăng", "16"), ("Sê Đăng", "16"), ("Ba Na", "12"), ("Bahnar", "12"),
                      ("Kinh", "01"), ("Việt", "01")])
    func ethnicGroupByName(name: String, code: String) {
        #expect(CodeNormalizer.resolve(name, in: Self.danToc, on: nil) == .fromName(code))
    }

    @Test(arguments: [("Nam", "1"), ("M", "1"), ("Male", "1"), ("Nữ", "2"), ("nu", "2"), ("F", "2"), ("Gái", "2")])
    func sexByName(name: String, code: String) {
        #expect(CodeNormalizer.resolve(name, in: Self.gioiTinh, on: nil) == .fromName(code))
    }

    @Test func communeNameIsResolvedOnADate() {
        let before = TestSupport.date("2024-12-15"), after = TestSupport.date("2025-08-15")
        #expect(CodeNormalizer.resolve("Đắk Hà", in: Self.xa, on: before) == .ambiguous(["23425", "23500"]))
        #expect(CodeNormalizer.resolve("Đắk Hà", in: Self.xa, on: after) == .fromName("23500"))
        #expect(CodeNormalizer.resolve("Đắk Hà", in: Self.xa, on: nil) == .ambiguous(["23425", "23500"]))
        #expect(CodeNormalizer.resolve("Hà Mòn", in: Self.xa, on: before) == .fromName("23521"))
        #expect(CodeNormalizer.resolve("Hà Mòn", in: Self.xa, on: after) == .unresolved)
        #expect(CodeNormalizer.resolve("Tu Mơ Rông", in: Self.xa, on: before) == .fromName("23422"))
        #expect(CodeNormalizer.resolve("Tu Mơ Rông", in: Self.xa, on: after) == .fromName("23425"))
        #expect(CodeNormalizer.resolve("Đắk Long", in: Self.xa, on: before) == .ambiguous(["23368", "23504"]))
        #expect(CodeNormalizer.resolve("Đắk Long", in: Self.xa, on: after) == .fromName("23368"))
    }

    /// A type prefix tells a commune from a town of the same name, but not one commune from another:
    /// the two Đắk Long communes write Đắk/Đăk in different orders and are the same name.
    @Test func typePrefixKeepsOnlyCandidatesOfThatType() {
        let before = TestSupport.date("2024-12-15")
        #expect(CodeNormalizer.resolve("Xã Đắk Hà", in: Self.xa, on: before) == .fromName("23425"))
        #expect(CodeNormalizer.resolve("Thị trấn Đắk Hà", in: Self.xa, on: before) == .fromName("23500"))
        #expect(CodeNormalizer.resolve("TT. Đắk Hà", in: Self.xa, on: before) == .ambiguous(["23425", "23500"]))
        #expect(CodeNormalizer.resolve("Xã Đắk Long", in: Self.xa, on: before) == .ambiguous(["23368", "23504"]))
        #expect(CodeNormalizer.resolve("Xã Đăk Long", in: Self.xa, on: before) == .ambiguous(["23368", "23504"]))
    }

    /// xa.csv's parent list is huyen.csv (catalogs.json): the record's district narrows a repeated name.
    @Test func parentCodeNarrowsARepeatedName() {
        let before = TestSupport.date("2024-12-15")
        #expect(Self.xa.properties.parentCatalog == "huyen")
        #expect(CodeNormalizer.resolve("Xã Đắk Long", in: Self.xa, on: before, parent: "615") == .fromName("23504"))
        #expect(CodeNormalizer.resolve("Xã Đắk Long", in: Self.xa, on: before, parent: "610") == .fromName("23368"))
        #expect(CodeNormalizer.resolve("Xã Đắk Long", in: Self.xa, on: before, parent: "614") == .ambiguous(["23368", "23504"]))
        #expect(CodeNormalizer.resolve("Đắk Hà", in: Self.xa, on: before, parent: "617") == .fromName("23425"))
        #expect(CodeNormalizer.resolve("Hà Mòn", in: Self.xa, on: before, parent: "610") == .fromName("23521"))
        #expect(CodeNormalizer.resolve("Xã Đắk Long", in: Self.xa, on: nil, parent: "615") == .fromName("23504"))
    }

    @Test(arguments: ["Người Sao Hỏa", "", "99"])
    func unknownValueIsUnresolved(value: String) {
        #expect(CodeNormalizer.resolve(value, in: Self.danToc, on: nil) == .unresolved)
    }

    // MARK: - A unit's own code system

    @Test(arguments: [("14", "16"), ("13", "12"), ("01", "01"), ("4", "06"), ("04", "06")])
    func crosswalkFrom1979To2008(code1979: String, code2008: String) {
        #expect(CodeNormalizer.resolve(code1979, in: Self.danToc, sourceSystem: Self.danToc1979, crosswalkColumn: "code_2008", on: nil)
                == .crosswalk(code2008))
    }

    @Test func crosswalkFallsBackToNames() {
        #expect(CodeNormalizer.resolve("Xơ Đăng", in: Self.danToc, sourceSystem: Self.danToc1979, crosswalkColumn: "code_2008", on: nil)
                == .fromName("16"))
        #expect(CodeNormalizer.resolve("99", in: Self.danToc, sourceSystem: Self.danToc1979, crosswalkColumn: "code_2008", on: nil)
                == .unresolved)
    }
}
