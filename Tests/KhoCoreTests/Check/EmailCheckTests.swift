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
}
