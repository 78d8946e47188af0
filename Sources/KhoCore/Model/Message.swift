/// Text for people in both languages, made where the fact is known and chosen when shown.
/// Every message a command prints goes through one of these, so no English leaks into a
/// Vietnamese run and no Vietnamese into an English one.
public struct Message: Sendable, Equatable, Codable {
    public var vi: String
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    public func text(_ language: Language) -> String { language == .vi ? vi : en }

    /// The same words in both languages: names, paths, numbers.
    public static func verbatim(_ text: String) -> Message { Message(vi: text, en: text) }
}

/// An error a command reports to its user, worded in the user's language.
public protocol UserFacingError: Error {
    func message(_ language: Language) -> String
}
