/// What a finding is about: one of Decree 47's Article 9 principles, or a usual quality dimension.
public enum Principle: String, Codable, Sendable, CaseIterable {
    /// 9.1 — organized uniformly, stored so it can be shared (structure, types, required values).
    case uniformStructure = "9.1"
    /// 9.2 — uses the shared code lists, consistent with master data.
    case sharedCodes = "9.2"
    /// 9.3 — once only: no record reported twice.
    case onceOnly = "9.3"
    case completeness
    case accuracy
    case timeliness
    case privacy

    /// The three Article 9 principles, in order.
    public static let article9: [Principle] = [.uniformStructure, .sharedCodes, .onceOnly]
}
