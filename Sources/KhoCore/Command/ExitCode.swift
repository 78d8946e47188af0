import Foundation

/// Exit codes cron can act on (sysexits.h). Decided in one place: `ExitCode.for(_:)`.
public enum ExitCode: Int32, Sendable, CaseIterable {
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

    /// What the code means, for `--help`.
    var meaning: Message {
        switch self {
        case .ok: Message(vi: "thành công", en: "success")
        case .usage: Message(vi: "sai tùy chọn", en: "bad options")
        case .dataBlocked: Message(vi: "có dữ liệu bị chặn: tệp không đọc được hoặc không đạt ngưỡng chất lượng (xem out/reports/)",
                                   en: "data blocked: an export was unreadable or a quality gate failed (see out/reports/)")
        case .noInput: Message(vi: "không có dữ liệu đầu vào (hoặc chưa chạy bước trước)", en: "no input found (or the previous stage has not run)")
        case .internalError: Message(vi: "lỗi nội bộ", en: "internal error")
        case .ioError: Message(vi: "không ghi/đọc được tệp", en: "cannot read or write a file")
        case .locked: Message(vi: "một lần chạy khác đang giữ khóa out/.lock", en: "another run holds out/.lock")
        case .config: Message(vi: "cấu hình trong pipelines/ bị lỗi", en: "configuration in pipelines/ is broken")
        }
    }

    /// The exit code for an error a stage threw.
    public static func `for`(_ error: Error) -> ExitCode {
        switch error {
        case is UsageError: .usage
        case is ConfigError: .config
        case is OutputError, is DescriptorLimitError, is PortalReadError: .ioError
        case is LockedError: .locked
        case is MissingStageOutput, is WorkFileMismatch: .noInput
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
    /// Who holds it, when the lock file says.
    public var holder: RunLock.Holder?

    public func message(_ language: Language) -> String {
        guard let holder else {
            return language == .vi ? "\(path) đang bị một lần chạy khác khóa; thoát" : "\(path) is locked by another run; exiting"
        }
        return language == .vi
            ? "\(path) đang bị một lần chạy khác khóa (PID \(holder.pid) trên máy \(holder.host), bắt đầu lúc \(holder.started)); thoát"
            : "\(path) is locked by another run (PID \(holder.pid) on host \(holder.host), started \(holder.started)); exiting"
    }

    public var description: String { message(.en) }
}

/// A stage run alone before the stage it depends on (or after it ran for another night): maps
/// to exit code 66 (no input).
public struct MissingStageOutput: Error, CustomStringConvertible, UserFacingError, Sendable {
    public let path: String
    public let stage: String
    /// The as-of date of the file found, when it is there but from another night.
    public var foundAsOf: String?

    public init(path: String, stage: String, foundAsOf: String? = nil) {
        self.path = path
        self.stage = stage
        self.foundAsOf = foundAsOf
    }

    public func message(_ language: Language) -> String {
        if let foundAsOf {
            return language == .vi ? "\(path) là của ngày \(foundAsOf): hãy chạy \(stage) trước (hoặc kdl-run)"
                                   : "\(path) is for \(foundAsOf): run \(stage) first (or kdl-run)"
        }
        return language == .vi ? "\(path) không tồn tại: hãy chạy \(stage) trước (hoặc kdl-run)"
                               : "\(path) does not exist: run \(stage) first (or kdl-run)"
    }

    public var description: String { message(.en) }
}
