import Foundation
import Testing
@testable import KhoCore

@Suite struct SourceSuggestionTests {
    private func suggest(_ path: String) throws -> SourceSuggestion {
        try SourceSuggestion.suggest(file: TestSupport.repositoryRoot.appendingPathComponent(path), config: TestSupport.configuration)
    }

    @Test func windows1258ExportWithTitles() throws {
        let draft = try suggest("samples/inbox/ubnd-dak-ha/ho-ngheo-2024.csv")
        #expect(draft.dataset == "ho-ngheo")
        #expect(draft.encoding == "windows-1258")
        #expect(draft.delimiter == ";")
        #expect(draft.headerRow == 5)
        #expect(draft.columns.first == .init(column: "STT", field: nil))
        #expect(draft.columns.contains(.init(column: "Thôn/Tổ dân phố", field: "dia_chi")))
        #expect(draft.missingRequired.isEmpty)
    }

    @Test func xmlRecordElementIsFound() throws {
        let draft = try suggest("samples/inbox/so-nnmt/quan-trac-nuoc-2026-q4.xml")
        #expect(draft.recordPath == "/DuLieuQuanTrac/Tram/LanDo")
        #expect(draft.dataset == "quan-trac-moi-truong")
        #expect(draft.columns.contains(.init(column: "../@MaTram", field: "ma_tram")))
    }

    /// A workbook is read as the run reads it: its first visible sheet, the header under the titles.
    @Test(arguments: ["ho-ngheo.xlsx", "ho-ngheo.ods"])
    func workbookSheetAndHeaderAreFound(_ name: String) throws {
        let draft = try suggest("Tests/KhoCoreTests/Fixtures/workbooks/" + name)
        #expect(draft.format == "workbook")
        #expect(draft.sheet == "DanhSach")
        #expect(draft.headerRow == 4)
        #expect(draft.dataset == "ho-ngheo")
        #expect(draft.fits)
        #expect(draft.columns.contains(.init(column: "Số CCCD", field: "so_dinh_danh")))
        #expect(draft.warnings.count == 1)
        #expect(draft.json.contains("\"sheet\": \"DanhSach\""))
        #expect(!draft.json.contains("encoding"))
    }

    @Test func binaryWorkbookIsRefusedWithWhatToSendInstead() {
        #expect(throws: ReadError.self) { try suggest("Tests/KhoCoreTests/Fixtures/workbooks/binary.xls") }
    }

    // MARK: - Whether the dataset fits

    /// ho-ngheo was proposed for a file without household code and category, so every row would
    /// have been rejected. It is still the nearest, but it does not fit, and what it lacks is known.
    @Test func lackingRequiredFieldsDoesNotFit() throws {
        let draft = try suggest("Tests/KhoCoreTests/Fixtures/suggest/ho-ngheo-sa-thay-2024.csv")
        #expect(draft.dataset == "ho-ngheo")
        #expect(!draft.fits)
        #expect(draft.missingRequired == ["ma_ho", "loai_ho"])
        #expect(draft.matchedFields == 9)
        #expect(draft.datasetFields == 15)
        #expect(try suggest("samples/inbox/ubnd-dak-ha/ho-ngheo-2024.csv").fits)
        #expect(try suggest("samples/inbox/so-nnmt/quan-trac-nuoc-2026-q4.xml").fits)
    }

    /// The values under the header are sampled down to the totals row, with the title above it.
    @Test func sampleUnderTheHeader() throws {
        let draft = try suggest("Tests/KhoCoreTests/Fixtures/suggest/hoc-sinh-ho-tro-2024-11.csv")
        #expect(draft.headerRow == 4)
        #expect(draft.sample.rows == 5)
        #expect(draft.sample.title == "DANH SÁCH HỌC SINH ĐƯỢC HỖ TRỢ CHI PHÍ HỌC TẬP")
        #expect(draft.sample.columns.count == 15)
        #expect(draft.sample.columns.first == .init(name: "STT", values: ["1", "2", "3", "4", "5"]))
        #expect(draft.sample.columns.last == .init(name: "Ghi chú", values: ["chuyển trường"]))
    }

