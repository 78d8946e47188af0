import Foundation

/// The nightly pipeline (`pipelines/nightly.json`): where to read and write, which units, the gates.
public struct Pipeline: Sendable {
    public var inbox: String = "samples/inbox"
    public var out: String = "out"
    /// Unit ids to process; empty means every unit in `pipelines/units/`.
    public var units: [String] = []
    public var gates = QualityGates()
    public var compressionLevel: Int32 = 6
    /// How many dated shared bundles to keep per dataset.
    public var retention = 7
    /// How many dated open bundles to keep per dataset (`openRetention`; default `retention`):
    /// open data may stay longer than shared data holding personal details.
    public var openRetention: Int?
    /// Nights a unit's work files (personal data, needed only to rerun a stage or carry its rows
    /// forward) are kept after the night they were read (`workRetentionDays`).
    public var workRetentionDays: Int?
    /// The group that may read `work/`, `shared/` and the reports (`permissions.group`); nil: the owner only.
    public var fileGroup: FileGroup?
    /// Inbox files modified less than this many seconds before a run may still be arriving and
    /// are left for the next run.
    public var quietPeriodSeconds: Double = 60
    /// A unit that sent no export tonight contributes its last rows for up to this many days.
    public var carryForwardDays = 7
    public var limits = ReadLimits()
    /// Who publishes the bundles, by date. Without `publisher` in `nightly.json`, the name every
    /// earlier version used.
    public var publisher = Succession(Organization(name: "Ủy ban nhân dân tỉnh Kon Tum"))
    public var legal = LegalTexts()
    /// The public address of `out/`, the area covered, the open-data list's last review.
    public var publication = PublicationSettings()
    /// What each finding costs a row in the scores, for every dataset (`scoreWeights`).
    public var scoreWeights = ScoreWeights.defaults
    /// What the open side may show, for every dataset (`openData`).
    public var openData = OpenDataDefaults()
    /// What the improvement plans of `kdl-report` aim at.
    public var improvement = ImprovementSettings()
    /// Data users' problem reports, relative to the project (`FeedbackInbox`).
    public var feedback = "feedback"

    /// How many bundles of a side to keep.
    public func bundlesKept(_ side: BundleSide) -> Int {
        side == .open ? openRetention ?? retention : retention
    }

    /// Nights work files are kept: never fewer than a unit's rows may be carried forward.
    public var workFilesKept: Int { workRetentionDays ?? max(7, carryForwardDays) }
}

/// A group of the system's group database, by name or number, resolved when the configuration loads.
public struct FileGroup: Sendable, Equatable {
    public var name: String
    public var id: gid_t

    /// Looks the group up (`getgrnam(3)`), or takes a number as it is.
    static func resolve(_ name: String) -> FileGroup? {
        if let number = UInt32(name) { return FileGroup(name: name, id: number) }
        guard let entry = getgrnam(name) else { return nil }
        return FileGroup(name: name, id: entry.pointee.gr_gid)
    }
}

/// The open-data settings `nightly.json` gives every dataset; `OpenDataPolicy` applies them.
public struct OpenDataDefaults: Sendable {
    /// The smallest count of people or households an open aggregate shows (a dataset's aggregate
    /// or measure may set its own `minCount`); 0 or 1 shows every count.
    public var minCount = 3

    public init(minCount: Int = 3) { self.minCount = minCount }
}

/// Thresholds that keep a dataset off the open side for the night.
public struct QualityGates: Sendable {
    /// Highest share of extracted rows that may be rejected (0...1) before the open bundle is withheld.
    public var maxRejectedShare = 0.25
    /// A dataset graded this or worse is withheld from the open side.
    public var blockGrade: Grade? = .c
    /// Most personal-looking values (e-mail, phone, ID number) a night's open free text of one
    /// dataset may hold, masked, before its open bundle is withheld: a few slips are masked, more
    /// mean the field carries contact data by habit and the scan may be missing the rest.
    public var maxPersonalDataInOpenText = 3
}

/// Bounds that protect the readers from hostile or broken input.
public struct ReadLimits: Sendable {
    public var maxLineBytes = 1 << 20
    public var maxDecompressedBytes: Int64 = 4 << 30
    /// Largest ratio of decompressed to compressed size accepted for archives.
    public var maxCompressionRatio: Int64 = 200
    public var maxXMLDepth = 64
    /// Largest shared-strings table of an `.xlsx` held in memory while its sheet is read.
    public var maxSharedStringsBytes = 256 << 20
}

