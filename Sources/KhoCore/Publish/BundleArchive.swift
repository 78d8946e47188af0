import Foundation

/// The first bundle format: a Frictionless Data Package in a deterministic ZIP. The data CSVs stream
/// in first (deflated on worker threads, hashed as they go), then `datapackage.json`, `README.md`
/// and `quality.json`, whose content depends on the data. The ZIP appears under its name only
/// when complete, with its `.sha256` sidecar.
final class BundleArchive: BundleWriter {
    /// A data CSV being written into the archive, with the SHA-256 and size its descriptor needs.
    final class DataFile {
        let name: String
        let title: String
        let schema: TableSchema
        fileprivate let entry: ZipWriter.Entry
        private let counter: ByteCounter
        let writer: CSVWriter

        /// Counts the bytes that pass into the entry (the descriptor's `bytes`).
        private final class ByteCounter {
            var bytes: Int64 = 0
        }

        var bytes: Int64 { counter.bytes }

        fileprivate init(name: String, title: String, schema: TableSchema, entry: ZipWriter.Entry) throws {
            self.name = name
            self.title = title
            self.schema = schema
            self.entry = entry
            let counter = ByteCounter()
            self.counter = counter
            writer = CSVWriter { chunk in
                counter.bytes += Int64(chunk.count)
                try entry.write(chunk)
            }
            try writer.write(schema.fields.map(\.name))
        }

        /// Data rows written (the header not counted).
        var rows: Int { writer.rows - 1 }
    }

    let url: URL
    let side: BundleSide
    private let file: AtomicFile
    private let zip: ZipWriter
    private(set) var dataFiles: [DataFile] = []

    convenience init(dataset: String, side: BundleSide, asOf: CivilDate, workspace: Workspace, level: Int32) throws {
        try self.init(url: workspace.bundle(side, dataset, asOf: asOf), side: side, level: level, asOf: asOf)
    }

    init(url: URL, side: BundleSide, level: Int32, asOf: CivilDate) throws {
        self.url = url
        self.side = side
        file = try AtomicFile(url)
        zip = ZipWriter(file: file, level: level, date: asOf)
    }

    /// Starts `data/<name>.csv` with its header. One table at a time: end it before the next.
    func beginTable(name: String, title: String, schema: TableSchema) throws -> CSVWriter {
        let data = try DataFile(name: name, title: title, schema: schema, entry: try zip.beginEntry("data/\(name).csv"))
        dataFiles.append(data)
        return data.writer
    }

    func closeTable() throws {
        try dataFiles.last?.entry.close()
    }

    func endTable() throws {
        guard let data = dataFiles.last else { return }
        try zip.endEntry(data.entry)
    }

    var fileName: String { url.lastPathComponent }

    /// Writes the descriptor, README and quality summary, completes the ZIP and its sidecar.
    func finish(package: DataPackage, readme: String, quality: [UInt8]) throws -> BundleReport.Output {
        try zip.addEntry("datapackage.json", bytes: try JSONOutput.encode(package))
        try zip.addEntry("README.md", bytes: Array(readme.utf8))
        try zip.addEntry("quality.json", bytes: quality)
        try zip.finish()
        // The archive is hashed while its fsync waits for the disk: one after the other, a
        // million-row night's shared bundle took 36 ms from its last entry to its sidecar, 26 ms so.
        let pending = PendingCommit(file: file, written: try FileByteStream(path: file.flushedTemporaryPath(), limit: file.count))
        let (_, sha256) = try ParallelMap.both({ try pending.file.commit() }, { try BundleArchive.sha256(of: pending.written) })
        try AtomicFile.write(Array("\(sha256)  \(url.lastPathComponent)\n".utf8), to: url.appendingPathExtension("sha256"))
        let dataset = url.deletingLastPathComponent().lastPathComponent
        return BundleReport.Output(side: side, path: "\(side.rawValue)/\(dataset)/\(url.lastPathComponent)", sha256: sha256,
                                   bytes: file.count, rows: dataFiles.first?.rows ?? 0)
    }

    /// Drops the archive: its temporary file is removed, nothing appears under its name.
    func abandon() {
        file.discard()
    }

    /// The descriptor's resources for the data files written.
    var resources: [DataPackage.Resource] {
        dataFiles.map { data in
            DataPackage.Resource(name: data.name, title: data.title, path: "data/\(data.name).csv", bytes: data.bytes,
                                 hash: "sha256:\(data.entry.sha256)", rows: data.rows, schema: data.schema)
        }
    }

    /// The archive and the bytes written to it, handed to two threads: `@unchecked`, as the file is
    /// only committed on one and the stream only read on the other.
    private struct PendingCommit: @unchecked Sendable {
        let file: AtomicFile
        let written: FileByteStream
    }

    static func sha256(of url: URL) throws -> String {
        try sha256(of: FileByteStream(path: url.path))
    }

    static func sha256(of stream: FileByteStream) throws -> String {
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            if count == 0 { break }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        return hasher.finalizeHex()
    }
}

/// The formats every bundle is written in. Another format (or a push to a portal) is one type
/// conforming to `BundleWriter` and one line here.
enum BundleFormats {
    static var all: [any BundleWriter.Type] { [BundleArchive.self] }
}
