import Foundation
import Testing
@testable import KhoCore

/// What a dataset author can say: the layouts a date is written in, dropping or replacing what a
/// field inherits from the dictionary, which value a constraint tests, who owns a repeated key.
@Suite struct DatasetLanguageTests {
    /// A copy of pipelines/ with one more dataset (and optionally a unit reading it), loaded.
    private func load(dataset: String, named id: String = "thu", unit: String? = nil) throws -> Result<Configuration, ConfigError> {
        var files = ["datasets/\(id).json": dataset]
        if let unit { files["units/don-vi-thu.json"] = unit }
        return try TestSupport.pipelines(writing: files)
    }

    private func schema(_ fields: String, extra: String = "") throws -> DatasetSchema {
        let config = try load(dataset: #"{"name": "thu", "title": "Thử", "fields": [\#(fields)]\#(extra)}"#).get()
        return try #require(config.datasets["thu"])
    }

    private func problems(_ fields: String, extra: String = "", unit: String? = nil) throws -> [String] {
        guard case .failure(let error) = try load(dataset: #"{"name": "thu", "title": "Thử", "fields": [\#(fields)]\#(extra)}"#, unit: unit) else { return [] }
        return error.problems.map { "\($0.file) \($0.path): \($0.message.en)" }
    }

    // MARK: - Date layouts

    @Test func aDeclaredLayoutRejectsADateWrittenInAnother() throws {
        let schema = try schema(#"{"name": "ngay_sinh", "format": "%d/%m/%Y"}, {"name": "ho_ten"}"#)
        let rows = RowFixtures.run(schema, [
            ("a.csv:2", ["ngay_sinh": "12/03/1985", "ho_ten": "A"]),
            ("a.csv:3", ["ngay_sinh": "1985-03-12", "ho_ten": "B"]),
            ("a.csv:4", ["ngay_sinh": "1/2/1985", "ho_ten": "C"]),          // strptime reads unpadded days
            ("a.csv:5", ["ngay_sinh": "31/02/1985", "ho_ten": "D"]),        // the layout, but no such day
            ("a.csv:6", ["ngay_sinh": "12-03-1985", "ho_ten": "E"]),
        ]).rows
        #expect(rows.map(\.codes) == [[], ["ngay_sinh:date-layout-unexpected"], [], ["ngay_sinh:type-invalid"], ["ngay_sinh:date-layout-unexpected"]])
        #expect(rows[0].value(0) == "1985-03-12")
        #expect(rows[2].value(0) == "1985-02-01")
        let finding = try #require(rows[1].finding("date-layout-unexpected"))
        #expect(finding.severity == .error)
        #expect(finding.principle == .uniformStructure)
        #expect(finding.detail == "%d/%m/%Y")
        #expect(finding.value == "1985-**-**")   // ngay_sinh is personal: only the shape and year show
    }

    @Test func withoutADeclaredLayoutEveryKnownLayoutIsRead() throws {
        let schema = try schema(#"{"name": "ngay_sinh"}"#)
        #expect(schema.fields[0].sourceLayouts == nil)
        let rows = RowFixtures.run(schema, [("a.csv:2", ["ngay_sinh": "12/03/1985"]), ("a.csv:3", ["ngay_sinh": "1985-03-12"])]).rows
        #expect(rows.map(\.codes) == [[], []])
        #expect(rows.map { $0.value(0) } == ["1985-03-12", "1985-03-12"])
    }

    @Test func aLenientDatasetWarnsAndStillWritesISO() throws {
        let schema = try schema(#"{"name": "ngay_sinh", "format": ["%d/%m/%Y", "%d.%m.%Y"]}"#,
                                extra: #", "severities": {"date-layout-unexpected": "warning"}"#)
        let rows = RowFixtures.run(schema, [("a.csv:2", ["ngay_sinh": "12.03.1985"]), ("a.csv:3", ["ngay_sinh": "1985-03-12"])]).rows
        #expect(rows.map(\.codes) == [[], ["ngay_sinh:date-layout-unexpected"]])
        #expect(rows[1].finding("date-layout-unexpected")?.severity == .warning)
        #expect(!rows[1].isRejected)
        #expect(rows.map { $0.value(0) } == ["1985-03-12", "1985-03-12"])
        #expect(rows[1].finding("date-layout-unexpected")?.detail == "%d/%m/%Y | %d.%m.%Y")
    }

    @Test func defaultIsISOAndDateTimesHaveLayoutsToo() throws {
        let schema = try schema(#"{"name": "ngay", "type": "date", "format": "default"}, {"name": "luc", "type": "datetime", "format": "%d/%m/%Y %H:%M"}"#)
        let rows = RowFixtures.run(schema, [
            ("a.csv:2", ["ngay": "2024-11-30", "luc": "30/11/2024 08:05"]),
            ("a.csv:3", ["ngay": "30/11/2024", "luc": "2024-11-30T08:05:00"]),
            ("a.csv:4", ["ngay": "2024-11-31", "luc": "30/11/2024 25:00"]),
        ]).rows
        #expect(rows.map(\.codes) == [[], ["ngay:date-layout-unexpected", "luc:date-layout-unexpected"], ["ngay:type-invalid", "luc:type-invalid"]])
        #expect(rows[0].values == ["2024-11-30", "2024-11-30T08:05:00"])
        #expect(rows[1].values == ["2024-11-30", "2024-11-30T08:05:00"])
    }

    /// A date field with a time in its layout takes midnight only, as a date field always did.
    @Test func aDateLayoutWithATimeTakesMidnightOnly() throws {
        let schema = try schema(#"{"name": "ngay", "type": "date", "format": "%d/%m/%Y %H:%M:%S"}"#)
        let rows = RowFixtures.run(schema, [("a.csv:2", ["ngay": "30/11/2024 00:00:00"]), ("a.csv:3", ["ngay": "30/11/2024 10:00:00"])]).rows
        #expect(rows.map(\.codes) == [[], ["ngay:type-invalid"]])
    }

    @Test func layoutsThatCannotBeReadAreRefused() throws {
        #expect(throws: DateLayout.Problem.self) { try DateLayout("%d/%m/%y") }
        #expect(throws: DateLayout.Problem.self) { try DateLayout("%d/%m") }
        #expect(throws: DateLayout.Problem.self) { try DateLayout("%d/%d/%m/%Y") }
        #expect(throws: DateLayout.Problem.self) { try DateLayout("%d/%m/%Y %H:%H") }
        #expect(throws: DateLayout.Problem.self) { try DateLayout("%d %B %Y") }
        #expect(throws: DateLayout.Problem.self) { try DateLayout("%d/%m/%Y%") }
        let found = try problems(#"{"name": "ngay_sinh", "format": ["%d/%m/%y"]}, {"name": "ngay_cap_nhat", "format": ["any", "%d/%m/%Y"]}"#)
        #expect(found.contains("pipelines/datasets/thu.json fields[0].format: \"%d/%m/%y\": %y is not supported (use %d, %m, %Y, %H, %M, %S; years need four digits)"))
        #expect(found.contains("pipelines/datasets/thu.json fields[1].format: \"any\" cannot be combined with other layouts"))
    }

    @Test func layoutParsingIsExact() throws {
        func parse(_ text: String, _ layout: DateLayout? = nil) throws -> String? {
            let layout = try layout ?? DateLayout("%Y%m%d")
            var copy = text
            return copy.withUTF8 { layout.parse($0) }.map { "\($0.date)" }
        }
        #expect(try parse("20241130") == "2024-11-30")
        #expect(try parse("2024113") == nil)          // two digits where numbers touch
        #expect(try parse("1/2/1985", DateLayout("%d/%m/%Y")) == "1985-02-01")
        #expect(try parse("202411300") == nil)
        #expect(try parse("2024-11-30") == nil)
        #expect(try parse("") == nil)
        #expect(try DateLayout("100%% %d/%m/%Y").tokens.first == .literal(0x31))
    }

    @Test func aUnitDeclaresItsOwnLayout() throws {
        let unit = """
        {"version": 1, "id": "don-vi-thu", "name": "Đơn vị thử",
         "sources": [{"dataset": "thu", "files": "*.csv", "formats": {"ngay_sinh": "%Y-%m-%d"}}]}
        """
        let config = try load(dataset: #"{"name": "thu", "title": "Thử", "fields": [{"name": "ngay_sinh", "format": "%d/%m/%Y"}]}"#, unit: unit).get()
        let dataset = try #require(config.datasets["thu"])
        let schema = try #require(config.units.first { $0.id == "don-vi-thu" }).schema(for: dataset)
        #expect(schema.fields[0].sourceLayouts == [.isoDate] || schema.fields[0].sourceLayouts?.map(\.description) == ["%Y-%m-%d"])
        let rows = RowFixtures.run(schema, [("a.csv:2", ["ngay_sinh": "1985-03-12"]), ("a.csv:3", ["ngay_sinh": "12/03/1985"])]).rows
        #expect(rows.map(\.codes) == [[], ["ngay_sinh:date-layout-unexpected"]])

        let wrong = """
        {"version": 1, "id": "don-vi-thu", "name": "Đơn vị thử",
         "sources": [{"dataset": "thu", "files": "*.csv", "formats": {"ho_ten": "%d/%m/%Y", "ngay_sinh": "%d/%m"}}]}
        """
        let found = try problems(#"{"name": "ngay_sinh"}, {"name": "ho_ten"}"#, unit: wrong)
        #expect(found.contains("pipelines/units/don-vi-thu.json sources[0].formats.ho_ten: is not a date field"))
        #expect(found.contains("pipelines/units/don-vi-thu.json sources[0].formats.ngay_sinh: \"%d/%m\": needs %d, %m and %Y exactly once each"))
    }

    /// The bundle holds ISO dates, so it never repeats the source layout as the field's format.
    @Test func aDateLayoutIsNotTheBundleFormat() throws {
        let schema = try schema(#"{"name": "ngay_sinh", "format": "%d/%m/%Y"}, {"name": "email"}"#)
        #expect(schema.fields[0].format == nil)
        #expect(schema.fields[1].format == "email")
    }

    // MARK: - Dropping and replacing what the dictionary gives

    @Test func nullDropsAnInheritedProperty() throws {
        let schema = try schema(#"""
            {"name": "gioi_tinh", "codeList": null, "role": null, "constraints": {"enum": ["1", "2"]}},
            {"name": "so_dinh_danh", "role": null, "constraints": {"pattern": null}},
            {"name": "so_dien_thoai", "constraints": null},
            {"name": "ma_xa", "title": null}
            """#)
        let dictionary = TestSupport.configuration.dictionary.fields
        #expect(dictionary["gioi_tinh"]?.codeList == "gioi-tinh")
        #expect(schema.fields[0].codeList == nil && schema.fields[0].role == nil)
        #expect(schema.fields[0].enumValues == ["1", "2"])
        #expect(dictionary["so_dinh_danh"]?.pattern != nil)
        #expect(schema.fields[1].pattern == nil && schema.fields[1].role == nil)
        #expect(dictionary["so_dien_thoai"]?.pattern != nil)
        #expect(schema.fields[2].pattern == nil && !schema.fields[2].required)
        #expect(schema.fields[3].title == nil && schema.fields[3].codeList == "xa")
        // Without its code list and role, "Nam" is just a value the enum does not allow.
        let rows = RowFixtures.run(schema, [("a.csv:2", ["gioi_tinh": "1", "so_dinh_danh": "12", "ma_xa": "23500"]),
                                            ("a.csv:3", ["gioi_tinh": "Nam", "so_dinh_danh": "12", "ma_xa": "23500"])]).rows
        #expect(rows.map(\.codes) == [[], ["gioi_tinh:constraint-violated"]])
    }

    @Test func aNullWhereNoneIsAllowedIsStillRefused() throws {
        let found = try problems(#"{"name": "ho_ten", "type": null}"#)
        #expect(found.contains("pipelines/datasets/thu.json fields[0].type: expected a string, found null"))
    }

    // MARK: - Which value a constraint tests

    @Test func anEnumTestsTheValueAsTheUnitWroteIt() throws {
        let schema = try schema(#"{"name": "gioi_tinh", "constraints": {"enum": ["Nam", "Nữ"]}}"#)
        let rows = RowFixtures.run(schema, [("a.csv:2", ["gioi_tinh": " Nam "]), ("a.csv:3", ["gioi_tinh": "Nữ"]), ("a.csv:4", ["gioi_tinh": "1"])]).rows
        #expect(rows.map(\.codes) == [["gioi_tinh:code-from-name"], ["gioi_tinh:code-from-name"], ["gioi_tinh:constraint-violated"]])
        #expect(rows[0].value(0) == "1")   // the code list still maps the name to its code
        #expect(rows[2].finding("constraint-violated")?.value == Masking.mask("1"))   // gioi_tinh is personal
    }

    @Test func constraintsApplyToMovesAConstraintToTheOtherValue() throws {
        let schema = try schema(#"""
            {"name": "gioi_tinh", "constraints": {"enum": ["1", "2"]}, "constraintsApplyTo": {"enum": "canonical"}},
            {"name": "so_dien_thoai", "constraints": {"pattern": "^[0-9 ]+$"}, "constraintsApplyTo": {"pattern": "source"}}
            """#)
        let rows = RowFixtures.run(schema, [("a.csv:2", ["gioi_tinh": "Nam", "so_dien_thoai": "0905 123 456"]),
                                            ("a.csv:3", ["gioi_tinh": "Nữ", "so_dien_thoai": "(0905) 123 456"])]).rows
        #expect(rows[0].codes == ["gioi_tinh:code-from-name"])
        #expect(rows[1].codes == ["gioi_tinh:code-from-name", "so_dien_thoai:pattern-mismatch"])
        #expect(rows[1].finding("pattern-mismatch")?.value == Masking.mask("(0905) 123 456"))

        let found = try problems(#"{"name": "ho_ten", "constraintsApplyTo": {"minimum": "source", "enum": "raw"}}"#)
        #expect(found.contains("pipelines/datasets/thu.json fields[0].constraintsApplyTo.minimum: can only be set for pattern, enum, minLength, maxLength"))
        #expect(found.contains("pipelines/datasets/thu.json fields[0].constraintsApplyTo.enum: expected \"source\" or \"canonical\", found \"raw\""))
    }

    // MARK: - Once only

    @Test func keyOwnerIsDeclaredAndChecked() throws {
        #expect(try schema(#"{"name": "ho_ten"}"#).keyOwner == .firstRow)
        #expect(try schema(#"{"name": "ho_ten"}"#, extra: #", "keyOwner": "first-accepted-row""#).keyOwner == .firstAcceptedRow)
        let found = try problems(#"{"name": "ho_ten"}"#, extra: #", "keyOwner": "last-row""#)
        #expect(found.contains("pipelines/datasets/thu.json keyOwner: unknown value \"last-row\""))
    }

    // MARK: - The benchmark's job

    /// The 16 rules Polars and DuckDB run, and no other: each spoils one value of a clean row.
    @Test func theBenchmarkDatasetRunsExactlyTheSixteenRules() throws {
        let text = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/datasets/thanh-vien-ho.json"), encoding: .utf8)
        let config = try load(dataset: text, named: "thanh-vien-ho").get()
        let schema = try #require(config.datasets["thanh-vien-ho"])
        let clean = ["ma_ho": "KT-000001", "ho_ten": "A Thút", "ngay_sinh": "12/03/1985", "gioi_tinh": "1", "ma_dan_toc": "27",
                     "so_dinh_danh": "062085000001", "quan_he_chu_ho": "01", "ma_xa": "23500", "ten_xa": "Xã Bờ Y", "dia_chi": "Thôn 1, xã A, x",
                     "so_dien_thoai": "016812345678", "loai_ho": "2", "nam_ra_soat": "20x4", "ngay_cap_nhat": "01/11/2024"]
        func spoil(_ field: String, _ value: String) -> [String: String] { clean.merging([field: value]) { $1 } }
        let cases: [([String: String], [String])] = [
            (clean, []),
            (spoil("ma_ho", ""), ["ma_ho:required"]),
            (spoil("ho_ten", " "), ["ho_ten:required"]),
            (spoil("ngay_sinh", ""), ["ngay_sinh:required"]),
            (spoil("gioi_tinh", ""), ["gioi_tinh:required"]),
            (spoil("so_dinh_danh", ""), ["so_dinh_danh:required"]),
            (spoil("ma_xa", ""), ["ma_xa:required"]),
            (spoil("loai_ho", ""), ["loai_ho:required"]),
            (spoil("ngay_cap_nhat", ""), ["ngay_cap_nhat:required"]),
            (spoil("so_dinh_danh", "06208500000"), ["so_dinh_danh:pattern-mismatch"]),
            (spoil("gioi_tinh", "Nam"), ["gioi_tinh:constraint-violated"]),
            (spoil("loai_ho", "3"), ["loai_ho:constraint-violated"]),
            (spoil("ma_xa", "99999"), ["ma_xa:code-unknown"]),
            (spoil("ma_dan_toc", "99"), ["ma_dan_toc:code-unknown"]),
            (spoil("ngay_sinh", "1985-03-12"), ["ngay_sinh:date-layout-unexpected"]),
            (spoil("ngay_cap_nhat", "31/02/2024"), ["ngay_cap_nhat:type-invalid"]),
        ]
        for (index, (values, expected)) in cases.enumerated() {
            let rows = RowFixtures.run(schema, [("a.csv:\(index + 2)", values)], asOf: "2025-11-30").rows
            #expect(rows[0].codes == expected, "case \(index)")
        }
        let twice = RowFixtures.run(schema, [("a.csv:2", spoil("ho_ten", "")), ("a.csv:3", clean)], asOf: "2025-11-30").rows
        #expect(twice[1].codes == ["so_dinh_danh:duplicate-key"])
    }
}
