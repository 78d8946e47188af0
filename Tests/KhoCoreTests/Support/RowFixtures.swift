import Foundation
@testable import KhoCore

/// Rows of the real datasets that pass every check, so a test spoils one field and sees only
/// that field's finding; and a runner for several rows through one validator (uniqueness keeps
/// state across rows) or through a modified schema.
enum RowFixtures {
    /// The as-of date the clean rows are judged on: after the 2025-07-01 reorganization, close
    /// enough to every record date that nothing is stale.
    static let asOf = "2025-09-30"

    /// A member of a poor household, recorded 2024-12-15 in Thị trấn Đắk Hà (23500), a code that
    /// names Xã Đăk Hà from 2025-07-01.
    static let hoNgheo: [String: String] = [
        "ma_ho": "HN-23500-001",
        "ho_ten": "Nguyễn Văn An",
        "ngay_sinh": "15/03/1985",
        "gioi_tinh": "1",
        "ma_dan_toc": "16",
        "so_dinh_danh": "062085001234",
        "quan_he_chu_ho": "01",
        "ma_xa": "23500",
        "ten_xa": "Thị trấn Đắk Hà",
        "dia_chi": "Thôn 1",
        "so_dien_thoai": "0905123456",
        "loai_ho": "1",
        "nam_ra_soat": "2024",
        "ngay_cap_nhat": "15/12/2024",
    ]

    /// A household business in Phường Kon Tum, recorded 2025-08-15; its tax code has a valid check digit.
    static let hoKinhDoanh: [String: String] = [
        "so_giay_chung_nhan": "62A8001234",
        "ten_co_so": "Tạp hóa Minh Anh",
        "ho_ten": "Trần Thị Bình",
        "ngay_sinh": "20/07/1990",
        "gioi_tinh": "2",
        "so_dinh_danh": "062190004567",
        "so_dien_thoai": "0912345678",
        "email": "binh.tran@gmail.com",
        "ma_so_thue": "6100123454",
        "nganh_nghe": "G",
        "nganh_nghe_chi_tiet": "Bán lẻ hàng tạp hóa",
        "dia_chi": "Số 12 Lê Lợi, phường Kon Tum",
        "ma_xa": "23293",
        "ten_xa": "Phường Kon Tum",
        "von_kinh_doanh": "150.000.000",
        "so_lao_dong": "3",
        "ngay_cap_phep": "05/01/2020",
        "tinh_trang_hoat_dong": "1",
        "ngay_cap_nhat": "15/08/2025",
    ]

    /// One surface-water measurement, taken 2025-08-15 08:30.
    static let quanTrac: [String: String] = [
        "ma_tram": "KT-NM-01",
        "ten_tram": "Sông Đăk Bla - cầu Kon Klor",
        "ma_xa": "23293",
        "thoi_gian": "15/08/2025 08:30",
        "nhiet_do": "26,5",
        "ph": "7,2",
        "do_oxy": "6,1",
        "tss": "25",
        "cod": "12",
        "bod5": "5",
        "amoni": "0,12",
    ]

    /// A primary school, recorded 2025-09-01.
    static let coSoGiaoDuc: [String: String] = [
        "ma_truong": "62000101",
        "ten_co_so": "Trường Tiểu học Lê Lợi",
        "cap_hoc": "TH",
        "loai_hinh": "CL",
        "ma_xa": "23293",
        "ten_xa": "Phường Kon Tum",
        "dia_chi": "Số 5 Trần Hưng Đạo, phường Kon Tum",
        "so_dien_thoai": "02603862123",
        "email": "thleloi@kontum.edu.vn",
        "so_lop": "20",
        "so_hoc_sinh": "650",
        "so_giao_vien": "30",
        "vi_do": "14,35",
        "kinh_do": "108,0",
        "nam_thanh_lap": "1976",
        "ngay_cap_nhat": "01/09/2025",
    ]

    /// `base` with some fields replaced (an empty string empties the field).
    static func row(_ base: [String: String], _ changes: [String: String]) -> [String: String] {
        base.merging(changes) { _, new in new }
    }

    /// What normalizing a few rows changed, counted as `normalize.json` counts it (every row here).
    struct Counts {
        let context: DatasetContext
        let normalizations: [String: Int]
    }

    /// Several rows through the dataset's normalization rules and checks, in order, and what the
    /// rules changed.
    static func run(_ schema: DatasetSchema, _ rows: [(source: String, values: [String: String])], asOf: String = asOf,
                    codeLists: [String: CodeList] = TestSupport.configuration.codeLists,
                    codeSystems: [String: CodeSystem] = [:], unitCodes: [String: String] = [:]) -> (rows: [RowState], context: Counts) {
        let context = DatasetContext(schema: schema, unit: "test", asOf: TestSupport.date(asOf), codeLists: codeLists,
                                     codeSystems: codeSystems, unitCodes: unitCodes)
        let normalizer = Normalizer(context: context)
        let checker = Checker(context: context)
        var counts = ChangeCounts()
        let states = rows.map { source, values -> RowState in
            var row = RowState()
            normalizer.normalize(Record(values: schema.fields.map { values[$0.name] ?? "" }, source: source), into: &row)
            checker.check(&row)
            counts.add(row)
            return row
        }
        return (states, Counts(context: context, normalizations: counts.byKind))
    }

    /// One row of `schema` (possibly a modified copy of a real schema).
    static func validate(_ schema: DatasetSchema, _ values: [String: String], asOf: String = asOf,
                         codeLists: [String: CodeList] = TestSupport.configuration.codeLists,
                         codeSystems: [String: CodeSystem] = [:], unitCodes: [String: String] = [:]) -> RowState {
        run(schema, [("test/file.csv:7", values)], asOf: asOf, codeLists: codeLists, codeSystems: codeSystems, unitCodes: unitCodes).rows[0]
    }

    /// One row of a real dataset, with what the rules changed.
    static func validateCounting(_ dataset: String, _ values: [String: String], asOf: String = asOf) -> (row: RowState, context: Counts) {
        let result = run(TestSupport.dataset(dataset), [("test/file.csv:7", values)], asOf: asOf)
        return (result.rows[0], result.context)
    }
}

extension RowState {
    /// The findings on one field (by name), or on the row when `field` is nil.
    func findings(on field: String?) -> [Finding] { findings.filter { $0.location.field == field } }

    /// The single finding with `code`; nil when there is none or more than one.
    func finding(_ code: String) -> Finding? {
        let matching = findings.filter { $0.code.rawValue == code }
        return matching.count == 1 ? matching[0] : nil
    }
}

/// The UTF-8 bytes of a string: `String ==` compares canonical equivalence, so NFC and NFD
/// spellings of one text are `==`; tests about normalization forms compare bytes instead.
func utf8Bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
