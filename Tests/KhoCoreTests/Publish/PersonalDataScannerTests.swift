import Testing
@testable import KhoCore

@Suite struct PersonalDataScannerTests {
    private static let hidden = PersonalDataScanner.mask

    // MARK: - Personal data in open free text

    @Test(arguments: [
        ("Liên hệ chị Lan: lan.nguyen@gmail.com", "Liên hệ chị Lan: \(hidden)"),
        ("ĐT 0905123456", "ĐT \(hidden)"),
        ("ĐT 0905 123 456 (chị Lan)", "ĐT \(hidden) (chị Lan)"),
        ("ĐT 0905.123.456", "ĐT \(hidden)"),
        ("ĐT 090-512-3456", "ĐT \(hidden)"),
        ("ĐT +84 905 123 456", "ĐT \(hidden)"),
        ("ĐT 0084905123456", "ĐT \(hidden)"),
        ("ĐT cũ 01621234567", "ĐT cũ \(hidden)"),
        ("Cố định 0260 3862 123", "Cố định \(hidden)"),
        ("CCCD 062085001234 cấp 2021", "CCCD \(hidden) cấp 2021"),
        ("CCCD:062085001234", "CCCD:\(hidden)"),
        ("CMND số 230456789", "CMND số \(hidden)"),
        ("Gọi 0905123456 hoặc gửi lan@kontum.gov.vn", "Gọi \(hidden) hoặc gửi \(hidden)"),
    ])
    func personalLookingDataIsMasked(text: String, masked: String) {
        let result = PersonalDataScanner.maskPersonalData(text)
        #expect(result.value == masked)
        #expect(result.masked)
    }

    @Test(arguments: ["Số 12 Lê Lợi", "Thôn 3, xã Đăk Hà", "Vốn 1.234.567.890 đồng", "Số hiệu 1234567890", "Mã hồ sơ 20241215-0001",
                      "Từ 01/02/2024 đến 03/04/2025", "Mười ba số 6201234567890", "", "Không có gì@"])
    func ordinaryTextIsLeftAlone(text: String) {
        let result = PersonalDataScanner.maskPersonalData(text)
        #expect(result.value == text)
        #expect(!result.masked)
    }

    /// The open-text gate counts what was found, not the cells it was found in.
    @Test func eachPersonalLookingValueIsCounted() {
        #expect(PersonalDataScanner.maskPersonalData("Gọi 0905123456 hoặc gửi lan@kontum.gov.vn").found == 2)
        #expect(PersonalDataScanner.maskPersonalData("ĐT 0905 123 456 (chị Lan), CCCD 062085001234, lan@kontum.gov.vn").found == 3)
        #expect(PersonalDataScanner.maskPersonalData("ĐT 0905.123.456").found == 1)
        #expect(PersonalDataScanner.maskPersonalData("Số 12 Lê Lợi").found == 0)
    }

    /// Vietnamese landlines are usually written with the area code in parentheses.
    @Test func phoneWithAreaCodeInParenthesesIsMasked() {
        let result = PersonalDataScanner.maskPersonalData("ĐT (0260) 3862 123")
        #expect(result.masked)
        #expect(!result.value.contains("3862"))
    }

    /// `84…` is a phone number to PhoneNormalizer (DOMAIN.md: "+84/84 prefixes mean 0"), so the
    /// open-side scan should treat it as one too.
    @Test(arguments: ["ĐT 84905123456", "ĐT 84 905 123 456"])
    func phoneWithBareCountryCodeIsMasked(text: String) {
        let result = PersonalDataScanner.maskPersonalData(text)
        #expect(result.value == "ĐT \(Self.hidden)")
        #expect(result.masked)
    }

    // MARK: - Spreadsheet formulas

    @Test(arguments: ["=SUM(A1:A3)", "=HYPERLINK(\"http://x\")", "+84905123456", "-5", "@cmd", "\tTAB", "\rCR"])
    func formulaLikeCellIsNeutralized(text: String) {
        let result = SpreadsheetSafety.neutralizeFormula(text)
        #expect(result.value == "'" + text)
        #expect(result.changed)
    }

    @Test(arguments: ["Bình thường", "1+1=2", "a@b", "'=SUM(A1)", " =1", ""])
    func otherCellsAreLeftAlone(text: String) {
        let result = SpreadsheetSafety.neutralizeFormula(text)
        #expect(result.value == text)
        #expect(!result.changed)
    }

    // MARK: - Masking in reports

    @Test(arguments: [("0905123456", "0********6"), ("062085001234", "0**********4"), ("Nguyễn", "N****n"),
                      ("abc", "a*c"), ("ab", "**"), ("a", "*"), ("", "")])
    func maskKeepsFirstAndLastCharacter(value: String, masked: String) {
        #expect(Masking.mask(value) == masked)
    }

    @Test func privacyCodesAreWarningsAndInfo() {
        #expect([FindingCode.personalDataInOpenText, .formulaNeutralized].map { FindingCatalog.entry($0).severity } == [.warning, .info])
        #expect([FindingCode.personalDataInOpenText, .formulaNeutralized].map { FindingCatalog.entry($0).principle } == [.privacy, .privacy])
    }
}
