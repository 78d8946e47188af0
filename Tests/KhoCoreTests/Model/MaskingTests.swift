import Testing
@testable import KhoCore

@Suite struct MaskingTests {
    @Test func textKeepsItsFirstAndLastCharacter() {
        #expect(Masking.mask("062085001234") == "0**********4")
        #expect(Masking.mask("An") == "**")
        #expect(Masking.mask("") == "")
    }

    /// What each neighbour of a bad date shows: the impossible part stays, the identifying part goes.
    @Test(arguments: [
        // A date that exists: its year only.
        ("1985-03-15", "1985-**-**"),
        ("15/03/1985", "**/**/1985"),
        ("5/3/1985", "*/*/1985"),
        ("1899-12-31", "1899-**-**"),
        // A day or month that cannot be: shown, the year hidden.
        ("31/02/1985", "31/02/****"),
        ("32/01/1985", "32/01/****"),
        ("15/13/1985", "15/13/****"),
        ("03/25/1985", "03/25/****"),
        ("1985-13-01", "****-13-01"),
        ("29/02/1985", "29/02/****"),
        ("15.00.1985", "15.00.****"),
        // No date layout: its shape.
        ("15/03/85", "##/##/##"),
        ("1985-03-15T10:30", "####-##-##*##:##"),
        ("19850315", "########"),
        ("15/03-1985", "##/##-####"),
        ("không rõ", "***** **"),
        ("Nguyễn Thị Hoa", "****** *** ***"),
        ("", ""),
    ])
    func dateShowsWhatIsWrongAndHidesWhoItIs(value: String, masked: String) {
        #expect(Masking.maskDate(value) == masked)
    }

    @Test func theStyleChoosesTheMask() {
        #expect(Masking.mask("31/02/1985", as: .date) == "31/02/****")
        #expect(Masking.mask("31/02/1985", as: .text) == "3********5")
    }

    /// A personal field's type chooses its mask: dates (and date-times) by the date rule.
    @Test func personalFieldsAreMaskedByTheirType() {
        let context = DatasetContext(schema: TestSupport.dataset("ho-ngheo"), unit: "test", asOf: TestSupport.date(RowFixtures.asOf),
                                     codeLists: TestSupport.configuration.codeLists)
        let masks = Dictionary(uniqueKeysWithValues: zip(context.fieldNames, context.personalMasks))
        #expect(masks["ngay_sinh"] == .date)
        #expect(masks["ho_ten"] == .text && masks["so_dinh_danh"] == .text)
        #expect(masks["ngay_cap_nhat"] == .some(nil) && masks["ma_xa"] == .some(nil))   // not personal
    }
}
