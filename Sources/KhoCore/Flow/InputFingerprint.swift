import Foundation

/// What a unit's dataset was last processed from: tool version, as-of date, configuration hash and
/// each input file's name, size and modification time. When it matches, `kdl-run` reuses the
/// outputs instead of reading the files again.
struct InputFingerprint: Codable, Equatable {
    struct File: Codable, Equatable {
        var name: String
        var bytes: Int64
        var modified: Int64
    }

    var version: String
    var asOf: String
    var configuration: String
    var files: [File]

    /// From the inputs as the run listed them (archives once, however many members they hold).
    init(version: String = KhoDuLieu.version, asOf: CivilDate, configuration: String, inputs: [InputFile]) {
        self.version = version
        self.asOf = asOf.description
        self.configuration = configuration
        var seen = Set<String>()
        files = inputs.filter { seen.insert($0.url.path).inserted }.sorted { $0.url.path < $1.url.path }.map { input in
            File(name: input.url.lastPathComponent, bytes: input.snapshot?.bytes ?? -1, modified: input.snapshot?.modifiedNanoseconds ?? 0)
        }
    }

    /// SHA-256 over exactly the configuration files the run loaded, each named relative to the
    /// project root: an edit to any of them, wherever `--pipeline` points, changes it.
    static func configurationHash(files: [URL], root: URL) -> String {
        var hasher = SHA256()
        for url in files.sorted(by: { $0.path < $1.path }) {
            let name = url.path.hasPrefix(root.path + "/") ? String(url.path.dropFirst(root.path.count + 1)) : url.path
            hasher.update(Array(name.utf8) + [0])
            hasher.update(Array((try? Data(contentsOf: url)) ?? Data()))
            hasher.update([0])
        }
        return hasher.finalizeHex()
    }
}
