/// A configuration file that cannot be used, with every problem found in it (not just the first).
/// A broken setup stops the run: it maps to exit code 78.
public struct ConfigError: Error, CustomStringConvertible, UserFacingError, Sendable {
    public struct Problem: Sendable, Equatable {
        /// The file, relative to the pipeline folder where possible (with `:line:column` for syntax).
        public let file: String
        /// JSON path of the offending key, e.g. `sources[2].columns.HoTen`; empty for the whole file.
        public let path: String
        public let message: Message

        public func rendered(_ language: Language) -> String {
            path.isEmpty ? "\(file): \(message.text(language))" : "\(file): \(path): \(message.text(language))"
        }

        public var rendered: String { rendered(.en) }
    }

    public let problems: [Problem]

    public init(problems: [Problem]) { self.problems = problems }

    public init(file: String, path: String = "", message: Message) {
        problems = [Problem(file: file, path: path, message: message)]
    }

    public func message(_ language: Language) -> String { problems.map { $0.rendered(language) }.joined(separator: "\n") }

    public var description: String { message(.en) }
}

/// Collects configuration problems while decoding, so one run reports them all.
final class ConfigProblems {
    private(set) var problems: [ConfigError.Problem] = []

    func add(_ file: String, _ path: String, _ message: Message) {
        problems.append(.init(file: file, path: path, message: message))
    }

    func throwIfAny() throws {
        if !problems.isEmpty { throw ConfigError(problems: problems) }
    }
}
