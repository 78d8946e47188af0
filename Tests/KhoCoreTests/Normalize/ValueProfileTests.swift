import Testing
@testable import KhoCore

@Suite struct ValueProfileTests {
    private func profile(_ values: [String]) -> ValueProfile {
        ValueProfile(values: values, codeLists: TestSupport.configuration.codeLists)
    }

    /// The proposed type is the first the run's own rules read every value as.
    @Test(arguments: [
        (["1", "2", "3"], FieldType.integer), (["1.350.000", "900.000"], .integer), (["-4", "+7", "0"], .integer),
        (["7,5", "8.25", "6"], .number), (["1.234,5", "0,5"], .number),
        (["05/03/2012", "2013-07-21", "1.2.2020"], .date), (["01/02/2024 00:00:00"], .date),
        (["2026-09-18T08:45:00+07:00", "2026-09-22 09:00"], .datetime),
        (["Có", "Không", "x"], .boolean), (["0", "1", "1"], .integer),
        (["0412345", "0412346"], .string), (["0", "00"], .string), (["23500", "45292"], .integer),
        (["12/25/2024", "01/31/2024"], .string), (["6A", "5B"], .string), ([], .string),
    ])
    func typeIsWhatTheRulesRead(values: [String], type: FieldType) {
        #expect(profile(values).type == type)
    }

    /// Zeros an identifier starts with would be lost in a number: such a column stays text.
    @Test func leadingZerosKeepText() {
        let codes = profile(["0412345", "0412346"])
        #expect(codes.leadingZeros)
        #expect(codes.reads(as: .integer))
        #expect(!profile(["412345", "0,5"]).leadingZeros)
    }

    @Test func dateLayoutsMostUsedFirst() {
        let dates = profile(["05/03/2012", "2013-07-21", "12/09/2011", "2014-01-09", "30/04/2012"])
        #expect(dates.dateLayouts == [.init(layout: "%d/%m/%Y", count: 3), .init(layout: "%Y-%m-%d", count: 2)])
        #expect(profile(["12/25/2024", "01/31/2024"]).dateLayouts == [.init(layout: "%m/%d/%Y", count: 2)])
        #expect(profile(["Y Hoa"]).dateLayouts.isEmpty)
    }

    /// A code list is proposed when four in five values are its codes or names, and only one list
    /// is ahead; numbers all different are a counter, not codes.
    @Test func codeListCandidates() {
        #expect(profile(["Nam", "Nữ", "Nam"]).codeList == "gioi-tinh")
        #expect(profile(["THCS", "TH", "Tiểu học", "Mầm non"]).codeList == "cap-hoc")
        #expect(profile(["Hộ nghèo", "Cận nghèo", "HN", "Bé"]).codeList == nil)
        #expect(profile(["Hộ nghèo", "Cận nghèo", "HN", "Hộ cận nghèo", "Bé"]).codeList == "loai-ho")
        let ethnic = profile(["Xơ Đăng", "Ba Na", "Kinh"])
        #expect(ethnic.codeList == nil)
        #expect(ethnic.codeLists.map(\.codeList) == ["dan-toc", "dan-toc-1979"])
        #expect(profile(["1", "2", "3", "4", "5"]).codeLists.isEmpty)
        #expect(profile(["Nam", "Nữ"]).codeLists.isEmpty)
        #expect(profile(["Nam", "Nam", "Nam"]).codeLists.isEmpty)
    }

    /// However many values come, only the first thousand are looked at.
    @Test func boundedWork() {
        let many = ValueProfile(values: Array(repeating: "12", count: 100_000), codeLists: TestSupport.configuration.codeLists)
        #expect(many.count == ValueProfile.maxValues)
    }

    @Test(arguments: [
        ("05/03/2012", "%d/%m/%Y"), ("5/3/2012", "%d/%m/%Y"), ("2013-07-21", "%Y-%m-%d"), ("05.03.2012", "%d.%m.%Y"),
        ("2024/11/30", "%Y/%m/%d"), ("12/25/2024", "%m/%d/%Y"), ("05/03/12", "%d/%m/%y"),
        ("01/02/2024 00:00:00", "%d/%m/%Y %H:%M:%S"), ("2026-09-18T08:45:00+07:00", "%Y-%m-%dT%H:%M:%S%z"),
        ("2026-09-18T08:45Z", "%Y-%m-%dT%H:%MZ"), ("2026-09-18 08:45:00.250", "%Y-%m-%d %H:%M:%S.%f"),
    ])
    func dateLayout(value: String, layout: String) {
        #expect(DateLayoutSniffer.of(value) == layout)
    }

    @Test(arguments: ["45292", "2024", "1.350.000", "7,5", "05/03", "2012-03-05-01", "05/03/2012 sáng", "", "a/b/c", "05/03-2012"])
    func notADateLayout(value: String) {
        #expect(DateLayoutSniffer.of(value) == nil)
    }
}
