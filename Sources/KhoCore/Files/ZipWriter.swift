import Foundation
import KhoNative

/// Writes a deterministic ZIP archive: entries in the order added, every timestamp the as-of date
/// at midnight, no extra fields, fixed version and attribute fields — the same inputs give the
/// same bytes. Entries are deflated (method 8) by our own encoder; sizes and CRCs are patched into
/// each local header once known, so no data descriptors are needed.
public final class ZipWriter {
    private struct CentralEntry {
        let name: [UInt8]
        let crc: UInt32
        let compressedSize: UInt32
        let size: UInt32
        let offset: UInt32
    }

    private let file: AtomicFile
    private let level: Int32
    private let dosDate: UInt16
    private var entries: [CentralEntry] = []

    public init(file: AtomicFile, level: Int32, date: CivilDate) {
        self.file = file
        self.level = level
        dosDate = UInt16(max(0, date.year - 1980) << 9 | date.month << 5 | date.day)
    }

    /// An entry being written: bytes go in as they are produced and are deflated on worker threads.
    public final class Entry {
        fileprivate let name: [UInt8]
        fileprivate let offset: Int64
        fileprivate let deflater: ParallelDeflater

        fileprivate init(name: [UInt8], offset: Int64, deflater: ParallelDeflater) {
            self.name = name
            self.offset = offset
            self.deflater = deflater
        }

        public func write(_ bytes: UnsafeRawBufferPointer) throws { try deflater.write(bytes) }

        public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try deflater.write($0) } }

        /// Sends the entry's last block to be compressed; `endEntry` then waits for it.
        public func close() throws { try deflater.close() }

        /// SHA-256 of the entry's uncompressed content, once the entry is ended.
        public var sha256: String { deflater.sha256() }
    }

    /// Starts an entry. Entries must be ended in the order they were begun, one at a time.
    public func beginEntry(_ name: String, workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> Entry {
        let nameBytes = Array(name.utf8)
        let offset = file.count
        try file.write(localHeader(name: nameBytes, crc: 0, compressedSize: 0, size: 0))
        let file = self.file
        let deflater = ParallelDeflater(level: level, workers: workers) { try file.write($0) }
        return Entry(name: nameBytes, offset: offset, deflater: deflater)
    }

    /// Finishes an entry: the last block is compressed and the local header gets its sizes and CRC.
    public func endEntry(_ entry: Entry) throws {
        let (crc, size, compressedSize) = try entry.deflater.finish()
        guard size < Int64(UInt32.max), compressedSize < Int64(UInt32.max), file.count < Int64(UInt32.max) else {
            throw OutputError(path: file.url.path, operation: .write, errorNumber: EFBIG,
                              note: Message(vi: "một mục ZIP vượt 4 GiB (chưa hỗ trợ ZIP64)", en: "a ZIP entry over 4 GiB (ZIP64 is not supported)"))
        }
        try file.patch(localHeader(name: entry.name, crc: crc, compressedSize: UInt32(compressedSize), size: UInt32(size)), at: entry.offset)
        entries.append(CentralEntry(name: entry.name, crc: crc, compressedSize: UInt32(compressedSize), size: UInt32(size),
                                    offset: UInt32(entry.offset)))
    }

    /// Adds a small entry in one call.
    public func addEntry(_ name: String, bytes: [UInt8]) throws {
        let entry = try beginEntry(name, workers: 1)
        try entry.write(bytes)
        try endEntry(entry)
    }

    /// Writes the central directory; the archive is complete after this (the caller commits the file).
    public func finish() throws {
        let start = file.count
        for entry in entries {
            var header: [UInt8] = []
            header.appendLE32(0x02014b50)
            header.appendLE16(20)          // made by: MS-DOS attributes, spec 2.0
            header.appendLE16(20)          // needed to extract
            header.appendLE16(0x0800)      // names are UTF-8
            header.appendLE16(8)           // deflate
            header.appendLE16(0)           // time 00:00
            header.appendLE16(dosDate)
            header.appendLE32(entry.crc)
            header.appendLE32(entry.compressedSize)
            header.appendLE32(entry.size)
            header.appendLE16(UInt16(entry.name.count))
            header.appendLE16(0)           // extra
            header.appendLE16(0)           // comment
            header.appendLE16(0)           // disk
            header.appendLE16(0)           // internal attributes
            header.appendLE32(0)           // external attributes
            header.appendLE32(entry.offset)
            header += entry.name
            try file.write(header)
        }
        let size = file.count - start
        var end: [UInt8] = []
        end.appendLE32(0x06054b50)
        end.appendLE16(0)
        end.appendLE16(0)
        end.appendLE16(UInt16(entries.count))
        end.appendLE16(UInt16(entries.count))
        end.appendLE32(UInt32(size))
        end.appendLE32(UInt32(start))
        end.appendLE16(0)
        try file.write(end)
    }

    private func localHeader(name: [UInt8], crc: UInt32, compressedSize: UInt32, size: UInt32) -> [UInt8] {
        var header: [UInt8] = []
        header.appendLE32(0x04034b50)
        header.appendLE16(20)
        header.appendLE16(0x0800)
        header.appendLE16(8)
        header.appendLE16(0)
        header.appendLE16(dosDate)
        header.appendLE32(crc)
        header.appendLE32(compressedSize)
        header.appendLE32(size)
        header.appendLE16(UInt16(name.count))
        header.appendLE16(0)
        header += name
        return header
    }
}

extension Array where Element == UInt8 {
    mutating func appendLE16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func appendLE32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
