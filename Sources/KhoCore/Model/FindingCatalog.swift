/// Every finding code the pipeline can emit, once: its principle, default severity and wording.
///
/// Codes are stable kebab-case ids; reports and tests use them, never the wording.
/// A dataset may change a code's severity in its schema (`severities`).
public enum FindingCatalog {
    public struct Entry: Sendable {
        public let code: String
        public let principle: Principle
        public let severity: Severity
        public let vi: String
        public let en: String
    }

    public static let entries: [Entry] = [
        // MARK: Reading (Article 9.1: readable, uniform structure)
        Entry(code: "no-input", principle: .uniformStructure, severity: .error,
              vi: "Không tìm thấy tệp dữ liệu nào của đơn vị", en: "No export file was found for the unit"),
        Entry(code: "file-unreadable", principle: .uniformStructure, severity: .error,
              vi: "Không đọc được tệp", en: "The file cannot be read"),
        Entry(code: "file-still-arriving", principle: .uniformStructure, severity: .warning,
              vi: "Tệp vừa được ghi trước lần chạy, có thể chưa tải lên xong; đêm nay chưa đọc",
              en: "The file was written just before the run and may still be arriving; it is not read tonight"),
        Entry(code: "file-changed-during-read", principle: .uniformStructure, severity: .error,
              vi: "Tệp thay đổi trong khi đang đọc; dữ liệu của đơn vị đêm nay không đầy đủ",
              en: "The file changed while it was read; the unit's data is incomplete tonight"),
        Entry(code: "encoding-undecodable", principle: .uniformStructure, severity: .error,
              vi: "Tệp có byte không giải mã được theo bảng mã", en: "The file has bytes that are invalid in its encoding"),
        Entry(code: "encoding-uncertain", principle: .uniformStructure, severity: .warning,
              vi: "Không chắc chắn về bảng mã của tệp", en: "The file's encoding was detected with low confidence"),
        Entry(code: "header-not-found", principle: .uniformStructure, severity: .error,
              vi: "Không tìm thấy dòng tiêu đề cột", en: "No header row was found"),
        Entry(code: "required-column-missing", principle: .uniformStructure, severity: .error,
              vi: "Thiếu cột bắt buộc", en: "A required column is missing"),
        Entry(code: "column-missing", principle: .uniformStructure, severity: .info,
              vi: "Thiếu cột không bắt buộc", en: "An optional column is missing"),
        Entry(code: "column-unmapped", principle: .uniformStructure, severity: .info,
              vi: "Cột không khớp với trường nào trong từ điển dữ liệu", en: "A column matches no field of the data dictionary"),
        Entry(code: "column-duplicate", principle: .uniformStructure, severity: .warning,
              vi: "Hai cột cùng ứng với một trường; dùng cột đầu tiên", en: "Two columns map to the same field; the first is used"),
        Entry(code: "row-ragged", principle: .uniformStructure, severity: .error,
              vi: "Số ô của dòng khác số cột tiêu đề", en: "The row has a different number of cells than the header"),
        Entry(code: "row-nul-byte", principle: .uniformStructure, severity: .error,
              vi: "Dòng chứa ký tự NUL", en: "The row contains a NUL byte"),
        Entry(code: "quote-unterminated", principle: .uniformStructure, severity: .error,
              vi: "Dấu ngoặc kép không được đóng đến hết tệp", en: "A quoted field is not closed before the end of the file"),
        Entry(code: "row-after-unterminated-quote", principle: .uniformStructure, severity: .error,
              vi: "Dòng ngay sau dấu ngoặc kép không đóng, có thể là phần còn lại của giá trị trong ngoặc",
              en: "The row right after an unterminated quote may be the rest of the quoted value"),
        Entry(code: "line-too-long", principle: .uniformStructure, severity: .error,
              vi: "Dòng dài quá giới hạn cho phép", en: "The line is longer than the configured limit"),
        Entry(code: "totals-row-skipped", principle: .uniformStructure, severity: .info,
              vi: "Bỏ qua dòng tổng cộng cuối bảng", en: "A totals row at the end of the table was skipped"),
        Entry(code: "xml-malformed", principle: .uniformStructure, severity: .error,
              vi: "Tài liệu XML không hợp lệ", en: "The XML document is malformed"),
        Entry(code: "xml-dtd-refused", principle: .uniformStructure, severity: .error,
              vi: "Tài liệu XML có khai báo DTD/thực thể, không được chấp nhận", en: "The XML document declares a DTD or entities, which is refused"),
        Entry(code: "xml-too-deep", principle: .uniformStructure, severity: .error,
              vi: "Tài liệu XML lồng quá sâu", en: "The XML document is nested too deeply"),
        Entry(code: "archive-entry-unsafe", principle: .uniformStructure, severity: .error,
              vi: "Tệp nén chứa đường dẫn không an toàn", en: "An archive entry has an unsafe path"),
        Entry(code: "archive-too-large", principle: .uniformStructure, severity: .error,
              vi: "Tệp nén giải nén ra quá lớn", en: "A compressed input expands beyond the limit"),

        // MARK: Values (Article 9.1 and completeness)
        Entry(code: "required", principle: .completeness, severity: .error,
              vi: "Thiếu giá trị bắt buộc", en: "A required value is empty"),
        Entry(code: "type-invalid", principle: .uniformStructure, severity: .error,
              vi: "Giá trị không đúng kiểu dữ liệu", en: "The value is not of the field's type"),
        Entry(code: "pattern-mismatch", principle: .uniformStructure, severity: .error,
              vi: "Giá trị không đúng định dạng", en: "The value does not match the field's pattern"),
        Entry(code: "constraint-violated", principle: .accuracy, severity: .error,
              vi: "Giá trị nằm ngoài giới hạn cho phép", en: "The value is outside the field's allowed values or range"),

        // MARK: Shared code lists and master data (Article 9.2)
        Entry(code: "code-unknown", principle: .sharedCodes, severity: .error,
              vi: "Mã không có trong danh mục dùng chung", en: "The code is not in the shared code list"),
        Entry(code: "code-retired", principle: .sharedCodes, severity: .error,
              vi: "Mã đã hết hiệu lực vào ngày của bản ghi; xem mã kế thừa", en: "The code was retired before the record's date; see its successor"),
        Entry(code: "code-not-yet-valid", principle: .sharedCodes, severity: .error,
              vi: "Mã chưa có hiệu lực vào ngày của bản ghi", en: "The code was not yet in force on the record's date"),
        Entry(code: "code-from-name", principle: .sharedCodes, severity: .warning,
              vi: "Ghi tên thay cho mã; đã quy đổi sang mã", en: "A name was given where a code belongs; it was resolved to the code"),
        Entry(code: "name-code-mismatch", principle: .sharedCodes, severity: .warning,
              vi: "Tên không khớp với mã trong danh mục", en: "The name does not agree with the code in the code list"),
        Entry(code: "foreign-key-missing", principle: .sharedCodes, severity: .error,
              vi: "Giá trị tham chiếu không tồn tại trong dữ liệu liên quan", en: "The referenced value does not exist in the related data"),
        Entry(code: "personal-id-invalid", principle: .sharedCodes, severity: .error,
              vi: "Số định danh cá nhân không đúng 12 chữ số", en: "The personal ID is not 12 digits"),
        Entry(code: "personal-id-legacy", principle: .sharedCodes, severity: .warning,
              vi: "Số CMND cũ 9 chữ số, cần cập nhật số định danh 12 chữ số", en: "A legacy 9-digit ID card number; the 12-digit personal ID is expected"),
        Entry(code: "personal-id-province", principle: .sharedCodes, severity: .warning,
              vi: "Ba chữ số đầu của số định danh không phải mã tỉnh", en: "The personal ID's first three digits are not a province code"),
        Entry(code: "personal-id-mismatch", principle: .accuracy, severity: .warning,
              vi: "Số định danh không khớp với giới tính hoặc năm sinh", en: "The personal ID contradicts the recorded sex or birth year"),
        Entry(code: "tax-code-invalid", principle: .sharedCodes, severity: .error,
              vi: "Mã số thuế không đúng 10 hoặc 13 chữ số", en: "The tax code is not 10 or 13 digits"),
        Entry(code: "tax-code-checksum", principle: .sharedCodes, severity: .warning,
              vi: "Chữ số kiểm tra của mã số thuế không khớp", en: "The tax code's check digit does not match"),
        Entry(code: "phone-invalid", principle: .sharedCodes, severity: .error,
              vi: "Số điện thoại không hợp lệ", en: "The phone number is not valid"),
        Entry(code: "phone-legacy", principle: .sharedCodes, severity: .warning,
              vi: "Số điện thoại di động 11 số cũ; đã chuyển sang 10 số", en: "An old 11-digit mobile number; converted to its 10-digit form"),
        Entry(code: "email-invalid", principle: .sharedCodes, severity: .error,
              vi: "Địa chỉ thư điện tử không hợp lệ", en: "The e-mail address is not valid"),

        // MARK: Once only (Article 9.3)
        Entry(code: "duplicate-key", principle: .onceOnly, severity: .error,
              vi: "Bản ghi trùng khóa chính trong cùng đơn vị", en: "The record's primary key repeats an earlier record of the same unit"),
        Entry(code: "duplicate-across-units", principle: .onceOnly, severity: .warning,
              vi: "Bản ghi đã được đơn vị khác báo cáo", en: "The record was already reported by another unit"),

        // MARK: Accuracy and plausibility (Article 16)
        Entry(code: "date-in-future", principle: .accuracy, severity: .error,
              vi: "Ngày ở tương lai so với ngày xử lý", en: "The date is after the processing date"),
        Entry(code: "date-too-old", principle: .accuracy, severity: .error,
              vi: "Ngày trước năm 1900", en: "The date is before 1900"),
        Entry(code: "age-out-of-range", principle: .accuracy, severity: .warning,
              vi: "Tuổi không hợp lý", en: "The age is implausible"),
        Entry(code: "outlier", principle: .accuracy, severity: .info,
              vi: "Giá trị bất thường so với phân bố của trường", en: "The value is a statistical outlier for the field"),

        // MARK: Timeliness (Article 19)
        Entry(code: "record-stale", principle: .timeliness, severity: .info,
              vi: "Bản ghi cũ hơn thời hạn cập nhật của bộ dữ liệu", en: "The record is older than the dataset's update window"),
        Entry(code: "dataset-stale", principle: .timeliness, severity: .warning,
              vi: "Dữ liệu mở mới nhất đã quá 3 tháng chưa cập nhật", en: "The newest open data is older than three months"),

        // MARK: Privacy on the open side
        Entry(code: "personal-data-in-open-text", principle: .privacy, severity: .warning,
              vi: "Trường văn bản mở chứa dữ liệu giống dữ liệu cá nhân; đã che", en: "An open free-text value looked like personal data; it was masked"),
        Entry(code: "formula-neutralized", principle: .privacy, severity: .info,
              vi: "Ô bắt đầu như công thức bảng tính; đã vô hiệu hóa", en: "A cell that would run as a spreadsheet formula was neutralized"),
    ]

