import Foundation
import Testing
@testable import KhoCore

@Suite struct DatasetSchemaDraftTests {
    static let students = "suggest/hoc-sinh-ho-tro-2024-11.csv"

    private func draft(_ url: URL) throws -> (SourceSuggestion, DatasetSchemaDraft) {
        let suggestion = try SourceSuggestion.suggest(file: url, config: TestSupport.configuration)
        return (suggestion, try #require(DatasetSchemaDraft(suggestion, config: TestSupport.configuration)))
    }

    /// A list of pupils receiving support: no dataset describes it. Each column becomes a field —
    /// the dictionary's where a header is one of its aliases, else a new one named from the header
    /// — typed from the values, with the code lists and date layouts the values show.
    @Test func fieldsFromTheHeaderAndTheValues() throws {
        let (suggestion, draft) = try draft(TestSupport.fixture(Self.students))
        #expect(!suggestion.fits)
        #expect(suggestion.headerRow == 4)
        #expect(suggestion.sample.rows == 5)
        #expect(draft.id == "hoc-sinh-ho-tro")
        #expect(draft.title == "DANH SÁCH HỌC SINH ĐƯỢC HỖ TRỢ CHI PHÍ HỌC TẬP")
        let described = draft.fields.map { field in
            [field.name, field.type.rawValue, field.codeList ?? "-", field.classification.rawValue, field.dictionaryEntry == nil ? "new" : "dictionary"]
                .joined(separator: " ")
        }
        #expect(described == [
            "stt integer - shared new",
            "ma_hoc_sinh string - shared new",
            "ho_ten string - personal dictionary",
            "ngay_sinh date - personal dictionary",
            "gioi_tinh string gioi-tinh personal dictionary",
            "ma_dan_toc string dan-toc personal dictionary",
            "cap string cap-hoc shared new",
            "lop string - shared new",
            "dien_ho_tro string loai-ho shared new",
            "so_tien_dong integer - shared new",
            "diem_tb number - shared new",
            "ngay_nhan date - shared new",
            "da_nhan boolean - shared new",
            "ngay_cap_nhat date - shared dictionary",
            "ghi_chu string - shared dictionary",
        ])
        func field(_ name: String) throws -> DatasetSchemaDraft.Field { try #require(draft.fields.first { $0.name == name }) }
        #expect(try field("ngay_sinh").profile.dateLayouts == [.init(layout: "%d/%m/%Y", count: 3), .init(layout: "%Y-%m-%d", count: 2)])
        #expect(try field("ngay_nhan").profile.dateLayouts == [.init(layout: "%d/%m/%Y", count: 5)])
        #expect(try field("ngay_cap_nhat").profile.dateLayouts == [.init(layout: "%Y-%m-%d", count: 5)])
        #expect(try field("ngay_sinh").notes.map(\.en) == ["The column mixes date layouts: %d/%m/%Y (3), %Y-%m-%d (2)."])
        #expect(try field("ngay_nhan").notes.map(\.en) == ["Dates written %d/%m/%Y in the file (declared as format: a date in another layout is reported); the run rewrites them as ISO 8601."])
        #expect(try field("ngay_nhan").format == "%d/%m/%Y")
        #expect(try field("ngay_cap_nhat").format == "%Y-%m-%d")
        #expect(try field("ngay_sinh").format == nil)   // mixed layouts: none declared
        #expect(try field("cap").notes.map(\.en) == ["codeList guessed from the values: 5 of 5 sampled values are codes or names in cap-hoc."])
        #expect(try field("ma_hoc_sinh").notes.map(\.en) == ["Digits with leading zeros: kept as string so that no zero is lost (a code or an identifier?)."])
        #expect(try field("ngay_cap_nhat").notes.first?.en == "The dictionary classifies this field open; the draft keeps it shared until publishing it is decided.")
        #expect(try field("so_tien_dong").title == "Số tiền (đồng)")
        #expect(draft.leftOut.isEmpty)
        #expect(!draft.fields.contains { $0.classification == .open })
    }

