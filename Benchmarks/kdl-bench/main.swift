import Foundation
import KhoCore

let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    kdl-bench [--rows 100000,1000000] [--runs 3] [--peers] [--baseline KDL-RUN]
        time the release build on synthetic exports, against gzip -6 and pigz -p2 -6 in the same run
        --peers      also time Polars and DuckDB (scripts/bench-peers)
        --baseline   also time another build's kdl-run, alternating runs with this one
    kdl-bench generate ROWS DIR
        write a synthetic export and its truth
    kdl-bench generate ROWS DIR --units N
        write N units' exports (DIR/inbox/bench-NN/, other people in each), their truths (DIR/truth/)
        and a pipeline for them (DIR/pipelines/nightly.json)
    kdl-bench deflate [FILE...]
        the project's deflate against zlib at levels 1, 6 and 9, on the files or on the bundle data
    kdl-bench sha256 FILE
        SHA-256 throughput on each engine this CPU has
    """
/// A file a subcommand reads, or an error that names it.
func contents(of path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
    return Array(data)
}
do {
    if arguments.contains("--help") || arguments.contains("-h") {
        print(usage)
        exit(0)
    }
    if arguments.first == "generate", arguments.count == 5, arguments[3] == "--units" {
        guard let rows = Int(arguments[1]), rows > 0, let count = Int(arguments[4]), (1...38).contains(count) else {
            throw BenchError("usage: kdl-bench generate ROWS DIR --units N (1 to 38)")
        }
        let folder = URL(fileURLWithPath: arguments[2])
        let units = (1...count).map { $0 < 10 ? "bench-0\($0)" : "bench-\($0)" }
        for (index, unit) in units.enumerated() {
            let truth = try SyntheticExport.write(rows: rows, to: folder.appendingPathComponent("inbox/\(unit)/\(Bench.dataset)-\(rows).csv"), unit: index)
            try JSONOutput.write(truth, to: folder.appendingPathComponent("truth/\(unit).json"))
        }
        let pipeline = try Bench.writePipeline(to: folder.appendingPathComponent("pipelines"), units: units,
                                               inbox: folder.appendingPathComponent("inbox"))
        print("\(count) × \(rows) rows in \(folder.path)/inbox/bench-NN/; truths in truth/; pipeline \(pipeline.path)")
        exit(0)
    }
    if arguments.first == "generate" {
        guard arguments.count == 3, let rows = Int(arguments[1]) else { throw BenchError("usage: kdl-bench generate ROWS DIR [--units N]") }
        let folder = URL(fileURLWithPath: arguments[2])
        let truth = try SyntheticExport.write(rows: rows, to: folder.appendingPathComponent("ho-ngheo-\(rows).csv"))
        try JSONOutput.write(truth, to: folder.appendingPathComponent("truth.json"))
        print(String(decoding: try JSONOutput.encode(truth), as: UTF8.self), terminator: "")
        exit(0)
    }
    if arguments.first == "deflate" {
        let files = try arguments.dropFirst().map { (name: $0, bytes: try contents(of: $0)) }
        try DeflateBench.run(files.isEmpty ? DeflateBench.defaultGroups() : files.map { DeflateBench.Group(name: $0.name, files: [$0]) })
        exit(0)
    }
    if arguments.first == "sha256" {
        // Throughput of the project's SHA-256 on a file, on each engine this CPU has, for comparison with `sha256sum`.
        guard arguments.count == 2 else { throw BenchError("usage: kdl-bench sha256 FILE") }
        let data = try contents(of: arguments[1])
        for engine in SHA256.Engine.allCases where engine.isAvailable {
            let started = Date()
            var hasher = SHA256(engine: engine)
            data.withUnsafeBytes { hasher.update($0) }
            let hex = hasher.finalizeHex()
            let seconds = Date().timeIntervalSince(started)
            print("\(hex)  \(String(format: "%.0f", Double(data.count) / seconds / 1e6)) MB/s  \(engine)\(engine == SHA256.defaultEngine ? " (default)" : "")")
        }
        exit(0)
    }
    var rows = [100_000, 1_000_000], runs = 3, peers = false
    var baseline: URL?
    var index = 0
    while index < arguments.count {
        switch arguments[index] {
        case "--rows":
            index += 1
            rows = arguments[safe: index]?.split(separator: ",").compactMap { Int($0) } ?? []
        case "--runs":
            index += 1
            runs = Int(arguments[safe: index] ?? "") ?? 0
        case "--peers": peers = true
        case "--baseline":
            index += 1
            guard let path = arguments[safe: index], FileManager.default.isExecutableFile(atPath: path) else {
                throw BenchError("--baseline needs the path of another build's kdl-run")
            }
            baseline = URL(fileURLWithPath: path)
        case "--help", "-h":
            print(usage)
            exit(0)
        default: throw BenchError("unknown argument \(arguments[index]) (see --help)")
        }
        index += 1
    }
    guard !rows.isEmpty, runs >= 1 else { throw BenchError("--rows and --runs need positive numbers") }
    let root = URL(fileURLWithPath: "out/bench", isDirectory: true)
    let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let report = try Bench(root: root, binaries: binaries, rowCounts: rows, runs: runs, peers: peers, baseline: baseline).run()
    print("")
    print("median of \(runs) runs, ratios to the compression floor measured in the same run:")
    for (name, value) in report.ratios.sorted(by: { $0.key < $1.key }) { print(String(format: "  %-52@ %6.2f", name as NSString, value)) }
    try JSONOutput.write(report, to: root.appendingPathComponent("bench.json"))
    print("written: out/bench/bench.json")
    exit(report.verified ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("kdl-bench: \(error)\n".utf8))
    exit(1)
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
