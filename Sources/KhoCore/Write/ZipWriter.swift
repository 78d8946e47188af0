import KhoNative

/// Writes a deterministic ZIP archive: entries in the order added, every timestamp the as-of date
/// at midnight, no extra fields, fixed version and attribute fields — the same inputs give the
/// same bytes. Entries are deflated with zlib (method 8); sizes and CRCs are patched into each local
/// header once known, so no data descriptors are needed.
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

    /// Adds an entry whose content is produced in pieces by `produce`, which calls `write` for each.
    public func addEntry(_ name: String, produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let nameBytes = Array(name.utf8)
        let offset = file.count
        try file.write(localHeader(name: nameBytes, crc: 0, compressedSize: 0, size: 0))
        let deflater = try Deflater(level: level)
        var crc: UInt32 = 0
        var size = 0
        var compressed: [UInt8] = []
        compressed.reserveCapacity(1 << 17)
        var compressedSize = 0
        try produce { chunk in
            crc = CRC32.update(crc, chunk)
            size += chunk.count
            try deflater.compress(chunk, into: &compressed)
            if compressed.count >= 1 << 16 {
                try file.write(compressed)
                compressedSize += compressed.count
                compressed.removeAll(keepingCapacity: true)
            }
        }
        try deflater.finish(into: &compressed)
        try file.write(compressed)
        compressedSize += compressed.count
        guard size < Int(UInt32.max), compressedSize < Int(UInt32.max), file.count < Int64(UInt32.max) else {
            throw OutputError(path: file.url.path, operation: "write a ZIP entry over 4 GiB (ZIP64 is not supported) for")
        }
        try file.patch(localHeader(name: nameBytes, crc: crc, compressedSize: UInt32(compressedSize), size: UInt32(size)), at: offset)
        entries.append(CentralEntry(name: nameBytes, crc: crc, compressedSize: UInt32(compressedSize), size: UInt32(size), offset: UInt32(offset)))
    }

    public func addEntry(_ name: String, bytes: [UInt8]) throws {
        try addEntry(name) { write in try bytes.withUnsafeBytes { try write($0) } }
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
