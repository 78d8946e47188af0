import Foundation
import Testing
@testable import KhoCore

@Suite struct LocationTests {
    @Test func aWorkbookFieldNamesItsCellAfterTheLinePosition() {
        let cell = Location(unit: "ubnd-sa-thay", file: "ubnd-sa-thay/ho-ngheo-sa-thay-2024.xlsx", line: 12, field: "so_dinh_danh",
                            cell: "DanhSach!D12")
        #expect(cell.rendered == "ubnd-sa-thay/ho-ngheo-sa-thay-2024.xlsx:12:so_dinh_danh (DanhSach!D12)")
        #expect(Location(unit: "u", file: "u/a.csv", line: 3, field: "ma_xa").rendered == "u/a.csv:3:ma_xa")
        #expect(Location(unit: "u").rendered == "u")
        #expect(Location(cell: "'Danh sách'!B2").rendered == "'Danh sách'!B2")
    }

    /// Text sources keep their JSON as it was: no `cell` key at all, not a null.
    @Test func theCellIsLeftOutOfJSONWhenThereIsNone() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(Location(unit: "u", file: "u/a.csv", line: 3, field: "ma_xa")), as: UTF8.self)
        #expect(text == #"{"field":"ma_xa","file":"u\/a.csv","line":3,"unit":"u"}"#)
        let sheet = Location(unit: "u", file: "u/a.xlsx", line: 3, field: "ma_xa", cell: "DanhSach!C3")
        let encoded = try encoder.encode(sheet)
        #expect(String(decoding: encoded, as: UTF8.self).contains(#""cell":"DanhSach!C3""#))
        #expect(try JSONDecoder().decode(Location.self, from: encoded) == sheet)
    }

    @Test func workbookCellsMapAFieldToItsSheetColumn() {
        let cells = WorkbookCells(fieldNames: ["ho_ten", "so_dinh_danh", "ma_xa"])
        var workbook = SourceFileReport(path: "u/a.xlsx", format: "xlsx")
        workbook.sheet = "Danh sách"
        workbook.columns = [.init(column: "Họ tên", field: "ho_ten", letters: "B"), .init(column: "Ghi chú", field: nil, letters: "C"),
                            .init(column: "CCCD", field: "so_dinh_danh", letters: "D")]
        cells.learn(workbook)
        var text = SourceFileReport(path: "u/b.csv", format: "csv")
        text.columns = [.init(column: "ho_ten", field: "ho_ten")]
        cells.learn(text)
        #expect(cells.cell(file: "u/a.xlsx", line: 12, field: 1) == "'Danh sách'!D12")
        #expect(cells.cell(file: "u/a.xlsx", line: 7, field: 0) == "'Danh sách'!B7")
        #expect(cells.cell(file: "u/a.xlsx", line: 7, field: 2) == nil)   // no column feeds it
        #expect(cells.cell(file: "u/a.xlsx", line: 7, field: nil) == nil)   // a finding on the whole row
        #expect(cells.cell(file: "u/a.xlsx", line: nil, field: 0) == nil)
        #expect(cells.cell(file: "u/b.csv", line: 2, field: 0) == nil)
    }
}
