import Foundation
import Testing
@testable import KhoCore

/// `focalPoint` in `units/<id>.json`: the unit's đầu mối, read strictly; a unit without one is a
/// warning, not an error.
@Suite struct FocalPointTests {
    static let file = "units/so-gddt.json"

    private func unit(_ change: @escaping (inout [String: Any]) -> Void) throws -> Result<Configuration, ConfigError> {
        try TestSupport.pipelines(changing: Self.file, change)
    }

    private func focalPoint(_ values: [String: String]) throws -> Result<Configuration, ConfigError> {
        try unit { json in
            var point = json["focalPoint"] as? [String: Any] ?? [:]
            for (key, value) in values { point[key] = value }
            json["focalPoint"] = point
        }
    }

    private func problems(_ result: Result<Configuration, ConfigError>) -> [String] {
        guard case .failure(let error) = result else { return [] }
        return error.problems.map { "\($0.file): \($0.path): \($0.message.en)" }
    }

    @Test func everySampleUnitHasOne() throws {
        let config = TestSupport.configuration
        #expect(config.units.allSatisfy { $0.focalPoint != nil })
        #expect(config.warnings.isEmpty, "\(config.warnings.map(\.rendered))")
        let point = try #require(config.unit("so-nnmt")?.focalPoint)
        #expect(point.phone == "0260 0000 003" && point.telURI == "tel:+842600000003")
        #expect(point.email == "dau-moi@so-nnmt.kontum.example" && point.mailtoURI == "mailto:dau-moi@so-nnmt.kontum.example")
    }

    @Test func aBadEmailOrPhoneIsRefusedWithItsFileAndKey() throws {
        #expect(problems(try focalPoint(["email": "dau-moi.so-gddt"]))
            == ["pipelines/units/so-gddt.json: focalPoint.email: \"dau-moi.so-gddt\" is not an e-mail address (name@agency.gov.vn)"])
        #expect(problems(try focalPoint(["phone": "0260 386"]))
            == ["pipelines/units/so-gddt.json: focalPoint.phone: \"0260 386\" is not a phone number: expected 10 or 11 digits starting with 0 (or +84), optionally separated by spaces, dots or hyphens"])
        for email in ["a@b", "a b@so.gov.vn", "a@@so.gov.vn", ".a@so.gov.vn", "a@-so.gov.vn", "đầu-mối@so.gov.vn", "a@so.gov.v1"] {
            #expect(problems(try focalPoint(["email": email])).count == 1, "\(email)")
        }
        for phone in ["02603862123x", "+1 202 555 0100", "2603862123", "0260 3862 12345", ""] {
            #expect(problems(try focalPoint(["phone": phone])).count == 1, "\(phone)")
        }
    }

    @Test func phonesAreReadInTheFormsOfficesWriteThem() throws {
        let forms = ["0260 3862 123": "tel:+842603862123", "+84 260 3862 123": "tel:+842603862123", "(0260) 3.862.123": "tel:+842603862123",
                     "0905-123-456": "tel:+84905123456", "84 905 123 456": "tel:+84905123456"]
        for (phone, uri) in forms {
            let point = try focalPoint(["phone": phone]).get().unit("so-gddt")?.focalPoint
            #expect(point?.telURI == uri, "\(phone)")
        }
    }

    @Test func everyPartIsRequiredAndNoOtherKey() throws {
        let result = try unit { json in json["focalPoint"] = ["name": " ", "phone": "0260 3862 123", "mail": "x@so.gov.vn"] }
        #expect(problems(result) == [
            "pipelines/units/so-gddt.json: focalPoint.name: must not be empty",
            "pipelines/units/so-gddt.json: focalPoint.position: is required",
            "pipelines/units/so-gddt.json: focalPoint.email: is required",
            "pipelines/units/so-gddt.json: focalPoint.mail: unknown key",
        ])
    }

    /// `contact` was accepted and ignored; it is refused now, pointing at what replaced it.
    @Test func theOldContactKeyPointsToFocalPoint() throws {
        let result = try unit { json in json["contact"] = "Văn phòng Sở" }
        #expect(problems(result) == ["pipelines/units/so-gddt.json: contact: contact is replaced by focalPoint: {\"name\": …, \"position\": …, \"phone\": …, \"email\": …} (the unit's focal point)"])
    }

    @Test func aUnitWithoutOneIsAWarningNotAnError() throws {
        let config = try unit { json in json["focalPoint"] = nil }.get()
        #expect(config.unit("so-gddt")?.focalPoint == nil)
        #expect(config.warnings.map(\.rendered) == [
            "pipelines/units/so-gddt.json: focalPoint: no focal point (name, position, phone, e-mail): the unit's datasets and sharing services have no contact point",
        ])
    }
}
