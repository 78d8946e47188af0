/// Where a finding was made. Lines are 1-based physical lines of the source file as the unit sent it.
public struct Location: Codable, Sendable, Hashable {
    public var unit: String?
    public var file: String?
    public var line: Int?
    public var field: String?

    public init(unit: String? = nil, file: String? = nil, line: Int? = nil, field: String? = nil) {
        self.unit = unit
        self.file = file
        self.line = line
        self.field = field
    }

    /// `file:line:field`, the way compilers and linters print positions.
    public var rendered: String {
        var parts: [String] = []
        if let file { parts.append(file) } else if let unit { parts.append(unit) }
        if let line { parts.append(String(line)) }
        if let field { parts.append(field) }
        return parts.joined(separator: ":")
    }
}
