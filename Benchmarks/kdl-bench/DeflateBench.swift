import Foundation
import KhoCore
import KhoNative

/// `kdl-bench deflate`: our encoder against zlib at levels 1, 6 and 9, both cutting the input into
/// the same 1 MiB blocks with 32 KiB of history as the bundle writer does, on one core: size,
/// ratio to zlib and throughput, per group of files (the bundles' data, csv-spectrum, the samples).
struct DeflateBench {
    struct Group {
        let name: String
        let files: [(name: String, bytes: [UInt8])]
    }

    struct Measure {
        var size = 0
        var seconds = 0.0
    }

    static let levels: [Int32] = [1, 6, 9]

    /// The default groups: the `data/*.csv` of the bundles of the largest run under `out/bench/`
    /// (`out-<rows>`, from an earlier `kdl-bench` run; a baseline's copies are left out),
    /// csv-spectrum and the sample inbox.
    static func defaultGroups() throws -> [Group] {
        var bundles: [(String, [UInt8])] = []
        let bench = URL(fileURLWithPath: "out/bench")
        let runs = ((try? FileManager.default.contentsOfDirectory(atPath: bench.path)) ?? [])
            .compactMap { name in name.hasPrefix("out-") ? Int(name.dropFirst(4)) : nil }
        var zips: [URL] = []
        if let rows = runs.max() {
            let enumerator = FileManager.default.enumerator(at: bench.appendingPathComponent("out-\(rows)"), includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL { if url.pathExtension == "zip" { zips.append(url) } }
        }
        for zip in zips.sorted(by: { $0.path < $1.path }) {
            let bytes = try unzipData(zip)
            if !bytes.isEmpty { bundles.append((zip.path.replacingOccurrences(of: bench.path + "/", with: ""), bytes)) }
        }
        return [Group(name: "bundle data (out/bench)", files: bundles),
                Group(name: "csv-spectrum", files: try files(in: "Tests/KhoCoreTests/Fixtures/conformance/csv-spectrum/csvs")),
                Group(name: "samples/inbox", files: try files(in: "samples/inbox"))]
    }

    static func run(_ groups: [Group]) throws {
        print("deflate, one core, \(ParallelDeflater.defaultBlockSize >> 10) KiB blocks with 32 KiB history; MB/s of input")
        print("group                          level      bytes       zlib       ours  ours/zlib  zlib MB/s  ours MB/s  speed-up")
        for group in groups where !group.files.isEmpty {
            let input = group.files.reduce(0) { $0 + $1.bytes.count }
            for level in levels {
                var zlib = Measure(), ours = Measure()
                for file in group.files {
                    let (z, o) = try measure(file.bytes, level: level)
                    zlib.size += z.size; zlib.seconds += z.seconds
                    ours.size += o.size; ours.seconds += o.seconds
                }
                let name = group.name.padding(toLength: 30, withPad: " ", startingAt: 0)
                print(name + String(format: " %5d %10d %10d %10d %10.4f %10.1f %10.1f %9.2f×", level, input, zlib.size, ours.size,
                                    Double(ours.size) / Double(max(1, zlib.size)), Double(input) / zlib.seconds / 1e6,
                                    Double(input) / ours.seconds / 1e6, zlib.seconds / ours.seconds))
            }
        }
    }

    /// Best of several timed passes (at least 3, and at least 0.3 s of work each side), after
    /// checking that our stream inflates back to the input.
    private static func measure(_ bytes: [UInt8], level: Int32) throws -> (zlib: Measure, ours: Measure) {
        let mine = try ours(bytes, level: level)
        guard try Inflater.inflateRaw(mine) == bytes else { throw BenchError("our deflate does not round-trip at level \(level)") }
        var best = (zlib: Double.infinity, ours: Double.infinity)
        var spent = 0.0, passes = 0
        var sizes = (zlib: 0, ours: mine.count)
        while passes < 3 || spent < 0.6 {
            let start = DispatchTime.now().uptimeNanoseconds
            sizes.zlib = try zlib(bytes, level: level).count
            let middle = DispatchTime.now().uptimeNanoseconds
            _ = try ours(bytes, level: level)
            let end = DispatchTime.now().uptimeNanoseconds
            best.zlib = min(best.zlib, Double(middle - start) / 1e9)
            best.ours = min(best.ours, Double(end - middle) / 1e9)
            spent += Double(end - start) / 1e9
            passes += 1
        }
        return (Measure(size: sizes.zlib, seconds: best.zlib), Measure(size: sizes.ours, seconds: best.ours))
    }

    private static func blocks(_ count: Int) -> [(history: Int, start: Int, end: Int)] {
        var result: [(Int, Int, Int)] = []
        var start = 0
        repeat {
            let end = min(count, start + ParallelDeflater.defaultBlockSize)
            result.append((max(0, start - 32_768), start, end))
            start = end
        } while start < count
        return result
    }

    static func ours(_ bytes: [UInt8], level: Int32) throws -> [UInt8] {
        var out: [UInt8] = []
        for (history, start, end) in blocks(bytes.count) {
            let deflater = try ChunkDeflater(level: level)
            try bytes[history..<end].withUnsafeBytes { try deflater.compress($0, start: start - history, isFinal: end == bytes.count, into: &out) }
        }
        return out
    }

    static func zlib(_ bytes: [UInt8], level: Int32) throws -> [UInt8] {
        var out: [UInt8] = []
        for (history, start, end) in blocks(bytes.count) {
            let deflater = try Deflater(level: level)
            try deflater.setDictionary(Array(bytes[history..<start]))
            try bytes[start..<end].withUnsafeBytes { try deflater.compress($0, into: &out) }
            if end == bytes.count { try deflater.finish(into: &out) } else { try deflater.finishBlock(into: &out) }
        }
        return out
    }

    private static func files(in folder: String) throws -> [(name: String, bytes: [UInt8])] {
        var result: [(String, [UInt8])] = []
        let enumerator = FileManager.default.enumerator(at: URL(fileURLWithPath: folder), includingPropertiesForKeys: [.isRegularFileKey])
        var urls: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { urls.append(url) }
        }
        for url in urls.sorted(by: { $0.path < $1.path }) { result.append((url.lastPathComponent, Array(try Data(contentsOf: url)))) }
        return result
    }

    /// The `data/*.csv` members of a bundle, concatenated, by `unzip -p`.
    private static func unzipData(_ zip: URL) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", zip.path, "data/*.csv"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }
}
