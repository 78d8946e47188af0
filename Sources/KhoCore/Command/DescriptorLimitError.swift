import Foundation

/// Too few file descriptors to run at all (`ulimit -n`): exit code 74, like any other I/O failure.
public struct DescriptorLimitError: Error, UserFacingError, CustomStringConvertible, Sendable {
    /// Standard streams, the lock, libdispatch's own, an input and the outputs of two jobs.
    static let minimum: rlim_t = 16
    public let limit: Int

    public func message(_ language: Language) -> String {
        language == .vi ? "chỉ được mở \(limit) tệp cùng lúc (ulimit -n); cần ít nhất \(DescriptorLimitError.minimum)"
                        : "only \(limit) open files are allowed (ulimit -n); at least \(DescriptorLimitError.minimum) are needed"
    }

    public var description: String { message(.en) }
}
