/// Every finding code the pipeline can emit, once: its principle, default severity and wording.
///
/// Codes are `FindingCode` cases, so a misspelt code does not compile; their raw values are the
/// stable kebab-case ids reports and tests use, never the wording.
/// A dataset may change a code's severity in its schema (`severities`).
public enum FindingCatalog {
    public struct Entry: Sendable {
        public let code: FindingCode
        public let principle: Principle
        public let severity: Severity
        public let vi: String
        public let en: String
    }

    public static let entries: [Entry] = [
        // MARK: Reading (Article 9.1: readable, uniform structure)
        Entry(code: .noInput, principle: .uniformStructure, severity: .error,
              vi: "Không tìm thấy tệp dữ liệu nào của đơn vị", en: "No export file was found for the unit"),
        Entry(code: .fileUnreadable, principle: .uniformStructure, severity: .error,
              vi: "Không đọc được tệp", en: "The file cannot be read"),
        Entry(code: .fileStillArriving, principle: .uniformStructure, severity: .warning,
              vi: "Tệp vừa được ghi trước lần chạy, có thể chưa tải lên xong; đêm nay chưa đọc",
              en: "The file was written just before the run and may still be arriving; it is not read tonight"),
        Entry(code: .fileChangedDuringRead, principle: .uniformStructure, severity: .error,
              vi: "Tệp thay đổi trong khi đang đọc; dữ liệu của đơn vị đêm nay không đầy đủ",
              en: "The file changed while it was read; the unit's data is incomplete tonight"),
        Entry(code: .encodingUndecodable, principle: .uniformStructure, severity: .error,
              vi: "Tệp có byte không giải mã được theo bảng mã", en: "The file has bytes that are invalid in its encoding"),
        Entry(code: .encodingUncertain, principle: .uniformStructure, severity: .warning,
              vi: "Không chắc chắn về bảng mã của tệp", en: "The file's encoding was detected with low confidence"),
        Entry(code: .headerNotFound, principle: .uniformStructure, severity: .error,
              vi: "Không tìm thấy dòng tiêu đề cột", en: "No header row was found"),
        Entry(code: .requiredColumnMissing, principle: .uniformStructure, severity: .error,
              vi: "Thiếu cột bắt buộc", en: "A required column is missing"),
        Entry(code: .columnMissing, principle: .uniformStructure, severity: .info,
              vi: "Thiếu cột không bắt buộc", en: "An optional column is missing"),
        Entry(code: .columnUnmapped, principle: .uniformStructure, severity: .info,
              vi: "Cột không khớp với trường nào trong từ điển dữ liệu", en: "A column matches no field of the data dictionary"),
        Entry(code: .columnDuplicate, principle: .uniformStructure, severity: .warning,
              vi: "Hai cột cùng ứng với một trường; dùng cột đầu tiên", en: "Two columns map to the same field; the first is used"),
        Entry(code: .rowRagged, principle: .uniformStructure, severity: .error,
              vi: "Số ô của dòng khác số cột tiêu đề", en: "The row has a different number of cells than the header"),
        Entry(code: .rowNulByte, principle: .uniformStructure, severity: .error,
              vi: "Dòng chứa ký tự NUL", en: "The row contains a NUL byte"),
        Entry(code: .quoteUnterminated, principle: .uniformStructure, severity: .error,
              vi: "Dấu ngoặc kép không được đóng đến hết tệp", en: "A quoted field is not closed before the end of the file"),
        Entry(code: .rowAfterUnterminatedQuote, principle: .uniformStructure, severity: .error,
              vi: "Dòng ngay sau dấu ngoặc kép không đóng, có thể là phần còn lại của giá trị trong ngoặc",
              en: "The row right after an unterminated quote may be the rest of the quoted value"),
        Entry(code: .lineTooLong, principle: .uniformStructure, severity: .error,
              vi: "Dòng dài quá giới hạn cho phép", en: "The line is longer than the configured limit"),
        Entry(code: .totalsRowSkipped, principle: .uniformStructure, severity: .info,
              vi: "Bỏ qua dòng tổng cộng cuối bảng", en: "A totals row at the end of the table was skipped"),
        Entry(code: .xmlMalformed, principle: .uniformStructure, severity: .error,
              vi: "Tài liệu XML không hợp lệ", en: "The XML document is malformed"),
        Entry(code: .xmlDtdRefused, principle: .uniformStructure, severity: .error,
              vi: "Tài liệu XML có khai báo DTD/thực thể, không được chấp nhận", en: "The XML document declares a DTD or entities, which is refused"),
        Entry(code: .xmlTooDeep, principle: .uniformStructure, severity: .error,
              vi: "Tài liệu XML lồng quá sâu", en: "The XML document is nested too deeply"),
        Entry(code: .archiveEntryUnsafe, principle: .uniformStructure, severity: .error,
              vi: "Tệp nén chứa đường dẫn không an toàn", en: "An archive entry has an unsafe path"),
        Entry(code: .archiveTooLarge, principle: .uniformStructure, severity: .error,
              vi: "Tệp nén giải nén ra quá lớn", en: "A compressed input expands beyond the limit"),
        Entry(code: .workbookFormatUnsupported, principle: .uniformStructure, severity: .error,
              vi: "Tệp không phải bảng tính .xlsx hay .ods đọc được (.xls, .xlsb hoặc tệp khác đổi tên); hãy lưu thành .xlsx hoặc CSV (UTF-8)",
              en: "The file is not a readable .xlsx or .ods workbook (.xls, .xlsb or a renamed file); save it as .xlsx or CSV (UTF-8)"),
        Entry(code: .workbookEncrypted, principle: .uniformStructure, severity: .error,
              vi: "Bảng tính được đặt mật khẩu; hãy gửi bản không có mật khẩu",
              en: "The workbook is protected by a password; send it without a password"),
        Entry(code: .workbookMalformed, principle: .uniformStructure, severity: .error,
              vi: "Cấu trúc bảng tính bị hỏng", en: "The workbook's structure is damaged"),
        Entry(code: .workbookLimitExceeded, principle: .uniformStructure, severity: .error,
              vi: "Bảng tính vượt giới hạn cho phép (chuỗi dùng chung, số cột, số dòng, số trang tính)",
              en: "The workbook exceeds a configured limit (shared strings, columns, rows, sheets)"),
        Entry(code: .sheetNotFound, principle: .uniformStructure, severity: .error,
              vi: "Không có trang tính được cấu hình trong bảng tính", en: "The workbook has no sheet by the configured name or number"),
        Entry(code: .sheetNotRead, principle: .uniformStructure, severity: .info,
              vi: "Bảng tính có trang tính khác không được đọc", en: "The workbook has another sheet, which was not read"),
        Entry(code: .rowHidden, principle: .uniformStructure, severity: .warning,
              vi: "Bảng tính có dòng bị ẩn; các dòng này vẫn được đọc", en: "The sheet has hidden rows; they are read all the same"),
        Entry(code: .columnHidden, principle: .uniformStructure, severity: .warning,
              vi: "Bảng tính có cột bị ẩn; cột này vẫn được đọc", en: "The sheet has a hidden column; it is read all the same"),
        Entry(code: .headerTwoRows, principle: .uniformStructure, severity: .info,
              vi: "Tiêu đề cột trải trên hai dòng (ô gộp, tiêu đề nhóm); hai dòng được ghép thành một",
              en: "The column header spans two rows (merged cells, a group title); the two rows were joined"),
        Entry(code: .cellError, principle: .uniformStructure, severity: .error,
              vi: "Ô chứa giá trị lỗi của công thức (#N/A, #REF!…)", en: "A cell holds a formula error (#N/A, #REF!…)"),
        Entry(code: .numberPrecisionLost, principle: .uniformStructure, severity: .error,
              vi: "Mã số dài hơn 15 chữ số được nhập dạng số: Excel đã làm mất các chữ số cuối",
              en: "An identifier longer than 15 digits was typed as a number: Excel lost its last digits"),

        // MARK: Values (Article 9.1 and completeness)
        Entry(code: .required, principle: .completeness, severity: .error,
              vi: "Thiếu giá trị bắt buộc", en: "A required value is empty"),
        Entry(code: .typeInvalid, principle: .uniformStructure, severity: .error,
              vi: "Giá trị không đúng kiểu dữ liệu", en: "The value is not of the field's type"),
        Entry(code: .dateLayoutUnexpected, principle: .uniformStructure, severity: .error,
              vi: "Ngày được ghi theo định dạng khác với định dạng đã khai báo cho cột",
              en: "The date is written in another layout than the one declared for the column"),
        Entry(code: .patternMismatch, principle: .uniformStructure, severity: .error,
              vi: "Giá trị không đúng định dạng", en: "The value does not match the field's pattern"),
        Entry(code: .constraintViolated, principle: .accuracy, severity: .error,
              vi: "Giá trị nằm ngoài giới hạn cho phép", en: "The value is outside the field's allowed values or range"),

        // MARK: Shared code lists and master data (Article 9.2)
        Entry(code: .codeUnknown, principle: .sharedCodes, severity: .error,
              vi: "Mã không có trong danh mục dùng chung", en: "The code is not in the shared code list"),
        Entry(code: .codeRetired, principle: .sharedCodes, severity: .error,
              vi: "Mã đã hết hiệu lực vào ngày của bản ghi; xem mã kế thừa", en: "The code was retired before the record's date; see its successor"),
        Entry(code: .codeNotYetValid, principle: .sharedCodes, severity: .error,
              vi: "Mã chưa có hiệu lực vào ngày của bản ghi", en: "The code was not yet in force on the record's date"),
        Entry(code: .codeFromName, principle: .sharedCodes, severity: .warning,
              vi: "Ghi tên thay cho mã; đã quy đổi sang mã", en: "A name was given where a code belongs; it was resolved to the code"),
        // An error: the field needs one code, and choosing among the candidates would be a guess.
        Entry(code: .codeAmbiguous, principle: .sharedCodes, severity: .error,
              vi: "Tên ứng với nhiều mã trong danh mục (kể cả khi xét huyện và ngày của bản ghi); không tự chọn mã, cần ghi mã",
              en: "The name matches several codes of the code list, even given the record's district and date; none is chosen, the code is needed"),
        // A warning: the record is not at fault, the list it should be checked against is not loaded.
        Entry(code: .codeSupersededUnmapped, principle: .sharedCodes, severity: .warning,
              vi: "Mã thuộc danh mục đã được thay thế bởi danh mục mới chưa được nạp; giữ nguyên mã, chưa quy đổi",
              en: "The code's list was replaced by a list that is not loaded yet; the code is kept as it is, unmapped"),
        Entry(code: .nameCodeMismatch, principle: .sharedCodes, severity: .warning,
              vi: "Tên không khớp với mã trong danh mục", en: "The name does not agree with the code in the code list"),
        Entry(code: .personalIdInvalid, principle: .sharedCodes, severity: .error,
              vi: "Số định danh cá nhân không đúng 12 chữ số", en: "The personal ID is not 12 digits"),
        Entry(code: .personalIdLegacy, principle: .sharedCodes, severity: .warning,
              vi: "Số CMND cũ 9 chữ số, cần cập nhật số định danh 12 chữ số", en: "A legacy 9-digit ID card number; the 12-digit personal ID is expected"),
        Entry(code: .personalIdProvince, principle: .sharedCodes, severity: .warning,
              vi: "Ba chữ số đầu của số định danh không phải mã tỉnh", en: "The personal ID's first three digits are not a province code"),
        Entry(code: .personalIdMismatch, principle: .accuracy, severity: .warning,
              vi: "Số định danh không khớp với giới tính hoặc năm sinh", en: "The personal ID contradicts the recorded sex or birth year"),
        Entry(code: .taxCodeInvalid, principle: .sharedCodes, severity: .error,
              vi: "Mã số thuế không đúng 10 hoặc 13 chữ số, cũng không phải số định danh cá nhân 12 chữ số được dùng làm mã số thuế vào ngày của bản ghi",
              en: "The tax code is not 10 or 13 digits, nor a 12-digit personal ID usable as tax code on the record's date"),
        Entry(code: .taxCodeChecksum, principle: .sharedCodes, severity: .warning,
              vi: "Chữ số kiểm tra của mã số thuế không khớp", en: "The tax code's check digit does not match"),
        Entry(code: .phoneInvalid, principle: .sharedCodes, severity: .error,
              vi: "Số điện thoại không hợp lệ", en: "The phone number is not valid"),
        Entry(code: .phoneLegacy, principle: .sharedCodes, severity: .warning,
              vi: "Số điện thoại di động 11 số cũ; đã chuyển sang 10 số", en: "An old 11-digit mobile number; converted to its 10-digit form"),
        Entry(code: .emailInvalid, principle: .sharedCodes, severity: .error,
              vi: "Địa chỉ thư điện tử không hợp lệ", en: "The e-mail address is not valid"),

        // MARK: Once only (Article 9.3)
        Entry(code: .duplicateKey, principle: .onceOnly, severity: .error,
              vi: "Bản ghi trùng khóa chính trong cùng đơn vị", en: "The record's primary key repeats an earlier record of the same unit"),
        Entry(code: .duplicateAcrossUnits, principle: .onceOnly, severity: .warning,
              vi: "Giá trị phải duy nhất đã có trong bảng tổng hợp ở một bản ghi khác; bản ghi được để riêng",
              en: "A value that must be unique is already in the provincial table on another record; the record was set aside"),
        // Collected twice, but not wrong: counted against no score, published once naming both units.
        Entry(code: .identicalAcrossUnits, principle: .onceOnly, severity: .info,
              vi: "Bản ghi giống hệt bản ghi đơn vị khác đã gửi; đã gộp thành một dòng ghi tên cả hai đơn vị",
              en: "The record is identical to one another unit sent; merged into one row naming both units"),
        Entry(code: .conflictAcrossUnits, principle: .onceOnly, severity: .warning,
              vi: "Đơn vị khác gửi cùng khóa với giá trị khác; theo quy tắc của bộ dữ liệu, phiên bản này không được chọn vào bảng tổng hợp",
              en: "Another unit sent the same key with other values; by the dataset's rule this version was not kept in the provincial table"),

        // MARK: Accuracy and plausibility (Article 16)
        Entry(code: .dateInFuture, principle: .accuracy, severity: .error,
              vi: "Ngày ở tương lai so với ngày xử lý", en: "The date is after the processing date"),
        Entry(code: .dateTooOld, principle: .accuracy, severity: .error,
              vi: "Ngày trước năm 1900", en: "The date is before 1900"),
        Entry(code: .ageOutOfRange, principle: .accuracy, severity: .warning,
              vi: "Tuổi không hợp lý", en: "The age is implausible"),
        Entry(code: .outlier, principle: .accuracy, severity: .info,
              vi: "Giá trị bất thường so với phân bố của trường", en: "The value is a statistical outlier for the field"),

        // MARK: Timeliness (Article 19)
        Entry(code: .recordStale, principle: .timeliness, severity: .info,
              vi: "Bản ghi cũ hơn thời hạn cập nhật của bộ dữ liệu", en: "The record is older than the dataset's update window"),

        // MARK: Privacy on the open side
        Entry(code: .personalDataInOpenText, principle: .privacy, severity: .warning,
              vi: "Trường văn bản mở chứa dữ liệu giống dữ liệu cá nhân; đã che", en: "An open free-text value looked like personal data; it was masked"),
        Entry(code: .formulaNeutralized, principle: .privacy, severity: .info,
              vi: "Ô bắt đầu như công thức bảng tính; đã vô hiệu hóa", en: "A cell that would run as a spreadsheet formula was neutralized"),
    ]

