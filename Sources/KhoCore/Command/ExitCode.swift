import Foundation

/// Exit codes cron can act on (sysexits.h). Decided in one place: `ExitCode.for(_:)`.
public enum ExitCode: Int32, Sendable {
    case ok = 0
    /// Bad flags or arguments.
    case usage = 64
    /// Data was blocked: an export could not be read, or a dataset failed a quality gate.
    case dataBlocked = 65
    /// No input was found.
    case noInput = 66
    /// A bug: please report it.
    case internalError = 70
    /// Output could not be written.
    case ioError = 74
    /// Another run holds the lock.
    case locked = 75
    /// The configuration in `pipelines/` is broken.
    case config = 78

    /// The exit code for an error a stage threw.
    public static func `for`(_ error: Error) -> ExitCode {
        switch error {
        case is UsageError: .usage
        case is ConfigError: .config
        case is OutputError, is DescriptorLimitError: .ioError
        case is LockedError: .locked
        case is MissingStageOutput: .noInput
        case let error as ReadError: error.code == .fileUnreadable ? .ioError : .dataBlocked
        case let error as CocoaError where error.isFileError: .ioError
        case is POSIXError: .ioError
        default: .internalError
        }
    }
}

/// A command line that cannot be understood, naming the offending argument.
public struct UsageError: Error, CustomStringConvertible, UserFacingError, Sendable {
    public let text: Message

    public init(vi: String, en: String) { text = Message(vi: vi, en: en) }

    public func message(_ language: Language) -> String { text.text(language) }

    public var description: String { text.en }
}

/// Another run holds the lock on the output folder.
public struct LockedError: Error, CustomStringConvertible, UserFacingError, Sendable {
    public let path: String

    public func message(_ language: Language) -> String {
        language == .vi ? "\(path) đang bị một lần chạy khác khóa; thoát" : "\(path) is locked by another run; exiting"
    }

    public var description: String { message(.en) }
}

/// An exclusive, non-blocking lock on `out/.lock` (`flock`), released when the process ends.
public final class RunLock {
    private let descriptor: Int32

    public init(_ url: URL) throws {
        try FileSystem.createFolder(url.deletingLastPathComponent())
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError(path: url.path, operation: .lock) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw LockedError(path: url.path)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
