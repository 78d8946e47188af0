import Foundation
import Testing
@testable import KhoCore

/// A unit's period and successor in `pipelines/units/<id>.json`.
@Suite struct UnitSourceTests {
    private func problems(_ change: @escaping (inout [String: Any]) -> Void) throws -> [String] {
        guard case .failure(let error) = try TestSupport.pipelines(changing: "units/ubnd-dak-ha.json", change) else { return [] }
        return error.problems.map { "\($0.file): \($0.path): \($0.message.en)" }
    }

    @Test func aPeriodAndASuccessorLoad() throws {
        let config = try TestSupport.pipelines(changing: "units/ubnd-dak-ha.json") { json in
            json["validTo"] = "2025-06-30"
            json["successor"] = ["name": "Cơ quan kế thừa thử", "$comment": "agencyCode not known"]
        }.get()
        let unit = try #require(config.unit("ubnd-dak-ha"))
        #expect(unit.validTo == TestSupport.date("2025-06-30"))
        #expect(unit.successor == Organization(name: "Cơ quan kế thừa thử"))
    }

    @Test func aSuccessorNeedsAnEndAndAName() throws {
        #expect(try problems { json in
            json.removeValue(forKey: "validTo")
            json["successor"] = ["name": "X"]
        }
            == ["pipelines/units/ubnd-dak-ha.json: successor: needs validTo: a successor takes over the day after the unit ends"])
        #expect(try problems { json in
            json["validTo"] = "2025-06-30"
            json["successor"] = ["agencyCode": "000.00.00.X00", "validFrom": "2025-07-01"]
        } == ["pipelines/units/ubnd-dak-ha.json: successor.name: is required",
              "pipelines/units/ubnd-dak-ha.json: successor.validFrom: unknown key"])
    }

    @Test func aPeriodThatEndsBeforeItStartsIsRefused() throws {
        #expect(try problems { json in
            json["validFrom"] = "2025-07-01"
            json["validTo"] = "2025-06-30"
        } == ["pipelines/units/ubnd-dak-ha.json: validTo: 2025-06-30 is before validFrom 2025-07-01"])
        #expect(try problems { $0["validTo"] = "2025-02-30" }
            == ["pipelines/units/ubnd-dak-ha.json: validTo: expected a date YYYY-MM-DD, found \"2025-02-30\""])
    }

    /// A workbook's sheet: a name or a number from 1; anything else names the key.
    @Test func theSheetOfAWorkbook() throws {
        func sheet(_ value: Any) throws -> SheetChoice? {
            let config = try TestSupport.pipelines(changing: "units/ubnd-dak-ha.json") { json in
                var sources = json["sources"] as! [[String: Any]]
                sources[0]["sheet"] = value
                json["sources"] = sources
            }.get()
            return config.unit("ubnd-dak-ha")?.sources.first?.sheet
        }
        #expect(try sheet("DanhSach") == .name("DanhSach"))
        #expect(try sheet(2) == .index(2))
        for bad: Any in [0, 1.5, "", true] {
            #expect(try problems { json in
                var sources = json["sources"] as! [[String: Any]]
                sources[0]["sheet"] = bad
                json["sources"] = sources
            } == ["pipelines/units/ubnd-dak-ha.json: sources[0].sheet: expected a sheet name or a number from 1"])
        }
    }
}
