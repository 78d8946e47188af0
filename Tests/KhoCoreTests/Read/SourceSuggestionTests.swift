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
