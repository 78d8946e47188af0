import Foundation
import Testing
@testable import KhoCore

/// `publisher` in `nightly.json` as dated entries: exactly one body in force on every date.
@Suite struct SuccessionTests {
    static var konTum: [String: Any] { ["name": "Ủy ban nhân dân tỉnh Kon Tum", "validTo": "2025-06-30"] }
    static var quangNgai: [String: Any] { ["name": "Ủy ban nhân dân tỉnh Quảng Ngãi", "validFrom": "2025-07-01"] }

    private func publisher(_ entries: Any) throws -> Result<Configuration, ConfigError> {
        try TestSupport.pipelines(changing: "nightly.json") { $0["publisher"] = entries }
    }

    /// Each problem as `file: path: message`, or nothing when the configuration loads.
    private func problems(_ entries: Any) throws -> [String] {
        guard case .failure(let error) = try publisher(entries) else { return [] }
        return error.problems.map { "\($0.file): \($0.path): \($0.message.en)" }
    }

    @Test func theEntryInForceOnEachSideOfTheMerger() throws {
        let succession = try publisher([Self.konTum, Self.quangNgai]).get().pipeline.publisher
        #expect(succession.inForce(on: TestSupport.date("2025-06-30")).name == "Ủy ban nhân dân tỉnh Kon Tum")
        #expect(succession.inForce(on: TestSupport.date("2025-07-01")).name == "Ủy ban nhân dân tỉnh Quảng Ngãi")
        #expect(succession.inForce(on: TestSupport.date("1990-01-01")).name == "Ủy ban nhân dân tỉnh Kon Tum")
        #expect(succession.inForce(on: TestSupport.date("2030-01-01")).name == "Ủy ban nhân dân tỉnh Quảng Ngãi")
    }

    /// The single undated object of earlier versions is still read, name optional as before.
    @Test func theSingleObjectOfEarlierVersionsStillLoads() throws {
        let named = try publisher(["name": "Ủy ban nhân dân tỉnh Kon Tum", "contact": "Sở Khoa học và Công nghệ"]).get().pipeline.publisher
        #expect(named.entries == [Organization(name: "Ủy ban nhân dân tỉnh Kon Tum", contact: "Sở Khoa học và Công nghệ")])
        let unnamed = try publisher(["contact": "x"]).get().pipeline.publisher
        #expect(unnamed.entries.map(\.name) == ["Ủy ban nhân dân tỉnh Kon Tum"])
        #expect(try problems(["name": "A", "validTo": "2025-06-30"])
            == ["pipelines/nightly.json: publisher.validTo: a dated publisher is written as a list: \"publisher\": [{…}, {…}]"])
    }

    @Test func overlappingPeriodsAreRefused() throws {
        var early = Self.quangNgai
        early["validFrom"] = "2025-06-01"
        #expect(try problems([Self.konTum, early])
            == ["pipelines/nightly.json: publisher[1].validFrom: 2025-06-01 overlaps publisher[0] (valid to 2025-06-30); it must be 2025-07-01"])
        #expect(try problems([["name": "Ủy ban nhân dân tỉnh Kon Tum"], Self.quangNgai])
            == ["pipelines/nightly.json: publisher[0].validTo: is required: without it this entry overlaps publisher[1] (from 2025-07-01)"])
        // Listed out of order, the entries overlap too.
        #expect(try problems([Self.quangNgai, Self.konTum]).contains { $0.contains("publisher[0].validFrom: the first entry has no validFrom") })
    }

    @Test func aGapBetweenPeriodsIsRefused() throws {
        var late = Self.quangNgai
        late["validFrom"] = "2025-07-02"
        #expect(try problems([Self.konTum, late])
            == ["pipelines/nightly.json: publisher[1].validFrom: 2025-07-02 leaves a gap from 2025-07-01: no body follows publisher[0] (valid to 2025-06-30); it must be 2025-07-01"])
        var ending = Self.quangNgai
        ending["validTo"] = "2030-12-31"
        #expect(try problems([Self.konTum, ending]).contains { $0.hasPrefix("pipelines/nightly.json: publisher[1].validTo: the last entry has no validTo") })
        var late2 = Self.quangNgai
        late2.removeValue(forKey: "validFrom")
        #expect(try problems([Self.konTum, late2]) == ["pipelines/nightly.json: publisher[1].validFrom: is required: this entry follows publisher[0]"])
    }

    @Test func aMissingOrEmptyNameAndABadDateAreRefused() throws {
        #expect(try problems([Self.konTum, ["validFrom": "2025-07-01"]]) == ["pipelines/nightly.json: publisher[1].name: is required"])
        #expect(try problems([Self.konTum, ["name": " ", "validFrom": "2025-07-01"]]) == ["pipelines/nightly.json: publisher[1].name: must not be empty"])
        #expect(try problems([["name": "A", "validTo": "30/06/2025"], Self.quangNgai])
            .contains("pipelines/nightly.json: publisher[0].validTo: expected a date YYYY-MM-DD, found \"30/06/2025\""))
        #expect(try problems([]) == ["pipelines/nightly.json: publisher: needs at least one entry"])
    }

    @Test func termsInADatedEntryPointToLegal() throws {
        var konTum = Self.konTum
        konTum["terms"] = "Điều 18"
        #expect(try problems([konTum, Self.quangNgai]) == ["pipelines/nightly.json: publisher[0].terms: terms of use now belong in legal.open.terms"])
    }
}
