import Testing
@testable import KhoCore

/// The communes a dataset's rows lie in, as the catalogs list them.
@Suite struct CommuneCoverageTests {
    @Test func eachCodeOnceSortedEmptyValuesLeftOut() throws {
        let schema = TestSupport.dataset("ho-ngheo")
        var coverage = CommuneCoverage(dataset: schema, communeCatalog: "xa")
        let index = try #require(schema.fieldIndex("ma_xa"))
        for code in ["23500", "23479", "", "23500", "23485"] {
            var values = [String](repeating: "x", count: schema.fields.count)
            values[index] = code
            coverage.add(FieldRow(values))
        }
        #expect(coverage.sortedCodes == ["23479", "23485", "23500"])
    }

    @Test func aDatasetWithoutACommuneFieldSaysNothing() {
        var schema = TestSupport.dataset("ho-ngheo")
        schema.fields.removeAll { $0.codeList == "xa" }
        let coverage = CommuneCoverage(dataset: schema, communeCatalog: "xa")
        #expect(coverage.sortedCodes == nil)
    }
}
