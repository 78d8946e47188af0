import Foundation
import Testing
@testable import KhoCore

struct CodeListTests {
    /// A list read from its file: names and aliases are found whatever the spelling of the name
    /// asked for (composed or decomposed, the old tone placement, another case or spacing), a
    /// name written decomposed in the file included, and each `|` of the aliases ends one.
    @Test func namesFromTheFileAreFoundInEverySpelling() throws {
        let folder = try TestSupport.temporaryFolder()
        let file = folder.appendingPathComponent("xa.csv")
        let rows = [
            "code,name,valid_from,valid_to,successor,aliases,level",
            "23701,Thuận Hòa,,,,Thuan Hoa|Xã Thuận Hoà,Xã",
            "23702,\("Đắk Hà".decomposedStringWithCanonicalMapping),,,,Dak Ha||ĐẮK HÀ,Xã",
            "23703,Hòa Bình,,,,,Phường",
        ]
        try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: file)
        let problems = ConfigProblems()
        let list = try #require(CodeList.load(file, displayName: "xa.csv", prefixes: NamePrefixes(["Xã", "Phường"]), problems: problems))
        #expect(problems.problems.isEmpty)
        #expect(list.entries.map(\.aliases) == [["Thuan Hoa", "Xã Thuận Hoà"], ["Dak Ha", "ĐẮK HÀ"], []])
        #expect(list.entries.map { $0.extra["level"] } == ["Xã", "Xã", "Phường"])
        for spelling in ["Thuận Hòa", "thuận hoà", "THUẬN  HÒA", "Thuận Hòa".decomposedStringWithCanonicalMapping, "Thuan Hoa", "Xã Thuận Hòa"] {
            #expect(list.codes(named: spelling, on: nil) == ["23701"], "\(spelling)")
        }
        for spelling in ["Đắk Hà", "đắk hà", "Dak Ha", "Xã Đắk Hà", "Đắk Hà".decomposedStringWithCanonicalMapping] {
            #expect(list.codes(named: spelling, on: nil) == ["23702"], "\(spelling)")
        }
        #expect(list.codes(named: "Phường Hòa Bình", on: nil) == ["23703"])
        #expect(list.codes(named: "Hoa Binh", on: nil).isEmpty)
        #expect(list.codes(named: "Thuận", on: nil).isEmpty)
        #expect(list.entries[0].nameKeys == [NameKey.key("Thuận Hòa"), NameKey.key("Thuan Hoa"), NameKey.key("Xã Thuận Hoà")])
        #expect(list.entries[1].nameKeys.count == 2)
        // A name checked against its row (a code given with its name), and looked up on a date.
        let day = try #require(CivilDate(iso: "2025-07-01"))
        #expect(list.nameMatches(list.entries[0], "Xã Thuận Hoà".decomposedStringWithCanonicalMapping))
        #expect(list.nameMatches(list.entries[0], "thuan hoa"))
        #expect(!list.nameMatches(list.entries[0], "Thuận Hòe"))
        #expect(list.codes(named: "Thuận Hoà", on: day) == ["23701"])
        #expect(list.codes(named: "Thuận Hòe", on: day).isEmpty)
    }
}
