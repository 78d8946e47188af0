import Foundation

/// What the folders a run uses already let other accounts do, checked before the run writes: an
/// inbox or `out/` anyone can write into lets anyone plant an export or replace a bundle, so the run
/// refuses (exit 78); a `shared/` or `work/` folder left readable by others by an earlier version or
/// by hand is reported, since the run's own modes cannot close it.
public enum FolderExposure {
    /// Throws a configuration error naming each world-writable folder; returns a warning for each
    /// existing `shared/` or `work/` folder others may read or enter.
    public static func check(out: URL, inbox: URL) throws -> [Message] {
        var problems: [ConfigError.Problem] = []
        for (folder, key) in [(out, "out"), (inbox, "inbox")] {
            var info = stat()
            guard stat(folder.path, &info) == 0, info.st_mode & S_IWOTH != 0 else { continue }
            problems.append(.init(file: folder.path, path: "", message: Message(
                vi: "thư mục \(key) ai cũng ghi được (quyền \(octal(info.st_mode))): hãy bỏ quyền ghi của người khác (chmod o-w)",
                en: "the \(key) folder is writable by everyone (mode \(octal(info.st_mode))): remove others' write permission (chmod o-w)")))
        }
        if !problems.isEmpty { throw ConfigError(problems: problems) }
        var warnings: [Message] = []
        for name in ["shared", "work"] {
            let folder = out.appendingPathComponent(name)
            var info = stat()
            guard stat(folder.path, &info) == 0, info.st_mode & (S_IROTH | S_IXOTH) != 0 else { continue }
            warnings.append(Message(
                vi: "\(folder.path) cho người dùng khác đọc được (quyền \(octal(info.st_mode))) mà chứa dữ liệu cá nhân: chmod o-rwx",
                en: "\(folder.path) is readable by other users (mode \(octal(info.st_mode))) and holds personal data: chmod o-rwx"))
        }
        return warnings
    }

    private static func octal(_ mode: mode_t) -> String { "0" + String(mode & 0o7777, radix: 8) }
}
