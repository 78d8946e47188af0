import Foundation

/// The file-system calls outputs need besides `AtomicFile`, each failing with an `OutputError`
/// that names the path, so every failure to write becomes exit code 74 with the file named.
enum FileSystem {
    /// Creates a folder and its parents (`mkdir(2)`); an existing folder is fine.
    static func createFolder(_ url: URL) throws {
        var info = stat()
        if stat(url.path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw OutputError(path: url.path, operation: .createFolder, errorNumber: ENOTDIR)
            }
            return
        }
        let parent = url.deletingLastPathComponent()
        if parent.path != url.path { try createFolder(parent) }
        try FaultInjection.check(.createFolder, url)
        if mkdir(url.path, 0o700) != 0 {
            if errno == EEXIST { return }
            throw OutputError(path: url.path, operation: .createFolder)
        }
        // Created owner-only, then opened to whom the policy allows: never wider than it for a moment.
        try FilePermissions.apply(folder: url)
    }

    /// Removes a file (`unlink(2)`); one already gone is fine.
    static func remove(_ url: URL) throws {
        try FaultInjection.check(.remove, url)
        if unlink(url.path) != 0 && errno != ENOENT { throw OutputError(path: url.path, operation: .remove) }
    }

    /// Removes a folder if it is empty (`rmdir(2)`); a folder with files stays.
    static func removeIfEmpty(_ url: URL) {
        rmdir(url.path)
    }

    /// Makes the renames in the folder durable (`fsync(2)` of the folder); best effort. Commits
    /// leave it to `FolderSync`.
    static func syncFolder(_ url: URL) {
        let folder = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    /// Names in a folder (`opendir(3)`), sorted; none when it does not exist. Any other failure
    /// (no descriptor left, an I/O error) is an error: an inbox that cannot be listed is not an
    /// empty one.
    static func names(in url: URL) throws -> [String] {
        guard let folder = opendir(url.path) else {
            if errno == ENOENT || errno == ENOTDIR { return [] }
            throw OutputError(path: url.path, operation: .read)
        }
        defer { closedir(folder) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(folder) else {
                if errno != 0 { throw OutputError(path: url.path, operation: .read) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}

/// Output that could not be written: maps to exit code 74.
public struct OutputError: Error, CustomStringConvertible, UserFacingError, Sendable {
    public enum Operation: String, Sendable {
        case create, write, fsync, rename, read, remove, lock
        case createFolder = "create-folder"
        case permissions = "set-permissions"

        var words: Message {
            switch self {
            case .create: Message(vi: "không tạo được tệp", en: "cannot create")
            case .write: Message(vi: "không ghi được", en: "cannot write")
            case .fsync: Message(vi: "không đồng bộ được xuống đĩa (fsync)", en: "cannot flush to disk (fsync)")
            case .rename: Message(vi: "không đổi tên được tệp tạm thành", en: "cannot rename the temporary file to")
            case .read: Message(vi: "không đọc được", en: "cannot read")
            case .remove: Message(vi: "không xóa được", en: "cannot remove")
            case .lock: Message(vi: "không mở được tệp khóa", en: "cannot open the lock file")
            case .createFolder: Message(vi: "không tạo được thư mục", en: "cannot create the folder")
            case .permissions: Message(vi: "không đặt được quyền truy cập (chmod/chown) cho", en: "cannot set the permissions (chmod/chown) of")
            }
        }
    }

    public let path: String
    public let operation: Operation
    public let errorNumber: Int32
    /// What went wrong beyond the system's reason, if anything.
    public let note: Message?

    public init(path: String, operation: Operation, errorNumber: Int32 = errno, note: Message? = nil) {
        self.path = path
        self.operation = operation
        self.errorNumber = errorNumber
        self.note = note
    }

    public var reason: String { String(cString: strerror(errorNumber)) }

    public func message(_ language: Language) -> String {
        "\(operation.words.text(language)) \(path): \(note?.text(language) ?? reason)"
    }

    public var description: String { message(.en) }
}

/// Failures injected by the test suite where a real one cannot be arranged (a full disk on a
/// machine without tmpfs, a failed `fsync`): `KDL_INJECT_FAULT=<operation>:<file name>` makes
/// that operation fail with EIO (ENOSPC for `write`) for outputs of that name (`*` for any).
/// Read once; unset in production, where it costs one comparison per call.
enum FaultInjection {
    private static let rule: (operation: String, name: String)? = {
        guard let value = ProcessInfo.processInfo.environment["KDL_INJECT_FAULT"],
              let colon = value.firstIndex(of: ":") else { return nil }
        return (String(value[..<colon]), String(value[value.index(after: colon)...]))
    }()

    static func check(_ operation: OutputError.Operation, _ url: URL) throws {
        guard let rule, rule.operation == operation.rawValue, rule.name == "*" || rule.name == url.lastPathComponent else { return }
        throw OutputError(path: url.path, operation: operation, errorNumber: operation == .write ? ENOSPC : EIO)
    }
}