    /// Codes that tell of a habit rather than a bad row — the value was repaired, the unit should
    /// stop writing it so — with the words that follow a column's title ("Cột Giới tính …").
    public static let habits: [FindingCode: Message] = [
        .codeFromName: Message(vi: "ghi tên thay cho mã", en: "uses names instead of codes"),
    ]

    /// Codes whose detail reveals no value — it names a position ("first at file:line"), the rule
    /// broken (a type, a pattern, a bound, the as-of date) or is masked itself (an old phone's new
    /// form) — so it is kept on personal fields.
    public static let valueFreeDetails: Set<FindingCode> = [
        .duplicateKey, .duplicateAcrossUnits, .identicalAcrossUnits, .conflictAcrossUnits, .phoneLegacy, .typeInvalid, .dateLayoutUnexpected, .patternMismatch, .constraintViolated, .dateInFuture,
        .cellError, .numberPrecisionLost, .rowRagged,
    ]

    /// Codes a row gets when it cannot be read at all (it goes to `unreadable.csv`).
    public static let unreadableRowCodes: Set<FindingCode> = [
        .rowRagged, .rowNulByte, .quoteUnterminated, .rowAfterUnterminatedQuote, .lineTooLong, .encodingUndecodable,
        .xmlMalformed, .xmlTooDeep, .xmlDtdRefused, .cellError, .numberPrecisionLost,
    ]

    private static let byCode: [FindingCode: Entry] = Dictionary(uniqueKeysWithValues: entries.map { ($0.code, $0) })

    public static func entry(_ code: FindingCode) -> Entry {
        // Every case has an entry: `FindingCatalogTests` checks it, so a new code cannot lack its wording.
        byCode[code] ?? Entry(code: code, principle: .uniformStructure, severity: .error, vi: code.rawValue, en: code.rawValue)
    }

    public static func message(for code: FindingCode, language: Language) -> String {
        let entry = entry(code)
        return language == .vi ? entry.vi : entry.en
    }

    /// The wording of a code as a history file recorded it: a code retired since is shown as it is.
    public static func message(forRecorded code: String, language: Language) -> String {
        FindingCode(rawValue: code).map { message(for: $0, language: language) } ?? code
    }

    /// A finding with the catalogue's principle and the given (or default) severity.
    public static func finding(_ code: FindingCode, at location: Location, value: String? = nil, detail: String? = nil,
                               severity: Severity? = nil) -> Finding {
        let entry = entry(code)
        return Finding(code: code, severity: severity ?? entry.severity, principle: entry.principle, location: location,
                       value: value, detail: detail)
    }
}
