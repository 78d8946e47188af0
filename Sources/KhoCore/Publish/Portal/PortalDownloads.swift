import Foundation
import Synchronization

/// The portal's downloads: each open bundle, its `.sha256` sidecar and each of its CSVs, copied
/// under `portal/files/<id>/` and checked against their SHA-256 on the way. They depend on the
/// open bundles only, so the nightly run copies them on a thread of their own while it writes
/// the reports the pages need (on a million rows, inflating the open table is the longest step
/// left at the end of the night).
final class PortalDownloads: Sendable {
    private let loaded = Handoff<[PortalDataset]>()
    private let written = Handoff<Set<String>>()

    /// Starts copying the downloads of every dataset with a current open bundle.
    init(config: Configuration, workspace: Workspace) {
        let thread = Thread { [self] in
            let datasets = Result { try PortalDataset.load(config: config, workspace: workspace) }
            loaded.set(datasets)
            written.set(Result { try PortalDownloads.copy(try datasets.get(), to: PortalSite.folder(workspace)) })
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// The open datasets the downloads are copied from, once read: the pages show the same ones,
    /// and need not read every bundle a second time.
    func datasets() throws -> [PortalDataset] { try loaded.wait() }

    /// The paths written under `portal/`, once every copy is done; rethrows a copy's error.
    func wait() throws -> Set<String> { try written.wait() }

    /// A result set once on one thread and waited for on others.
    private final class Handoff<Value: Sendable>: Sendable {
        private let value = Mutex<Result<Value, any Error>?>(nil)
        private let ready = DispatchSemaphore(value: 0)

        func set(_ result: Result<Value, any Error>) {
            value.withLock { $0 = result }
            ready.signal()
        }

        func wait() throws -> Value {
            ready.wait()
            ready.signal()
            return try value.withLock { $0! }.get()
        }
    }

    /// Copies the downloads of `datasets` under `root`; returns the paths written, relative to it.
    /// A dataset's bundle and its tables are copied at once: the bundle's copy is mostly its two
    /// `fsync`s, the tables' is inflating and hashing.
    static func copy(_ datasets: [PortalDataset], to root: URL) throws -> Set<String> {
        var written: Set<String> = []
        for dataset in datasets {
            let (bundle, tables) = try ParallelMap.both({ try copyBundle(dataset, to: root) }, { try copyTables(dataset, to: root) })
            written.formUnion(bundle)
            written.formUnion(tables)
        }
        return written
    }

    /// The bundle and its `.sha256` sidecar.
    private static func copyBundle(_ dataset: PortalDataset, to root: URL) throws -> [String] {
        let files = PortalSite.filesFolder(dataset.id)
        try copy(dataset.bundle, to: root.appendingPathComponent(files + dataset.pointer.file),
                 bytes: dataset.pointer.bytes, sha256: dataset.pointer.sha256)
        try AtomicFile.write(PortalSite.sidecar(dataset.pointer), to: root.appendingPathComponent(files + dataset.pointer.sha256File))
        return [files + dataset.pointer.file, files + dataset.pointer.sha256File]
    }

    /// Each CSV of the bundle, inflated.
    private static func copyTables(_ dataset: PortalDataset, to root: URL) throws -> [String] {
        let files = PortalSite.filesFolder(dataset.id)
        let archive = try PortalReadError.wrap(dataset.bundle.path) { try ZipArchive(path: dataset.bundle.path) }
        var written: [String] = []
        for table in dataset.tables {
            let source = try PortalReadError.wrap("\(dataset.bundle.path)!\(table.resource.path)") {
                try PortalDataset.stream(table.resource.path, of: archive)
            }
            try copy(source, named: "\(dataset.bundle.path)!\(table.resource.path)", to: root.appendingPathComponent(files + table.resource.fileName),
                     bytes: table.resource.bytes, sha256: table.resource.sha256)
            written.append(files + table.resource.fileName)
        }
        return written
    }

    private static func copy(_ file: URL, to target: URL, bytes: Int64, sha256: String) throws {
        let source = try PortalReadError.wrap(file.path) { try FileByteStream(path: file.path) }
        try copy(source, named: file.path, to: target, bytes: bytes, sha256: sha256)
    }

    /// Copies a stream to `target`, atomically, hashing on the way: a copy whose size or SHA-256
    /// is not what the page will print is never committed. Each chunk is hashed on one thread and
    /// written on another while the next is read: hashing and writing one after the other took
    /// twice as long as inflating, and the copy of the open table is the longest step at the end
    /// of a night.
    private static func copy(_ source: ByteStream, named name: String, to target: URL, bytes: Int64, sha256: String) throws {
        let file = try AtomicFile(target, direct: true)
        var digest = SHA256()
        try BatchPipe<[UInt8]>.run(batchSize: 1, consume: { chunk in chunk.withUnsafeBytes { digest.update($0) } }) { toHash in
            try BatchPipe<[UInt8]>.run(batchSize: 1, consume: { chunk in try chunk.withUnsafeBytes { try file.write($0) } }) { toDisk in
                var ended = false
                while !ended {
                    // Filled by the reads, not zeroed first: at the end of a night that was a 59 MB memset.
                    let chunk = try [UInt8](unsafeUninitializedCapacity: 1 << 20) { buffer, filled in
                        let bytes = UnsafeMutableRawBufferPointer(buffer)
                        while filled < bytes.count {
                            let count = try PortalReadError.wrap(name) { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[filled...])) }
                            if count == 0 { ended = true; break }
                            filled += count
                        }
                    }
                    guard !chunk.isEmpty else { continue }
                    try toHash.send(chunk)
                    try toDisk.send(chunk)
                }
            }
        }
        guard file.count == bytes, digest.finalizeHex() == sha256 else {
            file.discard()
            throw PortalReadError(path: name, reason: "size or SHA-256 differs from what the bundle declares (\(bytes) bytes, \(sha256))")
        }
        try file.commit()
    }
}
