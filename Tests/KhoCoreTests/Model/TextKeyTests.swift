import Testing
@testable import KhoCore

@Suite struct TextKeyTests {
    /// New fields are named from their headers: ASCII snake_case, marks stripped, đ as d, words
    /// of a camel-case XML name apart.
    @Test(arguments: [
        ("Số thẻ BHYT", "so_the_bhyt"), ("Họ và tên", "ho_va_ten"), ("Đã nhận", "da_nhan"), ("Điểm TB", "diem_tb"),
        ("Số tiền (đồng)", "so_tien_dong"), ("Ngày, tháng, năm sinh", "ngay_thang_nam_sinh"), ("NgàySinh", "ngay_sinh"),
        ("NhietDo", "nhiet_do"), ("SoCCCD", "so_cccd"), ("CCCDSo", "cccd_so"), ("MaTramID", "ma_tram_id"), ("pH", "ph"),
        ("BOD5", "bod5"), ("HO_TEN", "ho_ten"), ("  Thôn/Tổ dân phố  ", "thon_to_dan_pho"), ("Ưu tiên", "uu_tien"),
        ("#", ""), ("", ""), ("数据", ""), ("2024", "2024"),
    ])
    func snakeCase(header: String, name: String) {
        #expect(TextKey.snakeCase(header) == name)
    }

    /// Headers meet whatever their spelling: case, marks, đ, spaces and punctuation, NFD text.
    @Test(arguments: [
        ("Họ và tên", "hovaten"), ("HO_TEN", "hoten"), ("Ho  ten", "hoten"), ("Đắk Hà", "dakha"), ("ĐẮK HÀ", "dakha"),
        ("Ho\u{0323} va\u{0300} te\u{0302}n", "hovaten"), ("Ngày sinh (dd/mm/yyyy)", "ngaysinhddmmyyyy"), ("Số CCCD/CMND", "socccdcmnd"),
        ("Œuvre ß", "œuvress"), ("数据 1", "数据1"), ("", ""),
    ])
    func compact(header: String, key: String) {
        #expect(Array(TextKey.compact(header).utf8) == Array(key.utf8))
    }

    /// The character-at-a-time key is the key of the whole text folded at once: every character of
    /// the blocks it takes alone, and mixed texts of them with ASCII words and separators.
    @Test func compactOneCharacterAtATimeIsFoldingTheWholeText() {
        func folded(_ text: String) -> [UInt8] { Array(TextKey.fold(text).utf8.filter { $0 != 0x20 }) }
        let scalars = (0x20..<0x300).compactMap(Unicode.Scalar.init) + (0x1E00...0x1EFF).compactMap(Unicode.Scalar.init)
        for scalar in scalars {
            let text = "Ab\(scalar)c \(scalar)"
            #expect(TextKey.latinCompact(text).map { Array($0.utf8) } == folded(text), "U+\(String(scalar.value, radix: 16))")
        }
        var generator = SplitMix(state: 47)
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...12, using: &generator) { text.append(scalars.randomElement(using: &generator)!) }
            #expect(TextKey.latinCompact(String(text)).map { Array($0.utf8) } == folded(String(text)), "\(String(text).debugDescription)")
        }
        #expect(TextKey.latinCompact("Ho\u{0300}") == nil)
        #expect(TextKey.latinCompact("数据") == nil)
    }
}
