/// A problem report file left out, and why: the file (with the line, for CSV), the field and the
/// reason — kept in the night's reports so the data desk sees it after the night's stderr is gone.
/// The reasons quote codes, names and dates, never the description or the reporter.
public struct FeedbackRefusal: Codable, Sendable, Equatable {
    /// `feedback/x.json`, or `feedback/x.csv:2`.
    public var file: String
    /// The field; empty for the whole file.
    public var field: String
    public var message: Message

    public init(file: String, field: String, message: Message) {
        self.file = file
        self.field = field
        self.message = message
    }

    public func rendered(_ language: Language) -> String {
        field.isEmpty ? "\(file): \(message.text(language))" : "\(file): \(field): \(message.text(language))"
    }
}
