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
}
