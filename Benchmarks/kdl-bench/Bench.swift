import Foundation
import KhoCore

/// The benchmark: synthetic exports of 100k and 1M rows, timed against `gzip -6` (the compression
/// floor) and `pigz -p2 -6` in the same run, stage by stage and whole, with the quality report
/// checked against the generator's truth so that a fast wrong answer fails.
struct Bench {
    struct Measurement: Codable {
        var name: String
        var rows: Int
        var inputMB: Double
        var samples: [ProcessTimer.Sample]
        var median: Double { samples.map(\.wall).sorted()[samples.count / 2] }
        var peakMB: Double { samples.map(\.peakMB).max() ?? 0 }
        var cpu: Double { let sorted = samples.map { $0.user + $0.system }.sorted(); return sorted[sorted.count / 2] }
    }

    struct Report: Codable {
        var asOf: String
        var machine: String
        var runs: Int
        var measurements: [Measurement]
        var ratios: [String: Double]
        var truth: [String: SyntheticExport.Truth]
        var verified: Bool
    }

    let root: URL          // out/bench
    let binaries: URL      // folder of the kdl-* executables
    let rowCounts: [Int]
    let runs: Int
    let peers: Bool
    /// Another build's `kdl-run`, timed in the same run, its runs alternating with this build's.
    let baseline: URL?
    static let asOf = "2025-11-30"
    /// The job Polars and DuckDB also run: `Benchmarks/datasets/thanh-vien-ho.json`.
    static let dataset = "thanh-vien-ho"

    func run() throws -> Report {
        var measurements: [Measurement] = []
        var truths: [String: SyntheticExport.Truth] = [:]
        var verified = true
        var kdlRun: [Int: (arguments: [String], out: URL, megabytes: Double)] = [:]
        for rows in rowCounts {
            let (input, truth) = try dataset(rows)
            truths[String(rows)] = truth
            let pipeline = try makePipeline(rows: rows, inbox: input.deletingLastPathComponent().deletingLastPathComponent())
            let megabytes = Double((try FileManager.default.attributesOfItem(atPath: input.path)[.size] as? NSNumber)?.int64Value ?? 0) / 1e6
            func measure(_ name: String, _ executable: String, _ arguments: [String], stdout: String = "/dev/null",
                         prepare: () throws -> Void = {}) throws {
                var samples: [ProcessTimer.Sample] = []
                for _ in 0..<runs {
                    try prepare()
                    samples.append(try timed(name, ProcessTimer.run(executable, arguments, stdout: stdout)))
                }
                let measurement = Measurement(name: name, rows: rows, inputMB: megabytes, samples: samples)
                measurements.append(measurement)
                print(String(format: "  %-18@ %9d rows  %7.3f s  %6.1f MB RSS", name as NSString, rows, measurement.median, measurement.peakMB))
            }
            print("\(rows) rows, \(String(format: "%.1f", megabytes)) MB")
            try measure("gzip -6", "gzip", ["-6", "-c", input.path])
            if ProcessTimer.exists("pigz") { try measure("pigz -p2 -6", "pigz", ["-p", "2", "-6", "-c", input.path]) }
            let out = root.appendingPathComponent("out-\(rows)")
            let common = ["--pipeline", pipeline.path, "--out", out.path, "--as-of", Bench.asOf, "--quiet"]
            let fresh = { try? FileManager.default.removeItem(at: out) }
            kdlRun[rows] = (common + ["--force"], out, megabytes)
            if let baseline {
                // Alternating runs: a slow minute on a shared machine falls on both builds alike.
                let outBaseline = root.appendingPathComponent("out-\(rows)-baseline")
                let baselineArguments = ["--pipeline", pipeline.path, "--out", outBaseline.path, "--as-of", Bench.asOf, "--quiet", "--force"]
                var current: [ProcessTimer.Sample] = [], previous: [ProcessTimer.Sample] = []
                for _ in 0..<runs {
                    try? FileManager.default.removeItem(at: outBaseline)
                    previous.append(try timed("kdl-run baseline", ProcessTimer.run(baseline.path, baselineArguments)))
                    fresh()
                    current.append(try timed("kdl-run", ProcessTimer.run(binaries.appendingPathComponent("kdl-run").path, common + ["--force"])))
                }
                for (name, samples) in [("kdl-run baseline", previous), ("kdl-run", current)] {
                    let measurement = Measurement(name: name, rows: rows, inputMB: megabytes, samples: samples)
                    measurements.append(measurement)
                    print(String(format: "  %-18@ %9d rows  %7.3f s  %6.1f MB RSS  %7.3f s CPU", name as NSString, rows,
                                 measurement.median, measurement.peakMB, measurement.cpu))
                }
            } else {
                try measure("kdl-run", binaries.appendingPathComponent("kdl-run").path, common + ["--force"], prepare: { fresh() })
            }
            verified = try verify(out: out, truth: truth) && verified
            try measure("kdl-extract", binaries.appendingPathComponent("kdl-extract").path, common)
            try measure("kdl-validate", binaries.appendingPathComponent("kdl-validate").path, common)
            try measure("kdl-normalize", binaries.appendingPathComponent("kdl-normalize").path, common)
            try measure("kdl-bundle", binaries.appendingPathComponent("kdl-bundle").path, common)
            try measure("kdl-run again", binaries.appendingPathComponent("kdl-run").path, common)
            if peers, let script = peerScript() {
                for peer in ["polars", "duckdb"] {
                    try measure(peer, script.path, ["run", peer, input.path, root.appendingPathComponent("peer-\(peer)-\(rows)").path])
                }
            }
        }
        if let small = rowCounts.min(), let large = rowCounts.max(), small != large, let first = kdlRun[small], let last = kdlRun[large] {
            // The sizes above are timed minutes apart, and a shared machine's speed drifts by a tenth
            // in minutes, which moves their ratio by about one: here each large run is timed between
            // two small ones, and compared with their mean, so that a drift during the large run
            // falls on both sides.
            print("\(small) and \(large) rows alternately, \(Bench.scalingRounds(runs)) rounds")
            var samples: [Int: [ProcessTimer.Sample]] = [small: [], large: []]
            func time(_ rows: Int, _ run: (arguments: [String], out: URL, megabytes: Double)) throws {
                try? FileManager.default.removeItem(at: run.out)
                samples[rows, default: []].append(try timed("kdl-run", ProcessTimer.run(binaries.appendingPathComponent("kdl-run").path, run.arguments)))
            }
            try time(small, first)
            for _ in 0..<Bench.scalingRounds(runs) {
                try time(large, last)
                try time(small, first)
            }
            for (rows, run) in [(small, first), (large, last)] {
                let measurement = Measurement(name: Bench.alternating, rows: rows, inputMB: run.megabytes, samples: samples[rows] ?? [])
                measurements.append(measurement)
                print(String(format: "  %-18@ %9d rows  %7.3f s", "kdl-run" as NSString, rows, measurement.median))
            }
        }
        return Report(asOf: Bench.asOf, machine: machine(), runs: runs, measurements: measurements,
                      ratios: ratios(measurements), truth: truths, verified: verified)
    }

