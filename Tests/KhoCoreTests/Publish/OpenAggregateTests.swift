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
        #expect(aggregate.rows() == [
            ["23500", "1", "", "1", "1"],
            ["23500", "1", "2023", "1", "2"],
            ["23500", "1", "2024", "2", "2"],
            ["23500", "2", "2024", "1", "1"],
        ])
    }

    /// The year may be empty, so it is not required and the group columns are no primary key.
    @Test func aGroupFieldThatMayBeEmptyIsNotRequired() throws {
        let table = OpenAggregate(spec: try #require(schema.openData.aggregates.first), schema: schema).schema(of: schema)
        #expect(table.fields.map(\.name) == ["ma_xa", "loai_ho", "nam_ra_soat", "so_ho", "so_nhan_khau"])
        #expect(table.fields.map { $0.constraints?.required == true } == [true, true, false, true, true])
        #expect(table.primaryKey == nil)
    }
}