extension Pipeline {
    static func load(_ url: URL, displayName: String, problems: ConfigProblems) -> Pipeline {
        var pipeline = Pipeline()
        guard let root = ConfigFile.object(at: url, displayName: displayName, problems: problems) else { return pipeline }
        _ = root.integer("version")
        root.accept("$comment", "title")
        if let inbox = root.string("inbox") { pipeline.inbox = inbox }
        if let out = root.string("out") { pipeline.out = out }
        if let feedback = root.string("feedback") { pipeline.feedback = feedback }
        if let units = root.strings("units") { pipeline.units = units }
        if let level = root.integer("compressionLevel") {
            if (1...9).contains(level) { pipeline.compressionLevel = Int32(level) }
            else { root.problem("compressionLevel", Message(vi: "phải từ 1 đến 9", en: "must be 1 to 9")) }
        }
        if let retention = root.integer("retention") {
            if retention >= 1 { pipeline.retention = retention } else { root.problem("retention", Message(vi: "phải từ 1 trở lên", en: "must be at least 1")) }
        }
        if let retention = root.integer("openRetention") {
            if retention >= pipeline.retention { pipeline.openRetention = retention }
            else { root.problem("openRetention", Message(vi: "phải từ retention (\(pipeline.retention)) trở lên: dữ liệu mở không giữ ngắn hơn dữ liệu dùng chung",
                                                          en: "must be at least retention (\(pipeline.retention)): open data is not kept shorter than shared data")) }
        }
        if let permissions = root.object("permissions") {
            permissions.accept("$comment")
            if let name = permissions.string("group") {
                if let group = FileGroup.resolve(name) { pipeline.fileGroup = group }
                else { permissions.problem("group", Message(vi: "không có nhóm \"\(name)\" trên máy này", en: "no group \"\(name)\" on this machine")) }
            }
            permissions.finish()
        }
        if let seconds = root.number("quietPeriodSeconds") {
            if seconds >= 0 { pipeline.quietPeriodSeconds = seconds } else { root.problem("quietPeriodSeconds", Message(vi: "phải từ 0 trở lên", en: "must be 0 or more")) }
        }
        if let days = root.integer("carryForwardDays") {
            if days >= 0 { pipeline.carryForwardDays = days } else { root.problem("carryForwardDays", Message(vi: "phải từ 0 trở lên", en: "must be 0 or more")) }
        }
        if let nights = root.integer("workRetentionDays") {
            if nights >= pipeline.carryForwardDays && nights >= 1 { pipeline.workRetentionDays = nights }
            else { root.problem("workRetentionDays", Message(
                vi: "phải từ 1 và từ carryForwardDays (\(pipeline.carryForwardDays)) trở lên: dòng của đơn vị được mang sang đọc từ tệp làm việc",
                en: "must be at least 1 and at least carryForwardDays (\(pipeline.carryForwardDays)): rows carried forward are read from the work files")) }
        }
        if let gates = root.object("gates") {
            if let share = gates.number("maxRejectedShare") {
                if (0...1).contains(share) { pipeline.gates.maxRejectedShare = share }
                else { gates.problem("maxRejectedShare", Message(vi: "phải từ 0 đến 1", en: "must be between 0 and 1")) }
            }
            if let count = gates.integer("maxPersonalDataInOpenText") {
                if count >= 0 { pipeline.gates.maxPersonalDataInOpenText = count }
                else { gates.problem("maxPersonalDataInOpenText", Message(vi: "phải từ 0 trở lên", en: "must be 0 or more")) }
            }
            switch gates.raw("blockGrade") {
            case nil: break
            case .null: pipeline.gates.blockGrade = nil
            case .string(let text):
                if let grade = Grade(rawValue: text) { pipeline.gates.blockGrade = grade }
                else { gates.problem("blockGrade", Message(vi: "cần \"A\", \"B\", \"C\" hoặc null", en: "expected \"A\", \"B\", \"C\" or null")) }
            default: gates.problem("blockGrade", Message(vi: "cần \"A\", \"B\", \"C\" hoặc null", en: "expected \"A\", \"B\", \"C\" or null"))
            }
            gates.finish()
        }
        if let limits = root.object("limits") {
            if let value = limits.integer("maxLineBytes") { pipeline.limits.maxLineBytes = value }
            if let value = limits.integer("maxDecompressedBytes") { pipeline.limits.maxDecompressedBytes = Int64(value) }
            if let value = limits.integer("maxCompressionRatio") { pipeline.limits.maxCompressionRatio = Int64(value) }
            if let value = limits.integer("maxXMLDepth") { pipeline.limits.maxXMLDepth = value }
            if let value = limits.integer("maxSharedStringsBytes") { pipeline.limits.maxSharedStringsBytes = value }
            limits.finish()
        }
        if let weights = root.object("scoreWeights") {
            pipeline.scoreWeights = ScoreWeights.defaults.resolved(own: ScoreWeights.read(weights), severities: [:])
        }
        if let openData = root.object("openData") {
            if let minCount = openData.integer("minCount") {
                if minCount >= 0 { pipeline.openData.minCount = minCount }
                else { openData.problem("minCount", Message(vi: "phải từ 0 trở lên", en: "must be 0 or more")) }
            }
            openData.finish()
        }
        if let improvement = root.object("improvement") { pipeline.improvement = ImprovementSettings.load(improvement) }
        applyLegacyTerms(loadPublisher(root, into: &pipeline), root: root, to: &pipeline)
        if let legal = root.object("legal") { pipeline.legal = LegalTexts.load(legal, over: pipeline.legal) }
        pipeline.publication = PublicationSettings.load(root.object("publication"), root: root)
        root.finish()
        return pipeline
    }

