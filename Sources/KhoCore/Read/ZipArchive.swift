import Foundation
import KhoNative

/// Reads the members of a ZIP archive from its central directory, without extracting anything to
/// disk. Refuses what an archive can use to attack: names that escape their folder (`../`, `/…`,
/// `C:`), encryption, declared ratios beyond a limit, and members that inflate beyond their
/// declared size or the global limit.
public final class ZipArchive {
    public struct Member: Sendable, Equatable {
        public let name: String
        public let method: UInt16
        public let flags: UInt16
        public let compressedSize: Int64
        public let size: Int64
        public let crc: UInt32
        let localHeaderOffset: Int64

        public var isDirectory: Bool { name.hasSuffix("/") }

        /// A name that stays inside the folder it is extracted to.
        public var hasSafeName: Bool {
            guard !name.isEmpty, !name.hasPrefix("/"), !name.hasPrefix("\\"), !name.contains("\0") else { return false }
            if name.count >= 2, name.dropFirst().first == ":" { return false }
            let parts = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
            return !parts.contains("..")
        }
    }

    public let path: String
    public private(set) var members: [Member] = []
    private let file: RandomAccessFile

    public init(path: String) throws {
        self.path = path
        file = try RandomAccessFile(path: path)
        try readCentralDirectory()
    }

    /// The member's content as a stream, bounded by `limit` and by its declared size.
    public func open(_ member: Member, limit: Int64, maxRatio: Int64) throws -> ByteStream {
        let name = "\((path as NSString).lastPathComponent)!\(member.name)"
        guard member.hasSafeName else { throw ReadError(code: .archiveEntryUnsafe, message: "\(name): unsafe entry name") }
        guard member.flags & 0x1 == 0 else { throw ReadError(code: .fileUnreadable, message: "\(name): encrypted entries are not supported") }
        if member.size > limit || (member.compressedSize > 0 && member.size / max(member.compressedSize, 1) > maxRatio) {
            throw ReadError(code: .archiveTooLarge, message: "\(name): declares \(member.size) bytes from \(member.compressedSize)")
        }
        let header = try file.read(at: member.localHeaderOffset, count: 30)
        guard header.count == 30, header.readLE32(at: 0) == 0x04034b50 else {
            throw ReadError(code: .fileUnreadable, message: "\(name): damaged local header")
        }
        let dataStart = member.localHeaderOffset + 30 + Int64(header.readLE16(at: 26)) + Int64(header.readLE16(at: 28))
        let raw = RangeByteStream(file: file, start: dataStart, length: member.compressedSize)
        switch member.method {
        case 0:
            return raw
        case 8:
            return try GzipByteStream(source: raw, format: .raw, limit: min(limit, member.size), maxRatio: maxRatio, name: name)
        default:
            throw ReadError(code: .fileUnreadable, message: "\(name): compression method \(member.method) is not supported")
        }
    }

    private func readCentralDirectory() throws {
        let size = try file.size()
        let tailLength = min(size, 65_557)
        let tail = try file.read(at: size - tailLength, count: Int(tailLength))
        guard let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: { tail.readLE32(at: $0) == 0x06054b50 }) else {
            throw ReadError(code: .fileUnreadable, message: "\(path): not a ZIP archive (no end of central directory)")
        }
        let count = Int(tail.readLE16(at: end + 10))
        let directorySize = Int64(tail.readLE32(at: end + 12))
        let directoryOffset = Int64(tail.readLE32(at: end + 16))
        guard directoryOffset + directorySize <= size else {
            throw ReadError(code: .fileUnreadable, message: "\(path): central directory out of bounds")
        }
        let directory = try file.read(at: directoryOffset, count: Int(directorySize))
        var offset = 0
        for _ in 0..<count {
            guard offset + 46 <= directory.count, directory.readLE32(at: offset) == 0x02014b50 else {
                throw ReadError(code: .fileUnreadable, message: "\(path): damaged central directory")
            }
            let nameLength = Int(directory.readLE16(at: offset + 28))
            let extraLength = Int(directory.readLE16(at: offset + 30))
            let commentLength = Int(directory.readLE16(at: offset + 32))
            guard offset + 46 + nameLength <= directory.count else {
                throw ReadError(code: .fileUnreadable, message: "\(path): damaged central directory")
            }
            let name = String(decoding: directory[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            members.append(Member(name: name, method: directory.readLE16(at: offset + 10), flags: directory.readLE16(at: offset + 8),
                                  compressedSize: Int64(directory.readLE32(at: offset + 20)), size: Int64(directory.readLE32(at: offset + 24)),
                                  crc: directory.readLE32(at: offset + 16), localHeaderOffset: Int64(directory.readLE32(at: offset + 42))))
            offset += 46 + nameLength + extraLength + commentLength
        }
    }
}

/// A file read at offsets with `pread(2)`, shared by the streams of several ZIP members.
final class RandomAccessFile {
    private let descriptor: Int32
    let path: String

    init(path: String) throws {
        self.path = path
        descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(code: .fileUnreadable, message: "\(path): \(String(cString: strerror(errno)))") }
    }

    deinit { close(descriptor) }

    func size() throws -> Int64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw ReadError(code: .fileUnreadable, message: "\(path): cannot stat") }
        return Int64(info.st_size)
    }

    func read(at offset: Int64, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = try bytes.withUnsafeMutableBytes { try self.read(at: offset, into: $0) }
        bytes.removeLast(count - read)
        return bytes
    }

    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var total = 0
        while total < buffer.count {
            let count = pread(descriptor, base + total, buffer.count - total, off_t(offset) + off_t(total))
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(code: .fileUnreadable, message: "\(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            total += count
        }
        return total
    }
}

/// A byte range of a file as a stream.
final class RangeByteStream: ByteStream {
    private let file: RandomAccessFile
    private var offset: Int64
    private let end: Int64

    init(file: RandomAccessFile, start: Int64, length: Int64) {
        self.file = file
        offset = start
        end = start + length
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = Int(min(Int64(buffer.count), end - offset))
        guard count > 0 else { return 0 }
        let read = try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]))
        offset += Int64(read)
        return read
    }
}

extension Array where Element == UInt8 {
    func readLE16(at offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }

    func readLE32(at offset: Int) -> UInt32 {
        UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16 | UInt32(self[offset + 3]) << 24
    }
}
