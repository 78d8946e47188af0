import Testing
@testable import KhoCore

/// The poverty aggregate groups by exactly its declared fields: commune, kind and review year.
@Suite struct OpenAggregateTests {
    private let schema = TestSupport.dataset("ho-ngheo")

    private func member(_ household: String, commune: String = "23500", kind: String = "1", year: String) -> FieldRow {
        FieldRow(schema.fields.map { field -> String in
            switch field.name {
            case "ma_ho": household
            case "ma_xa": commune
            case "loai_ho": kind
            case "nam_ra_soat": year
            default: ""
            }
        })
    }

    @Test func theSampleAggregateGroupsByCommuneKindAndYear() throws {
        let spec = try #require(schema.openData.aggregates.first)
        #expect(spec.groupBy == ["ma_xa", "loai_ho", "nam_ra_soat"])
    }

    /// Two review years of one commune and kind are two rows, not one sum; a unit that does not
    /// report the year has its own row with the year empty.
    @Test func reviewYearsAreNotMixed() throws {
        var aggregate = OpenAggregate(spec: try #require(schema.openData.aggregates.first), schema: schema)
        for row in [member("H1", year: "2023"), member("H1", year: "2023"), member("H1", year: "2024"), member("H2", year: "2024"),
                    member("H3", year: ""), member("H4", kind: "2", year: "2024")] {
            aggregate.add(row)
        }
        let cells = aggregate.cells()
        #expect(cells.keys == [["23500", "1", ""], ["23500", "1", "2023"], ["23500", "1", "2024"], ["23500", "2", "2024"]])
        #expect(cells.values == [[1, 1], [1, 2], [2, 2], [1, 1]])
        #expect(aggregate.rows(cells, suppressed: [false, false, false, false]) == [
            ["23500", "1", "", "1", "1", "false"],
            ["23500", "1", "2023", "1", "2", "false"],
            ["23500", "1", "2024", "2", "2", "false"],
            ["23500", "2", "2024", "1", "1", "false"],
        ])
    }

    /// The year may be empty, so it is not required and the group columns are no primary key; a
    /// measure may be empty too, when `bi_an` says its cell is suppressed.
    @Test func aGroupFieldThatMayBeEmptyIsNotRequired() throws {
        let table = OpenAggregate(spec: try #require(schema.openData.aggregates.first), schema: schema).schema(of: schema)
        #expect(table.fields.map(\.name) == ["ma_xa", "loai_ho", "nam_ra_soat", "so_ho", "so_nhan_khau", "bi_an"])
        #expect(table.fields.map { $0.constraints?.required == true } == [true, true, false, false, false, true])
        #expect(table.fields.map(\.type) == ["string", "string", "year", "integer", "integer", "boolean"])
        #expect(table.primaryKey == nil)
        #expect(table.missingValues == [""])
    }

    /// A suppressed cell keeps its group values; every measure is empty and the flag is true.
    @Test func aSuppressedCellIsEmptyWithItsFlagSet() throws {
        var aggregate = OpenAggregate(spec: try #require(schema.openData.aggregates.first), schema: schema)
        for row in [member("H1", year: "2024"), member("H1", year: "2024"), member("H2", kind: "2", year: "2024")] { aggregate.add(row) }
        #expect(aggregate.rows(aggregate.cells(), suppressed: [true, false]) == [
            ["23500", "1", "2024", "", "", "true"],
            ["23500", "2", "2024", "1", "1", "false"],
        ])
    }

    /// Each cell knows the units whose rows it counts: their row counts are published totals.
    @Test func cellsKnowTheUnitsTheyCount() throws {
        var aggregate = OpenAggregate(spec: try #require(schema.openData.aggregates.first), schema: schema)
        aggregate.add(member("H1", year: "2024"), unit: "ubnd-b")
        aggregate.add(member("H2", year: "2024"), unit: "ubnd-a")
        aggregate.add(member("H3", commune: "23504", year: "2024"), unit: "ubnd-b")
        #expect(aggregate.cells().units == [["ubnd-a", "ubnd-b"], ["ubnd-b"]])
    }
}
