/// The province plan's bookkeeping on the as-of date, for the night's reports (`run.json`, the
/// summary, the HTML report): whether the open-data list was reviewed within the last six months
/// (Article 19), which units contribute no open dataset yet (the plan asks every unit for at least
/// one), and what the configuration lacks (a unit without a focal point). None of it stops a run.
public struct PlanReview: Codable, Sendable, Equatable {
    public struct Unit: Codable, Sendable, Equatable {
        public var unit: String
        /// As named on the as-of date.
        public var unitName: String
    }

    /// A configuration warning: the file, the key, what is missing.
    public struct Warning: Codable, Sendable, Equatable {
        public var file: String
        public var path: String
        public var message: Message
    }

    /// When the open-data list was last reviewed; nil when the configuration does not say.
    public var openDataListReviewed: String?
    /// Six months after the last review.
    public var nextReviewDue: String?
    /// The review is older than six months on the as-of date, or none is on record.
    public var reviewOverdue: Bool
    /// Units whose rows reach no open bundle that publishes data.
    public var unitsWithoutOpenData: [Unit]
    public var configurationWarnings: [Warning]

    /// Article 19: the open-data list is reviewed at least every six months.
    public static let reviewMonths = 6
}

extension PlanReview {
    /// From the configuration and the bundles the catalogs were written from.
    static func make(config: Configuration, published: [PublishedDataset], asOf: CivilDate) -> PlanReview {
        let reviewed = config.pipeline.publication.openDataListReviewed
        let due = reviewed?.adding(months: reviewMonths)
        var contributing = Set<String>()
        for dataset in published {
            guard let open = dataset.open, publishesData(dataset.schema, gates: config.pipeline.gates) else { continue }
            for line in open.quality?.units ?? [] { contributing.insert(line.unit) }
        }
        let without = config.units.filter { !contributing.contains($0.id) }.map { unit in
            Unit(unit: unit.id, unitName: UnitName(unit, on: asOf).text)
        }
        return PlanReview(openDataListReviewed: reviewed?.description, nextReviewDue: due?.description,
                          reviewOverdue: due.map { asOf > $0 } ?? true, unitsWithoutOpenData: without,
                          configurationWarnings: config.warnings.map { Warning(file: $0.file, path: $0.path, message: $0.message) })
    }

    /// An open bundle that carries something of the dataset: an open field, or an aggregate.
    private static func publishesData(_ schema: DatasetSchema, gates: QualityGates) -> Bool {
        let policy = OpenDataPolicy(dataset: schema, gates: gates)
        return policy.publishesRows ? !policy.openFields.isEmpty : !policy.aggregates.isEmpty
    }

    /// What the reports say, one line each; nothing when the plan is kept.
    public var notes: [Message] {
        var notes: [Message] = []
        switch (openDataListReviewed, nextReviewDue) {
        case (let reviewed?, let due?) where reviewOverdue:
            notes.append(Message(vi: "Danh mục dữ liệu mở được rà soát lần cuối ngày \(reviewed), đã quá 6 tháng (hạn \(due), Điều 19)",
                                 en: "The open-data list was last reviewed on \(reviewed), more than six months ago (due \(due), Article 19)"))
        case (nil, _):
            notes.append(Message(vi: "Chưa ghi ngày rà soát danh mục dữ liệu mở (publication.openDataListReviewed; Điều 19: ít nhất 6 tháng một lần)",
                                 en: "No review of the open-data list on record (publication.openDataListReviewed; Article 19: at least every six months)"))
        default: break
        }
        if !unitsWithoutOpenData.isEmpty {
            let names = unitsWithoutOpenData.map(\.unitName).joined(separator: "; ")
            notes.append(Message(vi: "Đơn vị chưa có bộ dữ liệu mở nào (kế hoạch yêu cầu mỗi đơn vị ít nhất một): \(names)",
                                 en: "Units with no open dataset yet (the plan asks each for at least one): \(names)"))
        }
        for warning in configurationWarnings {
            let place = warning.path.isEmpty ? warning.file : "\(warning.file): \(warning.path)"
            notes.append(Message(vi: "Cảnh báo cấu hình: \(place): \(warning.message.vi)", en: "Configuration warning: \(place): \(warning.message.en)"))
        }
        return notes
    }
}
