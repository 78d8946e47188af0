/// One thing a stage noticed about the data: a flat value, worded only when rendered.
public struct Finding: Codable, Sendable, Hashable {
    /// What was noticed: its raw value (`code-retired`) is the stable id in reports.
    public var code: FindingCode
    public var severity: Severity
    public var principle: Principle
    public var location: Location
    /// The offending value, already masked when the field holds personal data.
    public var value: String?
    /// A short machine-readable hint: the expected form, a suggested code, the other row of a duplicate.
    public var detail: String?

    public init(code: FindingCode, severity: Severity, principle: Principle, location: Location,
                value: String? = nil, detail: String? = nil) {
        self.code = code
        self.severity = severity
        self.principle = principle
        self.location = location
        self.value = value
        self.detail = detail
    }

    /// `file:line:field: severity code: message`, for people.
    public func rendered(language: Language = .vi) -> String {
        var text = "\(location.rendered): \(severity.rawValue) \(code): \(FindingCatalog.message(for: code, language: language))"
        if let value { text += " [\(value)]" }
        if let detail { text += " (\(detail))" }
        return text
    }
}

/// The language of text meant for people. Vietnamese is the default.
public enum Language: String, Codable, Sendable {
    case vi, en
}
