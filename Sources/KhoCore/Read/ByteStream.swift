import Foundation

/// Bytes from somewhere: a file, a gzip stream, a ZIP member, a decoder. Readers pull from it.
public protocol ByteStream: AnyObject {
    /// Fills up to `buffer.count` bytes; returns 0 only at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// An input that cannot be read any further, with where and why.
public struct ReadError: Error, CustomStringConvertible, UserFacingError, Sendable {
    public let code: FindingCode
    /// A technical hint in English, kept as a finding's detail.
    public let message: String
    public let line: Int?

    public init(code: FindingCode, message: String, line: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
    }

    /// For the console: the finding's wording from the catalog, then the hint.
    public func message(_ language: Language) -> String {
        "\(FindingCatalog.message(for: code, language: language)): \(message)"
    }

    public var description: String { message }
}

/// A file read with plain `read(2)` into the caller's buffer: no copies, no per-chunk allocation.
/// With a limit it ends there, so bytes appended while it is read are not taken.
public final class FileByteStream: ByteStream {
    private let descriptor: Int32
    public let path: String
    private var remaining: Int64

    public init(path: String, limit: Int64? = nil) throws {
        self.path = path
        remaining = limit ?? .max
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileByteStream.failure(path, errno) }
    }

    deinit { close(descriptor) }

    /// An input the system cannot open or read: a lack of resources (descriptors, memory) or an
    /// I/O error is the machine's fault, not the export's, and stops the run; anything else is
    /// the file's own problem.
    static func failure(_ path: String, _ code: Int32) -> Error {
        if [EMFILE, ENFILE, ENOMEM, EIO, ENOBUFS].contains(code) {
            return OutputError(path: path, operation: .read, errorNumber: code)
        }
        return ReadError(code: .fileUnreadable, message: "\(path): \(String(cString: strerror(code)))")
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let wanted = Int(min(Int64(buffer.count), remaining))
            guard wanted > 0 else { return 0 }
            let count = Foundation.read(descriptor, buffer.baseAddress, wanted)
            if count >= 0 {
                remaining -= Int64(count)
                return count
            }
            if errno == EINTR { continue }
            throw FileByteStream.failure(path, errno)
        }
    }
}

/// Bytes already in memory (tests, sniffed prefixes).
public final class MemoryByteStream: ByteStream {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count)]))
        }
        offset += count
        return count
    }
}

/// Replays a prefix that was read ahead (to sniff encoding and dialect), then continues with the stream.
public final class PrefixedByteStream: ByteStream {
    private var prefix: [UInt8]
    private var offset = 0
    private let rest: ByteStream

    public init(prefix: [UInt8], rest: ByteStream) {
        self.prefix = prefix
        self.rest = rest
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if offset < prefix.count {
            let count = min(buffer.count, prefix.count - offset)
            prefix.withUnsafeBytes { source in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count)]))
            }
            offset += count
            return count
        }
        return try rest.read(into: buffer)
    }
}

extension ByteStream {
    /// Reads up to `limit` bytes from the start (fewer at the end of input).
    public func readPrefix(_ limit: Int) throws -> [UInt8] {
        // The buffer grows as bytes come: a limit is a bound, not a size. Zeroing 16 MiB up front
        // to read a bundle's few-kilobyte quality.json cost 20 ms a call.
        var result = [UInt8](repeating: 0, count: min(limit, 64 << 10))
        var filled = 0
        while filled < limit {
            if result.count - filled < 4096 && result.count < limit {
                result.append(contentsOf: repeatElement(0, count: min(result.count, limit - result.count)))
            }
            let count = try result.withUnsafeMutableBytes { try read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
            if count == 0 { break }
            filled += count
        }
        result.removeLast(result.count - filled)
        return result
    }
}
