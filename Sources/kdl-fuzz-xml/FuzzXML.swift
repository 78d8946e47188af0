// kdl-fuzz-xml: a libFuzzer target for the XML reading path (see "Fuzzing" in the README).
//
//   scripts/fuzz xml 600                        build with -sanitize=fuzzer,address and fuzz for 10 minutes
//   swift run kdl-fuzz-xml FILE|DIR...          replay inputs without the fuzzer (reproduce a crash)
//
// Each input goes through XMLRecordReader (libxml2's xmlTextReader) from memory with the configured
// record path and a small depth limit, whole and in small chunks, and through XMLSourceReader over
// a temporary file, as `kdl-extract` reads an export. Besides crashes it traps on broken invariants:
// the records must not depend on how the bytes are chunked, and every record read is extracted or
// unreadable.
import Foundation
import KhoCore
import KhoFuzzSupport

@main
struct KdlFuzzXML {
    static func main() { FuzzDriver.main(name: "kdl-fuzz-xml", entry: fuzzXML) }
}

/// libFuzzer's entry point: one input, return 0. Compiled in every build so the replay driver runs
/// exactly what the fuzzer runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    XMLFuzz.records(bytes)
    XMLFuzz.source(bytes)
    return 0
}

enum XMLFuzz {
    /// Depth limit for the fuzzer: small, so that deep nesting reaches the limit quickly.
    static let maxDepth = 8

    /// The record reader over memory, whole and in chunks of 1 to 16 bytes. A document read to its
    /// end either way yields the same records; a broken one fails either way. (On a broken document
    /// libxml2 may deliver fewer of the records before the error when it sees more bytes at once, and
    /// the error may differ; the source reader accounts for those records by counting start tags.)
    static func records(_ input: [UInt8]) {
        let selector = FuzzDriver.selector(input)
        let encoding = [nil, nil, "windows-1258", "utf-16le"][selector % 4]
        let whole = read(input, encoding: encoding, chunk: Int.max)
        let chunked = read(input, encoding: encoding, chunk: 1 + selector % 16)
        // libxml2 2.9 bug: with a byte-order mark and an encoding override it loses a byte, at a place
        // that depends on the chunking. XMLSourceReader never passes both (byteOrderMarkWinsOverConfiguredEncoding).
        let marks: [[UInt8]] = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF]]
        if encoding != nil && !FuzzDriver.strict && marks.contains(where: input.starts) { return }
        if whole.failure != nil && chunked.failure != nil { return }
        check(whole.failure == nil && chunked.failure == nil && sameRecords(whole.records, chunked.records),
              "XMLRecordReader: result depends on chunking (whole: \(whole.records.count) records, "
              + "\(describe(whole.failure)); chunked by \(1 + selector % 16): \(chunked.records.count) records, "
              + "\(describe(chunked.failure)))" + firstDifference(whole.records, chunked.records))
    }

    /// The whole source reader over a temporary file, with the configured XML source and a small depth limit.
    static func source(_ input: [UInt8]) {
        guard let (schema, source, mapper) = xmlSource else { return }
        var limits = configuration.pipeline.limits
        limits.maxXMLDepth = maxDepth
        limits.maxDecompressedBytes = 1 << 24   // gzip input is inflated: keep a bomb small
        FuzzDriver.drain("kdl-fuzz-xml: XMLSourceReader", fieldCount: schema.fields.count) {
            try XMLSourceReader(input: FuzzDriver.inputFile(input), unit: "fuzz", source: source,
                              schema: schema, mapper: mapper, limits: limits)
        }
    }

    // MARK: - Helpers

    private static func read(_ input: [UInt8], encoding: String?,
                             chunk: Int) -> (records: [XMLRecordReader.Item], failure: XMLRecordReader.Failure?) {
        let bytes = ChunkedByteStream(input, chunk: chunk)
        let reader = XMLRecordReader(recordPath: recordPath, maxDepth: maxDepth, documentName: "fuzz.xml",
                                     encoding: encoding) { try bytes.read(into: $0) }
        var records: [XMLRecordReader.Item] = []
        while let item = reader.next() { records.append(item) }
        return (records, reader.failure)
    }

    private static func sameRecords(_ a: [XMLRecordReader.Item], _ b: [XMLRecordReader.Item]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { a, b in
            a.line == b.line && a.values.count == b.values.count
                && zip(a.values, b.values).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        }
    }

    private static func firstDifference(_ a: [XMLRecordReader.Item], _ b: [XMLRecordReader.Item]) -> String {
        guard let index = zip(a, b).enumerated().first(where: { !sameRecords([$0.element.0], [$0.element.1]) })?.offset else { return "" }
        func text(_ item: XMLRecordReader.Item) -> String { "line \(item.line) \(item.values.map { "\($0.key)=\($0.value)" })" }
        return "; record \(index): \(text(a[index])) vs \(text(b[index]))"
    }

    private static func describe(_ failure: XMLRecordReader.Failure?) -> String {
        failure.map { "\($0.code) at \($0.line):\($0.column) \($0.message)" } ?? "no failure"
    }

    private static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        FuzzDriver.check(condition, "kdl-fuzz-xml: " + message())
    }

    private static var configuration: Configuration { FuzzDriver.configuration }

    /// The first XML source in `pipelines/units/` (the seeds use its element names), with its dataset and column mapper.
    private static let xmlSource: (DatasetSchema, UnitSource, ColumnMapper)? = {
        for unit in configuration.units {
            for source in unit.sources where source.recordPath != nil {
                if let schema = configuration.datasets[source.dataset] {
                    return (schema, source, ColumnMapper(schema: schema, explicitColumns: source.columns))
                }
            }
        }
        return nil
    }()

    private static let recordPath = xmlSource?.1.recordPath ?? "/DuLieuQuanTrac/Tram/LanDo"
}
