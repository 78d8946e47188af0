/// Work files of two stages that do not belong together: `validated.csv` names rows of
/// `extracted.csv` by number, so it holds only for the `extracted.csv` it was made from.
public struct WorkFileMismatch: Error, CustomStringConvertible, UserFacingError, Sendable {
    public let path: String
    public let line: Int
    public let field: String
    public let detail: Message

    public func message(_ language: Language) -> String {
        "\(path):\(line):\(field): \(detail.text(language))"
            + (language == .vi ? "; hãy chạy lại kdl-validate (hoặc kdl-run)" : "; run kdl-validate again (or kdl-run)")
    }

    public var description: String { message(.en) }
}