    /// Without a field anyone knows, the header is the first row about as full as the table.
    @Test func headerFoundByItsShape() throws {
        let url = try TestSupport.temporaryFolder().appendingPathComponent("tram-bom.csv")
        try Data("DANH SÁCH TRẠM BƠM;;\n;;\nMã trạm bơm;Công suất (m3/h);Năm\nTB-01;120;2019\nTB-02;;2021\n".utf8).write(to: url)
        let draft = try SourceSuggestion.suggest(file: url, config: TestSupport.configuration)
        #expect(draft.dataset == nil)
        #expect(!draft.fits)
        #expect(draft.headerRow == 3)
        #expect(draft.sample.columns == [.init(name: "Mã trạm bơm", values: ["TB-01", "TB-02"]), .init(name: "Công suất (m3/h)", values: ["120"]),
                                         .init(name: "Năm", values: ["2019", "2021"])])
    }

    // MARK: - XML encodings and refusals

    /// A small monitoring export in UTF-16, with or without a byte-order mark and declaration.
    private func utf16Export(bigEndian: Bool, mark: Bool, declaration: Bool = true) throws -> URL {
        var text = """
        <DuLieuQuanTrac NgayXuat="2026-11-20">
          <Tram MaTram="KT-NM-01" TenTram="Sông Đắk Bla" MaXa="23293">
            <LanDo ThoiGian="2026-09-18T08:45:00+07:00"><NhietDo>22,9</NhietDo><pH>7.2</pH></LanDo>
            <LanDo ThoiGian="2026-09-22T09:00:00+07:00"><NhietDo>25.1</NhietDo><pH>7.4</pH></LanDo>
          </Tram>
        </DuLieuQuanTrac>

        """
        if declaration { text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + text }
        var bytes: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let name = "quan-trac-\(bigEndian ? "be" : "le")\(mark ? "-bom" : "")\(declaration ? "" : "-bare").xml"
        let url = try TestSupport.temporaryFolder().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// UTF-16 XML was scanned as ASCII and no record element was found ("none matched"). Its
    /// encoding is now told from the mark or the byte pattern of `<?xml`, and the entry reads the file.
    @Test(arguments: [(false, true), (false, false), (true, true), (true, false)])
    func utf16RecordElementIsFound(bigEndian: Bool, mark: Bool) throws {
        let url = try utf16Export(bigEndian: bigEndian, mark: mark)
        let draft = try SourceSuggestion.suggest(file: url, config: TestSupport.configuration)
        #expect(draft.recordPath == "/DuLieuQuanTrac/Tram/LanDo")
        #expect(draft.dataset == "quan-trac-moi-truong")
        #expect(draft.encoding == "auto")
        let order = bigEndian ? "utf-16be" : "utf-16le"
        #expect(draft.evidence == (mark ? "\(order), by its byte-order mark" : "\(order), by \"<?xml\" in its byte pattern (no byte-order mark)"))
        #expect(draft.columns.contains(.init(column: "../@MaTram", field: "ma_tram")))
        #expect(draft.warnings.isEmpty)
        #expect(try recordsRead(url, draft) == 2)
    }

    /// Without mark or declaration libxml2 cannot tell UTF-16 from anything else: the entry names it.
    @Test(arguments: [false, true]) func utf16WithoutDeclarationIsNamedInTheEntry(bigEndian: Bool) throws {
        let url = try utf16Export(bigEndian: bigEndian, mark: false, declaration: false)
        let draft = try SourceSuggestion.suggest(file: url, config: TestSupport.configuration)
        #expect(draft.recordPath == "/DuLieuQuanTrac/Tram/LanDo")
        #expect(draft.encoding == (bigEndian ? "utf-16be" : "utf-16le"))
        #expect(try recordsRead(url, draft) == 2)
    }

    /// Records the run's XML reader extracts with the suggested entry.
    private func recordsRead(_ url: URL, _ draft: SourceSuggestion) throws -> Int {
        let schema = try #require(TestSupport.configuration.datasets[draft.dataset ?? ""])
        var source = UnitSource(dataset: schema.id, files: "*", format: "xml")
        source.recordPath = draft.recordPath
        source.encoding = draft.encoding
        let reader = try XMLSourceReader(input: InputFile(url: url, unit: "test"), unit: "test", source: source, schema: schema,
                                         mapper: ColumnMapper(schema: schema, explicitColumns: draft.columns.compactMap { column in
                                             column.field.map { (column.column, $0) } }),
                                         limits: ReadLimits())
        var records = 0
        while let item = try reader.next() { if case .record = item { records += 1 } }
        return records
    }

    /// The run refuses a document with a DOCTYPE outright; the suggestion says so, and why.
    @Test func doctypeIsWarnedAbout() throws {
        let draft = try suggest("Tests/KhoCoreTests/Fixtures/external-entity.xml")
        #expect(draft.warnings.map(\.en) == ["the file declares a DOCTYPE, so the run will refuse the whole file (xml-dtd-refused): it never loads a DTD or an entity, since that is how XML attacks start (billion laughs, external entities reading the server's files). Every record would go to unreadable.csv; ask the unit to export without the DOCTYPE."])
        #expect(draft.warnings.first?.vi.hasPrefix("tệp khai báo DOCTYPE nên lần chạy sẽ từ chối cả tệp (xml-dtd-refused)") == true)
        let laughs = try suggest("Tests/KhoCoreTests/Fixtures/billion-laughs.xml")
        #expect(laughs.warnings.count == 1)
        let plain = try suggest("samples/inbox/so-nnmt/quan-trac-nuoc-2026-q4.xml")
        #expect(plain.warnings.isEmpty)
    }

    /// The same DOCTYPE in UTF-16 is found as the run finds it.
    @Test func doctypeInUTF16IsWarnedAbout() throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a><b c=\"1\"/><b c=\"2\"/></a>"
        let url = try TestSupport.temporaryFolder().appendingPathComponent("doctype-utf16.xml")
        try Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: url)
        let draft = try SourceSuggestion.suggest(file: url, config: TestSupport.configuration)
        #expect(draft.warnings.count == 1)
        #expect(draft.recordPath == "/a/b")
    }

    /// The draft is valid configuration: a unit made of it loads strictly and reads the file.
    @Test func draftLoadsAsAUnit() throws {
        let draft = try suggest("samples/inbox/so-khdt/ho-kinh-doanh-2025.txt")
        let folder = try TestSupport.temporaryFolder()
        let pipelines = folder.appendingPathComponent("pipelines")
        try FileManager.default.copyItem(at: TestSupport.repositoryRoot.appendingPathComponent("pipelines"), to: pipelines)
        let unit = """
        {"version": 1, "id": "so-khdt", "name": "Sở Kế hoạch và Đầu tư", "sources": [\(draft.json)]}
        """
        try Data(unit.utf8).write(to: pipelines.appendingPathComponent("units/so-khdt.json"))
        let config = try Configuration.load(pipelineFile: pipelines.appendingPathComponent("nightly.json"))
        let source = try #require(config.unit("so-khdt")?.sources.first)
        #expect(source.delimiter == 0x09)
        #expect(source.encoding == "utf-16le")
        #expect(source.columns.count == 19)
    }
}
