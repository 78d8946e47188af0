// kdl-fuzz-csv: a libFuzzer target for the CSV reading path (see "Fuzzing" in the README).
//
//   scripts/fuzz csv 600                        build with -sanitize=fuzzer,address and fuzz for 10 minutes
//   swift run kdl-fuzz-csv FILE|DIR...          replay inputs without the fuzzer (reproduce a crash)
//
// Each input goes through encoding detection, DecodingByteStream and CSVReader in memory, and
// through CSVSourceReader over a temporary file, as `kdl-extract` reads an export. Besides
// crashes it traps on broken invariants: decoding and row splitting must not depend on how the
// bytes are chunked, row lines must increase, and every row read is extracted or unreadable.
import Foundation
import KhoCore
import KhoFuzzSupport

@main
struct KdlFuzzCSV {
    static func main() { FuzzDriver.main(name: "kdl-fuzz-csv", entry: fuzzCSV) }
}

/// libFuzzer's entry point: one input, return 0. Compiled in every build so the replay driver runs
/// exactly what the fuzzer runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    CSVFuzz.bytes(bytes)
    CSVFuzz.source(bytes)
    return 0
}

enum CSVFuzz {
    /// Detection, decoding and row splitting over memory, with several chunkings that must agree.
    static func bytes(_ input: [UInt8]) {
        let selector = FuzzDriver.selector(input)
        let detected = EncodingDetector.detect(Array(input.prefix(1 << 16))).encoding
        let chosen = TextEncoding.allCases[selector % TextEncoding.allCases.count]
        for encoding in detected == chosen ? [detected] : [detected, chosen] {
            let whole = decode(input, encoding, sourceChunk: Int.max, readChunk: 4096)
            let chunked = decode(input, encoding, sourceChunk: 1 + selector % 7, readChunk: 1 + selector % 13)
            check(whole == chunked, "DecodingByteStream(\(encoding)): output depends on chunking")

            let delimiter = DialectSniffer.delimiter(in: Array(whole.prefix(1 << 17)))
            let (rows, blank) = split(whole, delimiter: delimiter, sourceChunk: Int.max, bufferSize: whole.count + 16,
                                      maxRowBytes: Int.max)
            let (small, smallBlank) = split(whole, delimiter: delimiter, sourceChunk: 1 + selector % 5,
                                            bufferSize: 16 + selector % 17, maxRowBytes: Int.max)
            check(blank == smallBlank && rows.count == small.count && zip(rows, small).allSatisfy(same),
                  "CSVReader: rows depend on the buffer size (buffer \(16 + selector % 17), chunk \(1 + selector % 5)): "
                  + difference(rows, blank, small, smallBlank))
            // A small row limit, straight over the decoder as the source reader reads: lines must only go forward.
            let decoder = DecodingByteStream(source: ChunkedByteStream(input, chunk: 1 + selector % 11), encoding: encoding)
            let limited = CSVReader(stream: decoder, delimiter: delimiter, maxRowBytes: 8 + selector % 64, bufferSize: 16 + selector % 29)
            var row = CSVReader.Row()
            var lastLine = 0
            while (try? limited.next(into: &row)) == true {
                check(row.line > lastLine && row.lineCount >= 1, "CSVReader: row line \(row.line) after \(lastLine)")
                lastLine = row.line
            }
        }
    }

    /// The whole source reader over a temporary file, with the configured CSV sources and a small line limit.
    static func source(_ input: [UInt8]) {
        guard !csvSources.isEmpty else { return }
        let (schema, source, mapper) = csvSources[input.count % csvSources.count]
        var limits = configuration.pipeline.limits
        limits.maxLineBytes = 512
        limits.maxDecompressedBytes = 1 << 24   // gzip input is inflated: keep a bomb small
        FuzzDriver.drain("kdl-fuzz-csv: CSVSourceReader", fieldCount: schema.fields.count) {
            try CSVSourceReader(input: FuzzDriver.inputFile(input), unit: "fuzz", source: source,
                              schema: schema, mapper: mapper, limits: limits)
        }
    }

    // MARK: - Helpers

    private static func decode(_ input: [UInt8], _ encoding: TextEncoding, sourceChunk: Int, readChunk: Int) -> [UInt8] {
        let decoder = DecodingByteStream(source: ChunkedByteStream(input, chunk: sourceChunk), encoding: encoding)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: readChunk)
        while true {
            let count = (try? buffer.withUnsafeMutableBytes { try decoder.read(into: $0) }) ?? 0
            if count == 0 { return output }
            output.append(contentsOf: buffer[0..<count])
        }
    }

    private static func split(_ text: [UInt8], delimiter: UInt8, sourceChunk: Int, bufferSize: Int,
                              maxRowBytes: Int) -> (rows: [CSVReader.Row], blankLines: Int) {
        let reader = CSVReader(stream: ChunkedByteStream(text, chunk: sourceChunk), delimiter: delimiter,
                               maxRowBytes: maxRowBytes, bufferSize: bufferSize)
        var rows: [CSVReader.Row] = []
        while let row = try? reader.next() { rows.append(row) }
        return (rows, reader.blankLines)
    }

    private static func same(_ pair: (CSVReader.Row, CSVReader.Row)) -> Bool {
        let (a, b) = pair
        return a.cells == b.cells && a.line == b.line && a.lineCount == b.lineCount && a.hadQuotes == b.hadQuotes
            && a.issue == b.issue
    }

    private static func difference(_ rows: [CSVReader.Row], _ blank: Int, _ small: [CSVReader.Row], _ smallBlank: Int) -> String {
        func text(_ row: CSVReader.Row) -> String {
            let issue = row.issue.map { "\($0)" } ?? "ok"
            return "line \(row.line)+\(row.lineCount) \(issue)\(row.hadQuotes ? " quoted" : "") \(row.fields)"
        }
        if let index = zip(rows, small).enumerated().first(where: { !same($0.element) })?.offset {
            return "row \(index): \(text(rows[index])) vs \(text(small[index]))"
        }
        return "\(rows.count) rows, \(blank) blank lines vs \(small.count) rows, \(smallBlank) blank lines"
    }

    private static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        FuzzDriver.check(condition, "kdl-fuzz-csv: " + message())
    }

    private static var configuration: Configuration { FuzzDriver.configuration }

    /// Every CSV source in `pipelines/units/`, with its dataset and column mapper (built once: it folds every alias).
    private static let csvSources: [(DatasetSchema, UnitSource, ColumnMapper)] = {
        configuration.units.flatMap { unit in
            unit.sources.compactMap { source -> (DatasetSchema, UnitSource, ColumnMapper)? in
                guard source.format != XMLFormat.name, source.recordPath == nil, let schema = configuration.datasets[source.dataset] else {
                    return nil
                }
                return (schema, source, ColumnMapper(schema: schema, explicitColumns: source.columns))
            }
        }
    }()
}
