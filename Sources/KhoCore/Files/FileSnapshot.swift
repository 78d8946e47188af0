import Foundation

/// A file's size and modification time at one moment. Inputs are listed with one when a run
/// starts: reading stops at that size, and a different snapshot after reading means the export
/// was still being written.
public struct FileSnapshot: Codable, Sendable, Equatable {
    public var bytes: Int64
    /// Modification time, nanoseconds since 1970.
    public var modifiedNanoseconds: Int64

    public init(bytes: Int64, modifiedNanoseconds: Int64) {
        self.bytes = bytes
        self.modifiedNanoseconds = modifiedNanoseconds
    }

    /// The file as it is now (`stat(2)`), or nil when it cannot be examined.
    public static func take(_ path: String) -> FileSnapshot? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileSnapshot(bytes: Int64(info.st_size),
                            modifiedNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    public var modified: Date { Date(timeIntervalSince1970: Double(modifiedNanoseconds) / 1e9) }

    /// How the file changed since this snapshot, for a finding's detail.
    public func change(to now: FileSnapshot?) -> String {
        guard let now else { return "the file disappeared while it was read" }
        var parts: [String] = []
        if now.bytes != bytes { parts.append("\(bytes) → \(now.bytes) bytes") }
        if now.modifiedNanoseconds != modifiedNanoseconds {
            parts.append("modified \(FileSnapshot.stamp(modified)) → \(FileSnapshot.stamp(now.modified))")
        }
        return parts.joined(separator: ", ")
    }

    private static func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
