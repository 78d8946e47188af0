/// What the improvement plans aim at (`improvement` in `nightly.json`): a dataset graded below
/// `targetGrade`, or with a principle scored under `minPrincipleScore`, gets a plan, due by
/// `targetDate` (by default six months after the plan's date).
public struct ImprovementSettings: Sendable, Equatable {
    public var targetGrade: Grade = .b
    public var minPrincipleScore = 75.0
    public var targetDate: CivilDate?

    public init() {}

    /// Six months: two quarterly evaluations to show the change.
    public static let defaultMonths = 6

    public func target(from asOf: CivilDate) -> CivilDate {
        targetDate ?? asOf.adding(months: ImprovementSettings.defaultMonths) ?? asOf
    }
}

extension ImprovementSettings {
    static func load(_ object: ConfigObject) -> ImprovementSettings {
        var settings = ImprovementSettings()
        object.accept("$comment")
        if let text = object.string("targetGrade") {
            if let grade = Grade(rawValue: text), grade != .c { settings.targetGrade = grade }
            else { object.problem("targetGrade", Message(vi: "cần \"A\" hoặc \"B\"", en: "expected \"A\" or \"B\"")) }
        }
        if let score = object.number("minPrincipleScore") {
            if (0...100).contains(score) { settings.minPrincipleScore = score }
            else { object.problem("minPrincipleScore", Message(vi: "phải từ 0 đến 100", en: "must be 0 to 100")) }
        }
        settings.targetDate = object.date("targetDate")
        object.finish()
        return settings
    }
}
