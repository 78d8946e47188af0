import Foundation

public enum KhoDuLieu {
    public static let version = "0.1.0"

    /// The code that made an output: recorded in every report and bundle so that a published file
    /// can be traced back to it.
    public struct Build: Codable, Sendable, Equatable {
        public var version: String
        /// The git commit checked out where the executable was built, or `unknown` outside a checkout.
        public var commit: String

        /// `0.1.0 (3f2c1ab09e41)`.
        public var description: String { "\(version) (\(commit.prefix(12)))" }
    }

    /// Read once per process from the checkout the executable sits in (`.build/…/kdl-run`): the
    /// same code gives the same commit, so outputs stay byte-identical for the same inputs.
    public static let build = Build(version: version, commit: GitRevision.ofExecutable() ?? "unknown")
}
