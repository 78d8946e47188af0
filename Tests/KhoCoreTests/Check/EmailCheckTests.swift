import Testing
@testable import KhoCore

@Suite struct EmailCheckTests {
    private func hoKinhDoanh(_ email: String) -> (row: RowState, context: RowFixtures.Counts) {
        RowFixtures.validateCounting("ho-kinh-doanh", RowFixtures.row(RowFixtures.hoKinhDoanh, ["email": email]))
    }

    @Test(arguments: [
        ("binh.tran@gmail.com", "binh.tran@gmail.com"),
        ("Binh.Tran@Gmail.COM", "Binh.Tran@gmail.com"),
        ("thleloi@kontum.edu.vn", "thleloi@kontum.edu.vn"),
        ("o'brien+hkd_2024@mail-server.example.vn", "o'brien+hkd_2024@mail-server.example.vn"),
        ("a@b.vn", "a@b.vn"),
        ("  binh@gmail.com ", "binh@gmail.com"),
    ])
    func validAddressHasALowerCaseDomain(text: String, canonical: String) {
        let (row, _) = hoKinhDoanh(text)
        #expect(row.codes == [])
        #expect(row.value("email", in: "ho-kinh-doanh") == canonical)
    }

    @Test func loweringTheDomainIsCounted() {
        #expect(hoKinhDoanh("Binh@Gmail.com").context.normalizations["email"] == 1)
        #expect(hoKinhDoanh("binh@gmail.com").context.normalizations["email"] == nil)
    }

    @Test(arguments: ["binh.tran", "binh@", "@gmail.com", "binh@@gmail.com", "binh@gmail", "binh@gmail.c", "binh@gmail.c0m",
                      ".binh@gmail.com", "binh.@gmail.com", "bi..nh@gmail.com", "bình@gmail.com", "binh tran@gmail.com",
                      "binh@-gmail.com", "binh@gmail-.com", "binh@gmail..com", "binh@gmail.com.", "binh@gmail.com;an@gmail.com",
                      "binh@gmаil.com"])   // the last one has a Cyrillic "а"
    func malformedAddressIsAnError(text: String) throws {
        let (row, _) = hoKinhDoanh(text)
        #expect(row.codes == ["email:email-invalid"])
        let finding = try #require(row.finding("email-invalid"))
        #expect(finding.severity == .error)
        #expect(finding.value == Masking.mask(text))   // personal in this dataset
        #expect(row.value("email", in: "ho-kinh-doanh") == text)
        #expect(row.isRejected)
    }

    @Test func tooLongLocalPartIsAnError() {
        let (row, _) = hoKinhDoanh(String(repeating: "a", count: 65) + "@gmail.com")
        #expect(row.codes == ["email:email-invalid"])
        let (ok, _) = hoKinhDoanh(String(repeating: "a", count: 64) + "@gmail.com")
        #expect(ok.codes == [])
    }

    @Test func openAddressIsShownUnmasked() throws {
        let row = TestSupport.validate("co-so-giao-duc", RowFixtures.row(RowFixtures.coSoGiaoDuc, ["email": "thleloi@kontum"]),
                                       asOf: RowFixtures.asOf)
        #expect(row.codes == ["email:email-invalid"])
        #expect(try #require(row.finding("email-invalid")).value == "thleloi@kontum")
    }

    /// Addresses and near-addresses put together from the pieces that matter to the rules: the
    /// ASCII path reads each exactly as the rules on text do.
    @Test func theASCIIPathAgreesWithTheRulesOnText() {
        let pieces = ["a", "B", "z9", ".", "..", "-", "@", "gmail", "COM", "vn", "c0m", "'", "+", "_", "%", "x-y", " ", "\u{212A}", "ă"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var addresses = 0
        for _ in 0..<20_000 {
            var text = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<(2 + Int(state >> 61)) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            if Int(state >> 40) % 3 != 0 { text += "@" + ["gmail.com", "Kontum.GOV.vn", "b.c", "x-.vn", "a..b.vn", "mail.v1"][Int(state >> 20) % 6] }
            let canonical = EmailRule.canonical(text)
            #expect(canonical == EmailRule.canonicalText(text), "\(text)")
            if canonical != nil { addresses += 1 }
        }
        #expect(addresses > 500)
        #expect(EmailRule.canonical("binh@\u{212A}ontum.vn") == "binh@kontum.vn")
    }
}