    /// `publisher` as a list of dated entries, or as the single undated object of earlier versions,
    /// read as before: its name may be left out and it may carry the open terms (`terms`,
    /// `termsEnglish`), which are returned.
    private static func loadPublisher(_ root: ConfigObject, into pipeline: inout Pipeline) -> (vi: String?, en: String?) {
        switch root.oneOrMany("publisher") {
        case nil:
            return (nil, nil)
        case .many(let entries):
            for entry in entries {
                for key in ["terms", "termsEnglish"] where entry.has(key) {
                    _ = entry.raw(key)
                    entry.problem(key, Message(vi: "điều khoản sử dụng nay nằm trong legal.open.terms", en: "terms of use now belong in legal.open.terms"))
                }
            }
            if let succession = Succession.load(entries, in: root, key: "publisher", keys: [.agencyCode, .contact, .homepage]) {
                pipeline.publisher = succession
            }
            return (nil, nil)
        case .one(let single):
            for key in ["validFrom", "validTo"] where single.has(key) {
                _ = single.raw(key)
                single.problem(key, Message(vi: "cơ quan công bố có thời hạn được ghi thành danh sách: \"publisher\": [{…}, {…}]",
                                            en: "a dated publisher is written as a list: \"publisher\": [{…}, {…}]"))
            }
            single.accept("$comment")
            var organization = pipeline.publisher.entries[0]
            if let name = single.string("name") { organization.name = name }
            organization.agencyCode = single.string("agencyCode")
            organization.contact = single.string("contact")
            organization.homepage = single.string("homepage")
            let terms = (vi: single.string("terms"), en: single.string("termsEnglish"))
            single.finish()
            pipeline.publisher = Succession(organization)
            return terms
        }
    }

    /// The open terms that earlier versions read from `publisher` (`terms`, `termsEnglish`). Beside
    /// `legal` they would be a second place for the same text, so there they are refused.
    private static func applyLegacyTerms(_ terms: (vi: String?, en: String?), root: ConfigObject, to pipeline: inout Pipeline) {
        for (key, value) in [("terms", terms.vi), ("termsEnglish", terms.en)] {
            guard let value else { continue }
            if root.has("legal") {
                root.problem("publisher.\(key)", Message(vi: "đã có legal: điều khoản sử dụng ghi ở legal.open.terms",
                                                         en: "legal is given: the terms of use belong in legal.open.terms"))
            } else if key == "terms" {
                pipeline.legal.open.terms.vi = value
            } else {
                pipeline.legal.open.terms.en = value
            }
        }
    }
}
