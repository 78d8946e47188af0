import Foundation
import KhoNative
import Testing
@testable import KhoCore

@Suite struct GzipByteStreamTests {
    /// A gzip member (RFC 1952) around raw deflate of `content`.
    static func gzip(_ content: [UInt8]) throws -> [UInt8] {
        let deflater = try Deflater(level: 9)
        var body: [UInt8] = []
        try deflater.compress(content, into: &body)
        try deflater.finish(into: &body)
        var file: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3] + body
        file.appendLE32(CRC32.update(0, content))
        file.appendLE32(UInt32(truncatingIfNeeded: content.count))
        return file
    }

    /// Reads a stream to its end, counting bytes; returns what was read before an error, and the error.
    static func drain(_ stream: ByteStream) -> (bytes: Int64, error: ReadError?) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var total: Int64 = 0
        do {
            while true {
                let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
                if count == 0 { return (total, nil) }
                total += Int64(count)
            }
        } catch {
            return (total, error as? ReadError)
        }
    }

    /// 64 MiB of one repeated row deflates several hundred times: far under the size limit, but
    /// over the ratio, so it is stopped early, while streaming, naming the file.
    @Test func ratioIsAppliedWhileStreaming() throws {
        let row = Array("H1,Nguyễn Văn A,062187001234,01/01/1980,23479\n".utf8)
        var content: [UInt8] = []
        while content.count < 64 << 20 { content += row }
        let compressed = try Self.gzip(content)
        #expect(compressed.count * 300 < content.count)
        let stream = try GzipByteStream(source: MemoryByteStream(compressed), limit: 4 << 30, maxRatio: 200, name: "unit/bomb.csv.gz")
        let (read, error) = Self.drain(stream)
        #expect(error?.code.rawValue == "archive-too-large")
        #expect(error?.message.hasPrefix("unit/bomb.csv.gz: expands more than 200 times") == true)
        #expect(read < 16 << 20, "stopped after \(read) bytes")
    }

    /// An ordinary export compresses a few times and is read whole.
    @Test func ordinaryRatioIsReadWhole() throws {
        var content: [UInt8] = []
        var generator = SystemRandomNumberGenerator()
        for index in 0..<20_000 {
            content += Array("H\(index),Nguyễn Văn \(UInt32.random(in: 0...99_999, using: &generator)),0621870\(index % 100_000)\n".utf8)
        }
        let stream = try GzipByteStream(source: MemoryByteStream(try Self.gzip(content)), limit: 4 << 30, maxRatio: 200, name: "x.gz")
        let (read, error) = Self.drain(stream)
        #expect(error == nil)
        #expect(read == Int64(content.count))
    }

    /// Through `InputFile`, as the extract stage opens inputs: the pipeline's ratio applies to `.gz`.
    @Test func inputFilesApplyTheConfiguredRatio() throws {
        let folder = try TestSupport.temporaryFolder()
        let url = folder.appendingPathComponent("ho-ngheo.csv.gz")
        try Data(try Self.gzip([UInt8](repeating: UInt8(ascii: "a"), count: 32 << 20))).write(to: url)
        var limits = ReadLimits()
        limits.maxCompressionRatio = 100
        let (stream, _) = try InputFile(url: url, unit: "u").open(limits: limits)
        #expect(Self.drain(stream).error?.code.rawValue == "archive-too-large")
    }
}
