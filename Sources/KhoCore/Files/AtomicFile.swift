import Foundation
import Synchronization

/// A file that appears whole or not at all: bytes go to a temporary file in the same folder,
/// which `commit()` flushes (`fsync`) and renames over the target; the rename is made durable
/// with the folder's `fsync` when the command states what it wrote (`FolderSync`). Dropped
/// without `commit()`, or when any step fails, the temporary file is removed.
public final class AtomicFile {
    public let url: URL
    private let temporaryPath: String
    private var descriptor: Int32
    /// Bytes not yet written, in memory this file owns: appends are a memcpy.
    private let buffer: UnsafeMutableRawPointer
    private var buffered = 0
    /// Small enough that the buffer and the page-cache pages the kernel copies it into both stay
    /// in a core's L2 (512 KiB here): with 1 MiB the copy read the buffer back from memory and took
    /// three times the kernel's samples.
    static let bufferLimit = 1 << 17
    private var committed = false
    private let folderSync: FolderSync
    /// Bytes written so far.
    public private(set) var count: Int64 = 0
    /// Bytes handed to the kernel.
    private var flushedCount: Int64 = 0
    /// Where the last background flush was asked for, and the flushes queued (`Writeback.flushInBackground`).
    private(set) var flushRequested: Int64 = 0
    let backgroundFlush = Writeback.PendingFlush()

    /// Temporary files are `.<name>.tmp-<pid>-<serial>`: a run that holds the lock removes those
    /// of processes that died before committing them (`TemporaryFiles.removeStale`).
    static let temporaryMarker = ".tmp-"

    public convenience init(_ url: URL) throws {
        try self.init(url, folderSync: .shared)
    }

    init(_ url: URL, folderSync: FolderSync) throws {
        self.url = url
        self.folderSync = folderSync
        let folder = url.deletingLastPathComponent()
        try FileSystem.createFolder(folder)
        temporaryPath = AtomicFile.temporaryPath(for: url)
        try FaultInjection.check(.create, url)
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw OutputError(path: url.path, operation: .create) }
        // The mode goes on before the first byte, so the rename never publishes a wider one.
        do {
            try FaultInjection.check(.permissions, url)
            try FilePermissions.apply(descriptor: descriptor, path: url.standardizedFileURL.path, reportedAs: url)
        } catch {
            close(descriptor)
            unlink(temporaryPath)
            throw error
        }
        self.descriptor = descriptor
        // Allocated last: nothing above can fail after it, so only deinit frees it.
        buffer = .allocate(byteCount: AtomicFile.bufferLimit, alignment: 16)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if !committed { unlink(temporaryPath) }
        buffer.deallocate()
    }

    public func write(_ bytes: some Collection<UInt8>) throws {
        if let done: Void = try bytes.withContiguousStorageIfAvailable({ try write(UnsafeRawBufferPointer($0)) }) { return done }
        try write(Array(bytes))
    }

    public func write(_ text: String) throws {
        var copy = text
        try copy.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        count += Int64(bytes.count)
        if buffered + bytes.count > AtomicFile.bufferLimit {
            try flush()
            if bytes.count > AtomicFile.bufferLimit {
                try writeAll(base, bytes.count)
                return
            }
        }
        (buffer + buffered).copyMemory(from: base, byteCount: bytes.count)
        buffered += bytes.count
    }

    /// Overwrites bytes already written (a ZIP local header, once its sizes are known).
    public func patch(_ bytes: [UInt8], at offset: Int64) throws {
        try flush()
        let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        guard written == bytes.count else { throw OutputError(path: url.path, operation: .write) }
    }

    public func flush() throws {
        try writeAll(UnsafeRawPointer(buffer), buffered)
        buffered = 0
    }

    private func writeAll(_ base: UnsafeRawPointer, _ length: Int) throws {
        guard length > 0 else { return }
        try FaultInjection.check(.write, url)
        var offset = 0
        while offset < length {
            let written = Foundation.write(descriptor, base + offset, length - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: url.path, operation: .write)
            }
            offset += written
        }
        flushedCount += Int64(length)
        if flushedCount - flushRequested >= Writeback.flushStride {
            Writeback.flushInBackground(descriptor: descriptor, backgroundFlush)
            flushRequested = flushedCount
        }
    }

    /// Makes the file visible under its name, complete.
    public func commit() throws {
        try flush()
        try FaultInjection.check(.fsync, url)
        guard fsync(descriptor) == 0 else { throw OutputError(path: url.path, operation: .fsync) }
        close(descriptor)
        descriptor = -1
        try FaultInjection.check(.rename, url)
        let aside = ReplacedFiles.keepAside(url.path) { AtomicFile.temporaryPath(for: url) }
        guard rename(temporaryPath, url.path) == 0 else {
            if let aside { unlink(aside) }
            throw OutputError(path: url.path, operation: .rename)
        }
        if let aside { ReplacedFiles.remove(aside) }
        committed = true
        folderSync.later(url.deletingLastPathComponent())
    }

    /// Gives the file up now: the temporary file is removed and nothing appears under the name.
    public func discard() {
        guard !committed else { return }
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
        committed = true
    }

    /// Writes `bytes` to `url` atomically in one call.
    public static func write(_ bytes: some Collection<UInt8>, to url: URL) throws {
        let file = try AtomicFile(url)
        try file.write(bytes)
        try file.commit()
    }

    /// A fresh temporary name next to `url`.
    private static func temporaryPath(for url: URL) -> String {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent)\(temporaryMarker)\(getpid())-\(nextSerial())").path
    }

    private static let serial = SerialCounter()
    private static func nextSerial() -> Int { serial.next() }
}

/// Unique numbers across threads, for temporary file names.
final class SerialCounter: Sendable {
    private let value = Mutex(0)

    func next() -> Int {
        value.withLock { value in
            value += 1
            return value
        }
    }
}
