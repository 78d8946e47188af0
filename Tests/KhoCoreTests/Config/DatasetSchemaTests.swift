import Foundation
import Testing
@testable import KhoCore

@Suite struct DatasetSchemaTests {
    private func owner(_ value: Any) throws -> Result<Configuration, ConfigError> {
        try TestSupport.pipelines(changing: "datasets/ho-kinh-doanh.json") { json in
            var service = json["sharingService"] as? [String: Any] ?? [:]
            service["owner"] = value
            json["sharingService"] = service
        }
    }

    /// A dated owner is named as on the date of the listing; the other properties stay as written.
    @Test func aDatedServiceOwnerIsTheOneInForce() throws {
        let config = try owner([["name": "Cơ quan A", "validTo": "2025-02-28"],
                                ["name": "Cơ quan B", "validFrom": "2025-03-01"]]).get()
        let service = try #require(config.datasets["ho-kinh-doanh"]).sharingService
        #expect(service.descriptor(on: TestSupport.date("2025-02-28"))["owner"] == "Cơ quan A")
        #expect(service.descriptor(on: TestSupport.date("2025-03-01"))["owner"] == "Cơ quan B")
        #expect(service.descriptor(on: TestSupport.date("2025-03-01"))["name"] == "Dịch vụ chia sẻ danh sách hộ kinh doanh")
    }

    @Test func aCommentIsNotPublishedAsAProperty() throws {
        let config = try TestSupport.pipelines(changing: "datasets/co-so-giao-duc.json") { json in
            var service = json["sharingService"] as? [String: Any] ?? [:]
            service["$comment"] = "ghi chú cho người sửa tệp"
            json["sharingService"] = service
        }.get()
        let service = try #require(config.datasets["co-so-giao-duc"]).sharingService
        #expect(service.descriptor(on: TestSupport.date("2026-01-15"))["$comment"] == nil)
    }

    @Test func anUndatedOwnerIsTextAsBefore() throws {
        let service = TestSupport.dataset("ho-kinh-doanh").sharingService
        #expect(service.owner == nil)
        #expect(service.descriptor(on: TestSupport.date("2026-01-15"))["owner"] == service.properties.first { $0.key == "owner" }?.value)
    }

    @Test func anInvalidDatedOwnerIsRefusedWithItsPath() throws {
        guard case .failure(let error) = try owner([["name": "Cơ quan A", "validTo": "2025-02-28"],
                                                    ["validFrom": "2025-02-01"]]) else {
            Issue.record("loaded")
            return
        }
        #expect(error.problems.map { "\($0.file): \($0.path): \($0.message.en)" } == [
            "pipelines/datasets/ho-kinh-doanh.json: sharingService.owner[1].name: is required",
            "pipelines/datasets/ho-kinh-doanh.json: sharingService.owner[1].validFrom: 2025-02-01 overlaps sharingService.owner[0] (valid to 2025-02-28); it must be 2025-03-01",
        ])
    }
}