    /// Codes whose detail reveals no value — it names a position ("first at file:line"), the rule
    /// broken (a type, a pattern, a bound, the as-of date) or is masked itself (an old phone's new
    /// form) — so it is kept on personal fields.
    public static let valueFreeDetails: Set<String> = [
        "duplicate-key", "duplicate-across-units", "phone-legacy", "type-invalid", "pattern-mismatch",
        "constraint-violated", "date-in-future",
    ]

    /// Codes a row gets when it cannot be read at all (it goes to `unreadable.csv`).
    public static let unreadableRowCodes: Set<String> = [
        "row-ragged", "row-nul-byte", "quote-unterminated", "row-after-unterminated-quote", "line-too-long",
        "encoding-undecodable", "xml-malformed", "xml-too-deep", "xml-dtd-refused",
    ]

    private static let byCode: [String: Entry] = Dictionary(uniqueKeysWithValues: entries.map { ($0.code, $0) })

    public static func entry(_ code: String) -> Entry? { byCode[code] }

    public static func message(for code: String, language: Language) -> String {
        guard let entry = byCode[code] else { return code }
        return language == .vi ? entry.vi : entry.en
    }

    /// A finding with the catalogue's principle and the given (or default) severity.
    public static func finding(_ code: String, at location: Location, value: String? = nil, detail: String? = nil,
                               severity: Severity? = nil) -> Finding {
        let entry = byCode[code]
        precondition(entry != nil, "finding code \(code) is not in FindingCatalog")
        return Finding(code: code, severity: severity ?? entry?.severity ?? .error,
                       principle: entry?.principle ?? .uniformStructure, location: location, value: value, detail: detail)
    }
}
