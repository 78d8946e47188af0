import Foundation

/// What reading one export file found out, for `extract.json`.
public struct SourceFileReport: Codable, Sendable, Equatable {
    public struct EncodingReport: Codable, Sendable, Equatable {
        public var name: String
        public var confidence: Double
        public var evidence: String
        /// `detected`, or `configured` when the unit's source names it.
        public var origin: String
    }

    public struct ColumnReport: Codable, Sendable, Equatable {
        public var column: String
        public var field: String?
        /// For a workbook: the sheet column's letters (`G`), so that `file:line:field` reads as a cell.
        public var letters: String? = nil
    }

    /// Path relative to the inbox (`unit/file.csv`).
    public var path: String
    public var sha256: String = ""
    public var bytes: Int64 = 0
    public var format: String
    public var encoding: EncodingReport?
    /// The delimiter, written out (`,` `;` `tab` `|`).
    public var delimiter: String?
    /// 1-based line of the header row.
    public var headerLine: Int?
    /// Lines above the header that were not data (titles, blank padding).
    public var titleLines: [Int] = []
    public var totalsLine: Int?
    /// Lines after the totals row (signatures, notes), not data.
    public var footerLines: [Int] = []
    public var blankLines = 0
    public var columns: [ColumnReport] = []
    /// For a workbook: the sheet read, the other sheets (not read), and the hidden rows and
    /// columns (letters) that were read all the same.
    public var sheet: String?
    public var otherSheets: [String]?
    public var hiddenRows: [Int]?
    public var hiddenColumns: [String]?
    public var missingFields: [String] = []
    public var rowsRead = 0
    public var rowsExtracted = 0
    public var rowsUnreadable = 0
    /// Bytes that could not be decoded: how many, and the first offsets.
    public var undecodableBytes = 0
    public var undecodableOffsets: [Int64] = []

    public init(path: String, format: String) {
        self.path = path
        self.format = format
    }
}

/// One row of an export that could not become a record, kept so that nothing is lost.
public struct UnreadableRow: Sendable {
    public var source: String
    public var code: FindingCode
    /// The cells as read, joined by the delimiter (empty when the row could not be split at all).
    public var text: String
    /// The field and what to tell about it (a workbook's cell reference), when the row is refused for one value.
    public var field: String? = nil
    public var detail: String? = nil
}

/// What a source reader yields: a record, or a row that could not be read.
public enum SourceItem {
    case record(Record)
    case unreadable(UnreadableRow)
}

/// Reads one export file into records aligned to a dataset's fields.
public protocol SourceReader: AnyObject {
    /// The next record or unreadable row; nil at the end of the file.
    func next() throws -> SourceItem?
    /// What was found so far; complete after `next()` returned nil.
    var report: SourceFileReport { get }
    /// File-level findings (encoding, header, columns, broken documents).
    var findings: [Finding] { get }
    /// Bytes of the file as stored read so far (compressed bytes for gzip): for progress only.
    var bytesRead: Int64 { get }
}

extension SourceReader {
    public var bytesRead: Int64 { 0 }
}

/// Bytes of a file that also feed a SHA-256 of the file as stored.
final class HashingByteStream: ByteStream {
    private let source: ByteStream
    private(set) var hasher = SHA256()
    private(set) var count: Int64 = 0

    init(_ source: ByteStream) { self.source = source }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let read = try source.read(into: buffer)
        hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<read]))
        count += Int64(read)
        return read
    }

    /// Reads whatever the consumer left unread, so the hash covers the whole file.
    func drainAndFinish() throws -> (sha256: String, bytes: Int64) {
        var scratch = [UInt8](repeating: 0, count: 1 << 16)
        while try scratch.withUnsafeMutableBytes({ try read(into: $0) }) > 0 {}
        return (hasher.finalizeHex(), count)
    }
}

/// One input: a file in the unit's inbox folder, or a member of a ZIP archive there.
public struct InputFile: Sendable {
    public let url: URL
    public let member: ZipArchive.Member?
    /// For lineage and reports: `unit/file.csv` or `unit/archive.zip!file.csv`.
    public let path: String
    /// The file (or the archive holding the member) when the run listed it: reading stops at its size.
    public let snapshot: FileSnapshot?

    public init(url: URL, unit: String, member: ZipArchive.Member? = nil, snapshot: FileSnapshot? = nil) {
        self.url = url
        self.member = member
        self.snapshot = snapshot
        path = "\(unit)/\(url.lastPathComponent)" + (member.map { "!\($0.name)" } ?? "")
    }

    /// The name that decides the format (`.xml`, `.csv`), without `.gz`.
    public var formatName: String {
        let name = (member?.name ?? url.lastPathComponent).lowercased()
        return name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
    }

    /// The content as bytes, with a hash of the bytes as stored; gzip is inflated when the content says so.
    func open(limits: ReadLimits) throws -> (stream: ByteStream, hashing: HashingByteStream) {
        let stored: ByteStream
        if let member {
            stored = try ZipArchive(path: url.path).open(member, limit: limits.maxDecompressedBytes, maxRatio: limits.maxCompressionRatio)
        } else {
            stored = try FileByteStream(path: url.path, limit: snapshot?.bytes)
        }
        let hashing = HashingByteStream(stored)
        let magic = try hashing.readPrefix(2)
        let stream = PrefixedByteStream(prefix: magic, rest: hashing)
        if magic == [0x1F, 0x8B] {
            return (try GzipByteStream(source: stream, limit: limits.maxDecompressedBytes, maxRatio: limits.maxCompressionRatio,
                                       name: path), hashing)
        }
        return (stream, hashing)
    }
}