    /// `kdl-run` timed at the smallest and the largest size in turn, for the scaling ratio.
    static let alternating = "kdl-run alternating"

    /// Large runs timed for the scaling ratio: twice the runs of each tool, at least nine, for a
    /// ratio whose noise (±0.5 from five pairs) is smaller than the 9–11 band it is held to.
    static func scalingRounds(_ runs: Int) -> Int { max(9, 2 * runs) }

    /// Each large run with the mean of the small runs just before and after it (`small` has one
    /// more sample than `large`, the sequence starting and ending small); none otherwise.
    static func rounds(large: [Double], small: [Double]) -> [(large: Double, small: Double)] {
        guard small.count == large.count + 1 else { return [] }
        return large.indices.map { (large: large[$0], small: (small[$0] + small[$0 + 1]) / 2) }
    }

    /// Each round's large time over its small one, sorted.
    static func sandwichRatios(large: [Double], small: [Double]) -> [Double] {
        rounds(large: large, small: small).map { $0.large / $0.small }.sorted()
    }

    /// The same rounds, each split into what a night costs whatever its size and what each row
    /// adds: the line T(rows) = fixed + perRow · rows through the round's two times. A fixed cost
    /// holds the ratio of the times under the ratio of the rows: with 100k and 1M rows, 9 rather
    /// than 10 when it is an eighth of what the 100k rows cost. Both sorted.
    static func sandwichCosts(large: [Double], small: [Double], largeRows: Int, smallRows: Int) -> (fixed: [Double], perRow: [Double]) {
        guard largeRows > smallRows else { return ([], []) }
        let split = rounds(large: large, small: small).map { round in
            let perRow = (round.large - round.small) / Double(largeRows - smallRows)
            return (fixed: round.small - perRow * Double(smallRows), perRow: perRow)
        }
        return (split.map(\.fixed).sorted(), split.map(\.perRow).sorted())
    }

