import Foundation
import Testing
@testable import KhoCore

/// No report a person reads or a program keeps may carry a personal value as it was sent: the
/// checks mask values of personal fields, and the HTML, the history and the yearly report must
/// show nothing but those masked values.
@Suite struct PersonalDataInReportsTests {
    static let personalID = "062185001234"
    static let phone = "0905123456"
    static let name = "Nguyễn Thị Hoa"
    static let raw = [personalID, phone, name, "Thị Hoa"]

    /// Rows with findings on personal fields, each carrying one of the raw values above.
    static func report() -> QualityReport {
        let base = RowFixtures.row(RowFixtures.hoNgheo, ["ho_ten": name, "so_dien_thoai": phone])
        return ReportFixtures.quality("ho-ngheo", rows: [
            // Digit 4 says a woman born in the 1900s, the record says a man: personal-id-mismatch.
            RowFixtures.row(base, ["ma_ho": "HN-1", "so_dinh_danh": personalID, "gioi_tinh": "1"]),
            // The same ID again: duplicate-key on a personal field.
            RowFixtures.row(base, ["ma_ho": "HN-2", "so_dinh_danh": personalID, "gioi_tinh": "1"]),
            // A phone number where the ID belongs, and a bad phone: personal-id-invalid, phone-invalid.
            RowFixtures.row(base, ["ma_ho": "HN-3", "so_dinh_danh": phone, "so_dien_thoai": phone + " / " + phone]),
            // The name where the birth date belongs: type-invalid.
            RowFixtures.row(base, ["ma_ho": "HN-4", "so_dinh_danh": "062085001235", "ngay_sinh": name]),
            // The name as the ethnic group: a code-list finding on a personal field.
            RowFixtures.row(base, ["ma_ho": "HN-5", "so_dinh_danh": "062085001236", "ma_dan_toc": name]),
        ])
    }

    @Test func theChecksFoundFindingsOnPersonalFields() {
        let codes = Set(Self.report().checks.map(\.code.rawValue))
        #expect(codes.isSuperset(of: ["personal-id-mismatch", "duplicate-key", "personal-id-invalid", "phone-invalid", "type-invalid"]))
    }

    @Test(arguments: [Language.vi, .en])
    func htmlReportShowsOnlyMaskedValues(language: Language) {
        let report = Self.report()
        let bundle = ReportFixtures.bundle("ho-ngheo", qualities: [report])
        let history = QualityHistory.make(asOf: TestSupport.date("2025-08-31"), qualities: [report], bundles: [bundle])
        let html = HTMLQualityReport.render(asOf: TestSupport.date(RowFixtures.asOf), qualities: [report], bundles: [bundle],
                                            history: [history], datasetTitles: [:], language: language)
        for value in Self.raw { #expect(!html.contains(value), "\(value) in the HTML report") }
        // The examples are there, masked as the checks masked them.
        #expect(html.contains(HTML.escape(Masking.mask(Self.personalID))))
        #expect(html.contains(HTML.escape(Masking.mask(Self.name))))
    }

    @Test func historyAndYearlyReportHoldNoValues() throws {
        let report = Self.report()
        let bundle = ReportFixtures.bundle("ho-ngheo", qualities: [report])
        let nights = ["2025-08-31", "2025-09-30"].map {
            QualityHistory.make(asOf: TestSupport.date($0), qualities: [report], bundles: [bundle])
        }
        let annual = AnnualReport.build(year: 2025, history: nights)
        #expect(annual.units.count == 1)
        let texts = [
            String(decoding: try JSONOutput.encode(nights[0]), as: UTF8.self),
            String(decoding: try JSONOutput.encode(annual), as: UTF8.self),
            HTMLAnnualReport.render(annual, datasetTitles: [:]),
            HTMLAnnualReport.render(annual, datasetTitles: [:], language: .en),
        ]
        for text in texts {
            for value in Self.raw { #expect(!text.contains(value)) }
            // Not even masked values: history and the yearly report keep counts only.
            #expect(!text.contains(Masking.mask(Self.personalID)))
        }
    }
}
