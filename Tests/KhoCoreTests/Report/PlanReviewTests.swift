import Foundation
import Testing
@testable import KhoCore

/// The plan's bookkeeping in the night's reports: the open-data list reviewed within six months
/// (Article 19), units without an open dataset, configuration warnings.
@Suite struct PlanReviewTests {
    static let asOf = TestSupport.date("2026-11-29")

    /// The configuration with the open-data list last reviewed on `reviewed` (nil: not on record).
    private func config(reviewed: String?) throws -> Configuration {
        try TestSupport.pipelines(changing: "nightly.json") { json in
            var publication = json["publication"] as? [String: Any] ?? [:]
            publication["openDataListReviewed"] = reviewed
            json["publication"] = publication
        }.get()
    }

    /// Every sample dataset with an open bundle fed by the units given.
    private func published(_ config: Configuration, units: [String: [String]]) -> [PublishedDataset] {
        config.datasetIDs.compactMap { id in
            guard let schema = config.datasets[id] else { return nil }
            let qualities = (units[id] ?? []).map { ReportFixtures.quality(id, unit: $0, unitName: $0, rows: []) }
            let quality = ReportFixtures.bundle(id, qualities: qualities).quality
            let file = BundleFile(name: "\(id)_2026-11-29.zip", bytes: 1, sha256: String(repeating: "0", count: 64), date: "2026-11-29")
            return PublishedDataset(schema: schema, open: .init(file: file, quality: quality), shared: .init(file: file, quality: quality))
        }
    }

    static let everyUnit = ["co-so-giao-duc": ["so-gddt"], "ho-kinh-doanh": ["so-khdt"], "ho-ngheo": ["ubnd-dak-ha", "ubnd-kon-ray", "ubnd-sa-thay"],
                            "quan-trac-moi-truong": ["so-nnmt"]]

    @Test func aReviewSevenMonthsOldIsFlagged() throws {
        let config = try config(reviewed: "2026-04-28")
        let review = PlanReview.make(config: config, published: published(config, units: Self.everyUnit), asOf: Self.asOf)
        #expect(review.reviewOverdue && review.nextReviewDue == "2026-10-28")
        #expect(review.notes.map(\.en) == ["The open-data list was last reviewed on 2026-04-28, more than six months ago (due 2026-10-28, Article 19)"])
        #expect(review.notes.map(\.vi) == ["Danh mục dữ liệu mở được rà soát lần cuối ngày 2026-04-28, đã quá 6 tháng (hạn 2026-10-28, Điều 19)"])
    }

    @Test func aReviewFiveMonthsOldIsNot() throws {
        let config = try config(reviewed: "2026-06-28")
        let review = PlanReview.make(config: config, published: published(config, units: Self.everyUnit), asOf: Self.asOf)
        #expect(!review.reviewOverdue && review.nextReviewDue == "2026-12-28" && review.notes.isEmpty)
        // Six months to the day is still on time; the day after is not.
        let edge = try self.config(reviewed: "2026-05-29")
        #expect(!PlanReview.make(config: edge, published: [], asOf: Self.asOf).reviewOverdue)
        #expect(PlanReview.make(config: edge, published: [], asOf: TestSupport.date("2026-11-30")).reviewOverdue)
    }

    @Test func noReviewOnRecordIsFlagged() throws {
        let config = try config(reviewed: nil)
        let review = PlanReview.make(config: config, published: published(config, units: Self.everyUnit), asOf: Self.asOf)
        #expect(review.reviewOverdue && review.openDataListReviewed == nil)
        #expect(review.notes.map(\.en) == ["No review of the open-data list on record (publication.openDataListReviewed; Article 19: at least every six months)"])
    }

    /// Kon Rẫy's rows reach no open bundle: it is listed, named as on the as-of date.
    @Test func unitsWithoutOpenDataAreListed() throws {
        let config = TestSupport.configuration
        var units = Self.everyUnit
        units["ho-ngheo"] = ["ubnd-dak-ha", "ubnd-sa-thay"]
        let review = PlanReview.make(config: config, published: published(config, units: units), asOf: Self.asOf)
        #expect(review.unitsWithoutOpenData == [.init(unit: "ubnd-kon-ray",
                                                      unitName: "Ủy ban nhân dân huyện Kon Rẫy (hoạt động đến 2025-06-30; chưa ghi nhận đơn vị kế thừa)")])
        #expect(review.notes.map(\.en) == ["Units with no open dataset yet (the plan asks each for at least one): Ủy ban nhân dân huyện Kon Rẫy (hoạt động đến 2025-06-30; chưa ghi nhận đơn vị kế thừa)"])
        // With no open bundle at all, every unit is.
        #expect(PlanReview.make(config: config, published: [], asOf: Self.asOf).unitsWithoutOpenData.map(\.unit)
            == ["so-gddt", "so-khdt", "so-nnmt", "ubnd-dak-ha", "ubnd-kon-ray", "ubnd-sa-thay"])
    }

    @Test func configurationWarningsAreCarried() throws {
        let config = try TestSupport.pipelines(changing: "units/so-nnmt.json") { $0["focalPoint"] = nil }.get()
        let review = PlanReview.make(config: config, published: published(config, units: Self.everyUnit), asOf: Self.asOf)
        #expect(review.configurationWarnings.map { "\($0.file): \($0.path)" } == ["pipelines/units/so-nnmt.json: focalPoint"])
        #expect(review.notes.map(\.en) == ["Configuration warning: pipelines/units/so-nnmt.json: focalPoint: no focal point (name, position, phone, e-mail): the unit's datasets and sharing services have no contact point"])
    }
}