    /// A sample, once its exit status says the run did its work (65: findings made it fail the gate).
    private func timed(_ name: String, _ sample: ProcessTimer.Sample) throws -> ProcessTimer.Sample {
        guard sample.status == 0 || (name.hasPrefix("kdl") && sample.status == 65) else { throw BenchError("\(name) exited \(sample.status)") }
        return sample
    }

    /// The synthetic export for a row count, generated once and reused while the generator is the same.
    private func dataset(_ rows: Int) throws -> (URL, SyntheticExport.Truth) {
        let folder = root.appendingPathComponent("data/\(rows)")
        let input = folder.appendingPathComponent("inbox/bench/thanh-vien-ho-\(rows).csv")
        let truthURL = folder.appendingPathComponent("truth.json")
        if FileManager.default.fileExists(atPath: input.path), let truth = try? JSONOutput.read(SyntheticExport.Truth.self, from: truthURL) {
            return (input, truth)
        }
        print("generating \(rows) rows…")
        let truth = try SyntheticExport.write(rows: rows, to: input)
        try JSONOutput.write(truth, to: truthURL)
        return (input, truth)
    }

    /// A copy of `pipelines/` with the benchmark's dataset (`Benchmarks/datasets/`), whose only unit
    /// is the synthetic one.
    private func makePipeline(rows: Int, inbox: URL) throws -> URL {
        try Bench.writePipeline(to: root.appendingPathComponent("pipelines-\(rows)"), units: ["bench"], inbox: inbox)
    }

    /// A copy of `pipelines/` with the benchmark's dataset (`Benchmarks/datasets/`) and `units`
    /// as its only units, each sending it as `*.csv` in `inbox/<unit>/`; returns its `nightly.json`.
    static func writePipeline(to folder: URL, units ids: [String], inbox: URL) throws -> URL {
        let project = try projectFolder()
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.copyItem(at: project.appendingPathComponent("pipelines"), to: folder)
        let datasets = project.appendingPathComponent("Benchmarks/datasets")
        for file in try FileManager.default.contentsOfDirectory(atPath: datasets.path) where file.hasSuffix(".json") {
            try FileManager.default.copyItem(at: datasets.appendingPathComponent(file), to: folder.appendingPathComponent("datasets/\(file)"))
        }
        let units = folder.appendingPathComponent("units")
        try FileManager.default.removeItem(at: units)
        try FileManager.default.createDirectory(at: units, withIntermediateDirectories: true)
        for (index, id) in ids.enumerated() {
            let name = ids.count == 1 ? "Đơn vị thử tải" : "Đơn vị thử tải \(index + 1)"
            try Data("""
            {"version": 1, "id": "\(id)", "name": "\(name)", "sources": [{"dataset": "\(Bench.dataset)", "files": "*.csv"}]}
            """.utf8).write(to: units.appendingPathComponent("\(id).json"))
        }
        let list = ids.map { "\"\($0)\"" }.joined(separator: ", ")
        try Data("""
        {"version": 1, "inbox": "\(inbox.path)", "out": "out", "units": [\(list)], "quietPeriodSeconds": 0}
        """.utf8).write(to: folder.appendingPathComponent("nightly.json"))
        return folder.appendingPathComponent("nightly.json")
    }

    /// The project's folder, whose `pipelines/` and `Benchmarks/datasets/` a generated pipeline
    /// copies: the current folder, else the one this executable was built in (`.build/release/`),
    /// so that `generate` also works from elsewhere.
    static func projectFolder() throws -> URL {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var candidates = [current]
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        while folder.path != "/" && !folder.path.isEmpty {
            candidates.append(folder)
            folder = folder.deletingLastPathComponent()
        }
        let files = FileManager.default
        if let project = candidates.first(where: {
            files.fileExists(atPath: $0.appendingPathComponent("pipelines/nightly.json").path)
                && files.fileExists(atPath: $0.appendingPathComponent("Benchmarks/datasets").path)
        }) {
            return project
        }
        throw BenchError("the project's pipelines/nightly.json and Benchmarks/datasets/ are neither in \(current.path) nor above "
            + "\(executable.path): run kdl-bench from the project's folder")
    }

