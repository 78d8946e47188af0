import Foundation
import Synchronization

/// A file that appears whole or not at all: bytes go to a temporary file in the same folder,
/// which `commit()` flushes (`fsync`) and renames over the target; the rename is made durable
/// with the folder's `fsync` when the command states what it wrote (`FolderSync`). Dropped
/// without `commit()`, or when any step fails, the temporary file is removed.
///
/// A file opened `direct` is written around the page cache (`O_DIRECT`), for large files that nothing
/// reads again in the same run (work files, portal copies). On virtual machines that hand freed
/// memory back to the host, every page-cache page a write fills is memory touched for the first time:
/// here 200 MB written through the cache cost 0.48–0.69 s of kernel time, and 0.02 s written direct
/// (`dd`, 1 MiB blocks). Where the file system refuses direct writes, the file is written through the
/// cache as any other.
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
    /// Direct writes copy nothing into the kernel, and each waits for the device: fewer, larger ones
    /// (`dd` here: 200 MB in 0.22 s with 128 KiB blocks, 0.10 s with 512 KiB, 0.08 s with 1 MiB).
    static let directBufferLimit = 1 << 20
    /// `O_DIRECT` wants addresses, lengths and offsets in whole blocks of the device: 4 KiB covers
    /// 512-byte and 4 KiB sectors. A device that wants more refuses the write, and the file goes on
    /// through the page cache.
    static let directAlignment = 4096
    /// Whether writes still go around the page cache: until the last partial block, a patch, or a refusal.
    public private(set) var isDirect: Bool
    private let capacity: Int
    private let alignment: Int
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

    public convenience init(_ url: URL, direct: Bool = false) throws {
        try self.init(url, folderSync: .shared, direct: direct)
    }

    /// - Parameter alignment: of direct writes; other than `directAlignment` only in tests of a refusal.
    init(_ url: URL, folderSync: FolderSync, direct: Bool = false, alignment: Int = AtomicFile.directAlignment) throws {
        self.url = url
        self.folderSync = folderSync
        let folder = url.deletingLastPathComponent()
        try FileSystem.createFolder(folder)
        temporaryPath = AtomicFile.temporaryPath(for: url)
        try FaultInjection.check(.create, url)
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
        var descriptor: Int32 = -1
        if direct && AtomicFile.openDirect != 0 {
            descriptor = open(temporaryPath, flags | AtomicFile.openDirect, 0o600)
        }
        isDirect = descriptor >= 0
        if descriptor < 0 { descriptor = open(temporaryPath, flags, 0o600) }
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
        self.alignment = alignment
        capacity = isDirect ? AtomicFile.directBufferLimit : AtomicFile.bufferLimit
        buffer = .allocate(byteCount: capacity, alignment: AtomicFile.directAlignment)
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
        if isDirect {
            // Every direct write starts at the buffer, which is aligned; the caller's bytes may not be.
            var offset = 0
            while offset < bytes.count {
                let length = min(capacity - buffered, bytes.count - offset)
                (buffer + buffered).copyMemory(from: base + offset, byteCount: length)
                buffered += length
                offset += length
                if buffered == capacity { try flush() }
            }
            return
        }
        if buffered + bytes.count > capacity {
            try flush()
            if bytes.count > capacity {
                try writeAll(base, bytes.count)
                return
            }
        }
        (buffer + buffered).copyMemory(from: base, byteCount: bytes.count)
        buffered += bytes.count
    }

    /// Overwrites bytes already written (a ZIP local header, once its sizes are known).
    public func patch(_ bytes: [UInt8], at offset: Int64) throws {
        try endDirectWrites()
        try flush()
        let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        guard written == bytes.count else { throw OutputError(path: url.path, operation: .write) }
    }

    /// Hands every byte written to the kernel and gives the temporary file's path, so that what was
    /// written can be read back (a digest taken) while `commit()` waits for the disk. Open it before
    /// the commit: the rename moves the file, and a descriptor already open follows it.
    public func flushedTemporaryPath() throws -> String {
        try endDirectWrites()
        try flush()
        return temporaryPath
    }

    /// Hands the buffered bytes to the kernel; while writes are direct, all but the last partial block.
    public func flush() throws {
        let length = isDirect ? buffered - buffered % alignment : buffered
        try writeAll(UnsafeRawPointer(buffer), length)
        buffered -= length
        if length > 0 && buffered > 0 { buffer.copyMemory(from: buffer + length, byteCount: buffered) }
    }

    /// The rest of the file goes through the page cache: its last partial block, or a patch of bytes
    /// already written.
    private func endDirectWrites() throws {
        guard isDirect else { return }
        try flush()
        try writeThroughPageCache()
    }

    private func writeThroughPageCache() throws {
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~AtomicFile.openDirect) == 0 else {
            throw OutputError(path: url.path, operation: .write)
        }
        isDirect = false
    }

    private func writeAll(_ base: UnsafeRawPointer, _ length: Int) throws {
        guard length > 0 else { return }
        try FaultInjection.check(.write, url)
        var offset = 0
        while offset < length {
            let written = Foundation.write(descriptor, base + offset, length - offset)
            if written < 0 {
                if errno == EINTR { continue }
                // A device with larger blocks, or a short write that left the offset unaligned.
                if errno == EINVAL && isDirect {
                    try writeThroughPageCache()
                    continue
                }
                throw OutputError(path: url.path, operation: .write)
            }
            offset += written
        }
        flushedCount += Int64(length)
        // Direct writes too: they leave no dirty pages, but the device's cache holds them until a flush.
        if flushedCount - flushRequested >= Writeback.flushStride {
            Writeback.flushInBackground(descriptor: descriptor, backgroundFlush)
            flushRequested = flushedCount
        }
    }

    /// Makes the file visible under its name, complete.
    public func commit() throws {
        try endDirectWrites()
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

    /// `O_DIRECT`, which Swift's Glibc module leaves out (it needs `_GNU_SOURCE`); its value differs
    /// between architectures. Zero where unknown: files are then written through the page cache.
    #if os(Linux) && (arch(x86_64) || arch(i386))
    static let openDirect: Int32 = 0o40000
    #elseif os(Linux) && (arch(arm64) || arch(arm))
    static let openDirect: Int32 = 0o200000
    #else
    static let openDirect: Int32 = 0
    #endif

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
