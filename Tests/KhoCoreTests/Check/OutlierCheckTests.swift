import Testing
@testable import KhoCore

/// Outliers are judged over the whole field after the last row, with a robust score.
@Suite struct OutlierCheckTests {
    private func run(_ students: [String]) -> [Finding] {
        let schema = TestSupport.dataset("co-so-giao-duc")
        let context = DatasetContext(schema: schema, unit: "so-gddt", asOf: TestSupport.date("2026-11-29"),
                                        codeLists: TestSupport.configuration.codeLists)
        let check = OutlierCheck(schema: schema)
        let field = schema.fieldIndex("so_hoc_sinh")!
        for (line, value) in students.enumerated() {
            var values = [String](repeating: "", count: schema.fields.count)
            values[field] = value
            var row = RowState(record: Record(values: values, file: "so-gddt/t.csv", line: line + 2))
            check.check(&row, context)
        }
        return check.finish(context)
    }

    @Test func aFarValueIsInfoWithItsLine() throws {
        var values = (0..<30).map { String(400 + ($0 * 7) % 50) }
        values[12] = "9000"
        let findings = run(values)
        #expect(findings.map(\.code.rawValue) == ["outlier"])
        let finding = try #require(findings.first)
        #expect(finding.severity == .info)
        #expect(finding.location.line == 14 && finding.location.field == "so_hoc_sinh")
        #expect(finding.value == "9000")
    }

    @Test func aSpreadOutFieldHasNoOutliers() {
        #expect(run((0..<30).map { String(100 + $0 * 37) }).isEmpty)
    }

    @Test func tooFewValuesAreNotJudged() {
        #expect(run(["400", "410", "9000"]).isEmpty)
    }
}