    /// The quality report must count exactly the defects the generator wrote.
    private func verify(out: URL, truth: SyntheticExport.Truth) throws -> Bool {
        let quality = try JSONOutput.read(QualityReport.self, from: out.appendingPathComponent("work/bench/\(Bench.dataset)/quality.json"))
        func count(_ code: FindingCode, _ field: String) -> Int {
            quality.checks.first { $0.code == code }?.fields[field] ?? 0
        }
        let checks: [(String, Int, Int)] = [
            ("rows read", quality.rows.read, truth.rows),
            ("bad dates (type-invalid ngay_sinh)", count(.typeInvalid, "ngay_sinh"), truth.badDates),
            ("ISO dates in a dd/mm/yyyy column (date-layout-unexpected ngay_sinh)", count(.dateLayoutUnexpected, "ngay_sinh"), truth.isoDates),
            ("unknown codes (code-unknown ma_xa)", count(.codeUnknown, "ma_xa"), truth.unknownCodes),
            ("duplicate IDs (duplicate-key so_dinh_danh)", count(.duplicateKey, "so_dinh_danh"), truth.duplicateIDs + truth.duplicatesOfRejected),
            ("empty names (required ho_ten)", count(.required, "ho_ten"), truth.emptyNames),
            ("rejected rows", quality.rows.rejected, truth.rejected),
        ]
        var good = true
        for (name, found, expected) in checks where found != expected {
            print("  WRONG: \(name): report says \(found), generator wrote \(expected)")
            good = false
        }
        if good { print("  quality report matches the generator's truth (\(truth.rejected) rejected of \(truth.rows))") }
        return good
    }

    private func ratios(_ measurements: [Measurement]) -> [String: Double] {
        var result: [String: Double] = [:]
        for rows in rowCounts {
            let here = measurements.filter { $0.rows == rows }
            guard let gzip = here.first(where: { $0.name == "gzip -6" })?.median else { continue }
            let pigz = here.first { $0.name == "pigz -p2 -6" }?.median
            for measurement in here where measurement.name != Bench.alternating {
                result["\(measurement.name) / gzip -6 @\(rows)"] = measurement.median / gzip
                if let pigz { result["\(measurement.name) / pigz -p2 -6 @\(rows)"] = measurement.median / pigz }
            }
            if let polars = here.first(where: { $0.name == "polars" })?.median, let run = here.first(where: { $0.name == "kdl-run" })?.median {
                result["kdl-run / polars @\(rows)"] = run / polars
            }
            if let previous = here.first(where: { $0.name == "kdl-run baseline" }), let run = here.first(where: { $0.name == "kdl-run" }) {
                // Runs were made in pairs: the median of the pairs' ratios cancels a machine that
                // is slower for a minute, which the ratio of two medians does not.
                func pairedMedian(_ cost: (ProcessTimer.Sample) -> Double) -> Double {
                    let ratios = zip(run.samples, previous.samples).map { cost($0) / cost($1) }.sorted()
                    return ratios[ratios.count / 2]
                }
                result["kdl-run / kdl-run baseline @\(rows)"] = pairedMedian(\.wall)
                result["kdl-run / kdl-run baseline CPU @\(rows)"] = pairedMedian { $0.user + $0.system }
            }
        }
        if rowCounts.count >= 2, let small = rowCounts.min(), let large = rowCounts.max() {
            for name in ["kdl-run", "gzip -6"] {
                if let a = measurements.first(where: { $0.name == name && $0.rows == small })?.median,
                   let b = measurements.first(where: { $0.name == name && $0.rows == large })?.median {
                    result["\(name) \(large) / \(small) rows"] = b / a
                }
            }
            if let a = measurements.first(where: { $0.name == Bench.alternating && $0.rows == small }),
               let b = measurements.first(where: { $0.name == Bench.alternating && $0.rows == large }) {
                let ratios = Bench.sandwichRatios(large: b.samples.map(\.wall), small: a.samples.map(\.wall))
                if !ratios.isEmpty {
                    let name = "kdl-run \(large) / \(small) rows, alternating"
                    result["\(name) (median of \(ratios.count))"] = ratios[ratios.count / 2]
                    result["\(name) (lower quartile)"] = ratios[ratios.count / 4]
                    result["\(name) (upper quartile)"] = ratios[(3 * ratios.count) / 4]
                    let costs = Bench.sandwichCosts(large: b.samples.map(\.wall), small: a.samples.map(\.wall), largeRows: large, smallRows: small)
                    result["kdl-run fixed ms per night, alternating (median)"] = costs.fixed[costs.fixed.count / 2] * 1e3
                    result["kdl-run µs per row, alternating (median)"] = costs.perRow[costs.perRow.count / 2] * 1e6
                }
            }
        }
        return result
    }

    private func peerScript() -> URL? {
        guard let url = try? Bench.projectFolder().appendingPathComponent("scripts/bench-peers") else { return nil }
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    private func machine() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "?"
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu)"
    }
}
