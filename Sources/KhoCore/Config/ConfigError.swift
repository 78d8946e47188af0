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
    /// What is missing but does not stop the run (a unit without a focal point): shown in the
    /// night's reports, so it is fixed without a night lost.
    private(set) var warnings: [ConfigError.Problem] = []
    /// A file the machine could not read (no descriptor left, an I/O error): not the
    /// configuration's fault, so it stops loading with exit code 74 instead of 78.
    private(set) var systemFailure: OutputError?

    func system(_ error: OutputError) {
        if systemFailure == nil { systemFailure = error }
    }

    func add(_ file: String, _ path: String, _ message: Message) {
        problems.append(.init(file: file, path: path, message: message))
    }

    func warn(_ file: String, _ path: String, _ message: Message) {
        warnings.append(.init(file: file, path: path, message: message))
    }

    /// What was collected, to hand to another thread.
    struct Collected: Sendable {
        var problems: [ConfigError.Problem]
        var warnings: [ConfigError.Problem]
        var systemFailure: OutputError?
    }

    var collected: Collected { Collected(problems: problems, warnings: warnings, systemFailure: systemFailure) }

    /// Problems collected elsewhere, after these ones.
    func merge(_ other: Collected) {
        problems += other.problems
        warnings += other.warnings
        if let failure = other.systemFailure { system(failure) }
    }

    func throwIfAny() throws {
        if let systemFailure { throw systemFailure }
        if !problems.isEmpty { throw ConfigError(problems: problems) }
    }
}