    /// Saved as `pipelines/datasets/<id>.json`, the draft loads with the project's strict loader,
    /// in either language, and the entry printed with it loads as a unit source using it.
    @Test(arguments: [Language.vi, .en]) func draftLoadsAsConfiguration(language: Language) throws {
        let (suggestion, draft) = try draft(TestSupport.fixture(Self.students))
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipelines = folder.appendingPathComponent("pipelines")
        try FileManager.default.copyItem(at: TestSupport.repositoryRoot.appendingPathComponent("pipelines"), to: pipelines)
        try Data(draft.json(language).utf8).write(to: pipelines.appendingPathComponent("datasets/\(draft.id).json"))
        var entry = suggestion
        entry.dataset = draft.id
        entry.columns = draft.columns
        let unit = "{\"version\": 1, \"id\": \"ubnd-dak-blo\", \"name\": \"Ủy ban nhân dân xã Đăk Blô\", \"sources\": [\(entry.json)]}"
        try Data(unit.utf8).write(to: pipelines.appendingPathComponent("units/ubnd-dak-blo.json"))

        let config = try Configuration.load(pipelineFile: pipelines.appendingPathComponent("nightly.json"))
        let schema = try #require(config.datasets[draft.id])
        #expect(schema.title == draft.title)
        #expect(schema.fields.map(\.name) == draft.fields.map(\.name))
        #expect(schema.fields.map(\.type) == draft.fields.map(\.type))
        #expect(schema.fields.map(\.codeList) == draft.fields.map(\.codeList))
        #expect(schema.fields.map(\.classification) == draft.fields.map(\.classification))
        #expect(schema.field("dien_ho_tro")?.aliases == ["Diện hỗ trợ"])
        #expect(schema.field("ho_ten")?.aliases.contains("Họ và tên") == true)
        let source = try #require(config.unit("ubnd-dak-blo")?.sources.first)
        #expect(source.dataset == draft.id)
        #expect(source.files == "hoc-sinh-ho-tro-*.csv")
        #expect(source.columns.count == 15)
    }

    /// The draft is never named like a dataset that exists: saving it overwrites nothing.
    @Test func nameNeverTakesAnExistingDataset() throws {
        let url = try TestSupport.temporaryFolder().appendingPathComponent("ho-ngheo-2025.csv")
        try FileManager.default.copyItem(at: TestSupport.fixture("suggest/ho-ngheo-sa-thay-2024.csv"), to: url)
        let (_, draft) = try draft(url)
        #expect(TestSupport.configuration.datasets["ho-ngheo"] != nil)
        #expect(draft.id == "ho-ngheo-2")
    }

    /// Headers that name nothing usable still get a name; a repeated header is drafted once; a
    /// header like a dictionary field's name but not its alias gets a name of its own.
    @Test func namesForAwkwardHeaders() throws {
        var suggestion = SourceSuggestion(file: "x.csv", format: "csv", encoding: "utf-8", confidence: 1, evidence: "", columns: [],
                                          missingRequired: [])
        suggestion.sample.columns = ["#", "2024", "Ghi chú", "ghi chu", "Họ và tên", "Họ tên", "  "].map { .init(name: $0, values: []) }
        let draft = try #require(DatasetSchemaDraft(suggestion, config: TestSupport.configuration))
        #expect(draft.fields.map(\.name) == ["cot_1", "cot_2024", "ghi_chu", "ho_ten", "ho_ten_2", "cot_7"])
        #expect(draft.leftOut == ["ghi chu"])
        #expect(draft.id == "x")
        #expect(draft.fields.allSatisfy { $0.type == .string })
        #expect(draft.fields.first?.notes.map(\.en) == ["No value in the sample: the type is left string."])
    }

    /// No more fields than the loader takes; the rest are named in the comment.
    @Test func atMostSixtyFourFields() throws {
        var suggestion = SourceSuggestion(file: "wide.csv", format: "csv", encoding: "utf-8", confidence: 1, evidence: "", columns: [],
                                          missingRequired: [])
        suggestion.sample.columns = (1...100).map { .init(name: "Cột \($0)", values: ["\($0)"]) }
        suggestion.sample.omittedColumns = 900
        let draft = try #require(DatasetSchemaDraft(suggestion, config: TestSupport.configuration))
        #expect(draft.fields.count == 64)
        #expect(draft.leftOut.count == 36)
        #expect(draft.json(.en).contains("Columns left out (a repeated header, or past 64 fields): Cột 65, Cột 66, Cột 67, Cột 68, Cột 69, Cột 70, Cột 71, Cột 72, Cột 73, Cột 74 … (936)."))
    }
}
