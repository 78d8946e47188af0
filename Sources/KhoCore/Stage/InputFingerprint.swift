import Foundation

/// What a unit's dataset was last processed from: tool version, as-of date, configuration hash and
/// each input file's name, size and modification time. When it matches, `kdl-run` reuses the
/// outputs instead of reading the files again.
struct InputFingerprint: Codable, Equatable {
    struct File: Codable, Equatable {
        var name: String
        var bytes: Int64
        var modified: Double
    }

    var version: String
    var asOf: String
    var configuration: String
    var files: [File]

    init(version: String = KhoDuLieu.version, asOf: CivilDate, configuration: String, inputs: [URL]) {
        self.version = version
        self.asOf = asOf.description
        self.configuration = configuration
        files = inputs.map { url in
            let attributes = (try? FileManager.default.attributesOfItem(atPath: url.path)) ?? [:]
            return File(name: url.lastPathComponent, bytes: (attributes[.size] as? NSNumber)?.int64Value ?? -1,
                        modified: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
        }
    }

    /// SHA-256 over every file in the pipeline folder, in name order.
    static func configurationHash(pipelineFolder: URL) -> String {
        var hasher = SHA256()
        let files = (FileManager.default.enumerator(atPath: pipelineFolder.path)?.compactMap { $0 as? String } ?? []).sorted()
        for name in files {
            guard let data = try? Data(contentsOf: pipelineFolder.appendingPathComponent(name)) else { continue }
            hasher.update(Array(name.utf8) + [0])
            hasher.update(Array(data))
        }
        return hasher.finalizeHex()
    }
}
