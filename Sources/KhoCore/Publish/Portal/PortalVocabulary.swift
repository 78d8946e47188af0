/// The EU frequency and theme codes said in words, in both languages: the catalogs carry the
/// codes and their English labels (`EUVocabulary`), a citizen reads the words.
enum PortalVocabulary {
    private static let frequencies: [String: String] = [
        "TRIENNIAL": "3 năm một lần", "BIENNIAL": "2 năm một lần", "ANNUAL": "hằng năm", "ANNUAL_2": "nửa năm một lần",
        "ANNUAL_3": "ba lần một năm", "QUARTERLY": "hằng quý", "BIMONTHLY": "hai tháng một lần", "MONTHLY": "hằng tháng",
        "MONTHLY_2": "hai lần một tháng", "MONTHLY_3": "ba lần một tháng", "BIWEEKLY": "hai tuần một lần", "WEEKLY": "hằng tuần",
        "WEEKLY_2": "hai lần một tuần", "WEEKLY_3": "ba lần một tuần", "DAILY": "hằng ngày", "DAILY_2": "hai lần một ngày",
        "CONT": "liên tục", "UPDATE_CONT": "cập nhật liên tục", "IRREG": "không định kỳ", "NEVER": "không cập nhật",
        "OTHER": "khác", "UNKNOWN": "chưa xác định",
    ]

    private static let themes: [String: String] = [
        "AGRI": "Nông nghiệp, thủy sản, lâm nghiệp và thực phẩm", "ECON": "Kinh tế và tài chính",
        "EDUC": "Giáo dục, văn hóa và thể thao", "ENER": "Năng lượng", "ENVI": "Môi trường",
        "GOVE": "Chính phủ và khu vực công", "HEAL": "Y tế", "INTR": "Các vấn đề quốc tế",
        "JUST": "Tư pháp, hệ thống pháp luật và an toàn công cộng", "REGI": "Vùng và đô thị",
        "SOCI": "Dân số và xã hội", "TECH": "Khoa học và công nghệ", "TRAN": "Giao thông vận tải",
    ]

    static func frequency(_ code: String, _ language: Language) -> String {
        let english = EUVocabulary.frequencies[code] ?? code
        return language == .vi ? frequencies[code] ?? english : english.prefix(1).uppercased() + english.dropFirst()
    }

    static func theme(_ code: String, _ language: Language) -> String {
        language == .vi ? themes[code] ?? EUVocabulary.themes[code] ?? code : EUVocabulary.themes[code] ?? code
    }

    /// A type of the Table Schema in words.
    static func type(_ type: String, _ language: Language) -> String {
        let words: [String: (String, String)] = [
            "string": ("văn bản", "text"), "integer": ("số nguyên", "integer"), "number": ("số", "number"),
            "date": ("ngày", "date"), "year": ("năm", "year"), "boolean": ("đúng/sai", "true/false"),
            "datetime": ("ngày giờ", "date and time"),
        ]
        guard let pair = words[type] else { return type }
        return language == .vi ? pair.0 : pair.1
    }

    /// A size in bytes as people read it: `9,9 KB`, `1,2 MB` (1 KB = 1024 bytes).
    static func size(_ bytes: Int64, _ language: Language) -> String {
        if bytes < 1024 { return HTML.number(Int(bytes), language) + (language == .vi ? " byte" : " bytes") }
        let kilobytes = Double(bytes) / 1024
        if kilobytes < 1024 { return HTML.decimal(kilobytes, language) + " KB" }
        return HTML.decimal(kilobytes / 1024, language) + " MB"
    }
}
