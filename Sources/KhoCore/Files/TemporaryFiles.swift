import Foundation

/// Temporary files a killed run left behind. `AtomicFile` names them
/// `.<name>.tmp-<pid>-<serial>`; a command that holds the run lock removes every one not of its
/// own process: the lock admits one writer at a time, so no other process can still be writing
/// one, whatever its PID (which may have been reused since).
public enum TemporaryFiles {
    public struct Removal: Codable, Sendable, Equatable {
        public var files: Int
        public var bytes: Int64

        public init(files: Int, bytes: Int64) {
            self.files = files
            self.bytes = bytes
        }
    }

    /// Removes every temporary file under `out` but those of `ownPID` (-1 keeps none: a failed
    /// run clears its own before it exits).
    public static func removeStale(in out: URL, ownPID: Int32 = getpid()) -> Removal {
        var removal = Removal(files: 0, bytes: 0)
        guard let walker = FileManager.default.enumerator(atPath: out.path) else { return removal }
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard name.hasPrefix("."), let pid = pid(inTemporaryName: name), pid != ownPID else { continue }
            let path = out.appendingPathComponent(relative).path
            let size = FileSnapshot.take(path)?.bytes ?? 0
            if unlink(path) == 0 {
                removal.files += 1
                removal.bytes += size
            }
        }
        return removal
    }

    /// The PID in `.<name>.tmp-<pid>-<serial>`, or nil for any other name.
    static func pid(inTemporaryName name: String) -> Int32? {
        guard let marker = name.range(of: AtomicFile.temporaryMarker, options: .backwards) else { return nil }
        let parts = name[marker.upperBound...].split(separator: "-")
        guard parts.count == 2, let pid = Int32(parts[0]), Int(parts[1]) != nil else { return nil }
        return pid
    }
}
