/// The overall quality grade of a unit's dataset. The thresholds are in `QualityScore`.
public enum Grade: String, Codable, Sendable, Comparable {
    case a = "A", b = "B", c = "C"

    /// Worse grades compare greater: `grade >= .c` means "C or worse".
    public static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.rawValue < rhs.rawValue }
}
