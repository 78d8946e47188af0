import KhoNative

/// Inflates a gzip stream (or a ZIP member's raw deflate) on the fly, refusing to produce more
/// than a limit, or more than `maxRatio` times what it consumed: a small file that expands to
/// gigabytes is an attack or an accident, not an export, and it is stopped early, while streaming.
public final class GzipByteStream: ByteStream {
    private let source: ByteStream
    private let inflater: Inflater
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    private var inputStart = 0
    private var inputEnd = 0
    private var sourceEnded = false
    private var produced: Int64 = 0
    private var consumed: Int64 = 0
    private let limit: Int64
    private let maxRatio: Int64
    /// Compressed bytes below which the ratio is not judged: a file's first bytes may inflate far
    /// more than the file as a whole (a header and blank padding).
    static let ratioFloor: Int64 = 1 << 16
    private let name: String
    private let format: Inflater.Format

    public init(source: ByteStream, format: Inflater.Format = .gzip, limit: Int64, maxRatio: Int64 = .max, name: String) throws {
        self.source = source
        self.limit = limit
        self.maxRatio = maxRatio
        self.name = name
        self.format = format
        inflater = try Inflater(format: format)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            if inputStart == inputEnd && !sourceEnded {
                inputEnd = try input.withUnsafeMutableBytes { try source.read(into: $0) }
                inputStart = 0
                if inputEnd == 0 { sourceEnded = true }
            }
            let (consumed, count): (Int, Int)
            do {
                (consumed, count) = try input.withUnsafeBytes { bytes in
                    try inflater.inflate(input: UnsafeRawBufferPointer(rebasing: bytes[inputStart..<inputEnd]), output: buffer)
                }
            } catch let error as ZlibError {
                throw ReadError(code: .fileUnreadable, message: "\(name): corrupt compressed data (\(error.message))")
            }
            inputStart += consumed
            self.consumed += Int64(consumed)
            produced += Int64(count)
            if produced > limit {
                throw ReadError(code: .archiveTooLarge, message: "\(name): expands beyond \(limit) bytes")
            }
            let judged = max(self.consumed, GzipByteStream.ratioFloor)
            if judged <= Int64.max / maxRatio && produced > judged * maxRatio {
                throw ReadError(code: .archiveTooLarge,
                                message: "\(name): expands more than \(maxRatio) times (\(produced) bytes from \(self.consumed))")
            }
            if count > 0 { return count }
            // A ZIP member's raw stream ends where its data ends; a gzip file may carry more members.
            if inflater.isFinished && (format == .raw || (sourceEnded && inputStart == inputEnd)) { return 0 }
            if sourceEnded && inputStart == inputEnd {
                throw ReadError(code: .fileUnreadable, message: "\(name): compressed data ends early")
            }
            if consumed == 0 && inputStart < inputEnd && !inflater.isFinished {
                throw ReadError(code: .fileUnreadable, message: "\(name): corrupt compressed data")
            }
        }
    }
}
