/// A configuration file that cannot be used, with every problem found in it (not just the first).
/// A broken setup stops the run: it maps to exit code 78.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public struct Problem: Sendable, Equatable {
        /// The file, relative to the pipeline folder where possible.
        public let file: String
        /// JSON path of the offending key, e.g. `sources[2].columns.HoTen`; empty for the whole file.
        public let path: String
        public let message: String

        public var rendered: String { path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)" }
    }

    public let problems: [Problem]

    public init(problems: [Problem]) { self.problems = problems }

    public init(file: String, path: String = "", message: String) {
        problems = [Problem(file: file, path: path, message: message)]
    }

    public var description: String { problems.map(\.rendered).joined(separator: "\n") }
}

/// Collects configuration problems while decoding, so one run reports them all.
final class ConfigProblems {
    private(set) var problems: [ConfigError.Problem] = []

    func add(_ file: String, _ path: String, _ message: String) {
        problems.append(.init(file: file, path: path, message: message))
    }

    func throwIfAny() throws {
        if !problems.isEmpty { throw ConfigError(problems: problems) }
    }
}
