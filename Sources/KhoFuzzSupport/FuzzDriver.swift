import Foundation
import KhoCore

/// What the fuzz targets share: the entry point (libFuzzer's driver, or a replay of files), the
/// project's configuration, invariant checks, and byte sources that split input at odd places.
public enum FuzzDriver {
    /// The C signature of `LLVMFuzzerTestOneInput`.
    public typealias Entry = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// Runs the target. Built with `-sanitize=fuzzer -DFUZZING`, hands over to libFuzzer with its
    /// usual flags; otherwise replays the files (or folders of files) named on the command line
    /// through `entry` once each, so a crash file reproduces without the fuzzer.
    ///
    /// libFuzzer's own `main` cannot be used: SwiftPM links every executable with
    /// `--defsym main=<module>_main` on Linux, which needs the Swift `@main` entry point.
    public static func main(name: String, entry: Entry) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, entry))
        #else
        let paths = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("-") }
        guard !paths.isEmpty else {
            let usage = "usage: \(name) FILE|DIR...   (replays inputs through the fuzz entry point)\n"
            FileHandle.standardError.write(Data(usage.utf8))
            exit(64)
        }
        var count = 0
        for path in paths {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            let files = isFolder.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("\(name): cannot read \(file)\n".utf8))
                    exit(66)
                }
                _ = Array(data).withUnsafeBufferPointer { entry($0.baseAddress, $0.count) }
                count += 1
            }
        }
        try? FileManager.default.removeItem(at: scratchFile)
        print("\(name): \(count) inputs replayed, no crash")
        exit(0)
        #endif
    }

    /// `KDL_FUZZ_STRICT=1` turns off the targets' allowances for known bugs (to check a fix).
    public static let strict = ProcessInfo.processInfo.environment["KDL_FUZZ_STRICT"].map { $0 != "0" && !$0.isEmpty } ?? false

    /// A broken invariant is a crash that libFuzzer records, with the reason on stderr.
    public static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError(message()) }
    }

    // MARK: - Inputs

    /// The project's `pipelines/`: from `KDL_PIPELINE`, the current folder, or the checkout this was built from.
    public static let configuration: Configuration = {
        let candidates: [String?] = [ProcessInfo.processInfo.environment["KDL_PIPELINE"],
                                     FileManager.default.currentDirectoryPath + "/pipelines/nightly.json",
                                     URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                                         .deletingLastPathComponent().appendingPathComponent("pipelines/nightly.json").path]
        for case let path? in candidates where FileManager.default.fileExists(atPath: path) {
            do { return try Configuration.load(pipelineFile: URL(fileURLWithPath: path)) } catch {
                fatalError("\(path) does not load: \(error)")
            }
        }
        fatalError("no pipelines/nightly.json (run from the project folder or set KDL_PIPELINE)")
    }()

    /// One file per process under `$TMPDIR`, rewritten for each input: the source readers open files.
    public static let scratchFile = FileManager.default.temporaryDirectory.appendingPathComponent("kdl-fuzz-\(getpid()).input")

    /// Writes `bytes` to `scratchFile` and returns it as a unit's input file. Plain `write(2)`:
    /// Foundation's `createFile` writes atomically, which costs more than the read it feeds.
    public static func inputFile(_ bytes: [UInt8]) -> InputFile {
        let descriptor = open(scratchFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { fatalError("cannot write \(scratchFile.path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            guard count > 0 else { fatalError("cannot write \(scratchFile.path): \(String(cString: strerror(errno)))") }
            written += count
        }
        return InputFile(url: scratchFile, unit: "fuzz")
    }

    /// Reads a source reader to its end and checks that every record fits the schema and that rows
    /// read = extracted + unreadable. A thrown ReadError (gzip bomb, truncated gzip) is an outcome,
    /// not a bug.
    public static func drain(_ name: String, fieldCount: Int, _ open: () throws -> SourceReader) {
        var records = 0, unreadable = 0
        do {
            let reader = try open()
            while let item = try reader.next() {
                switch item {
                case .record(let record):
                    records += 1
                    check(record.values.count == fieldCount, "\(name): record not aligned to the schema")
                case .unreadable: unreadable += 1
                }
            }
            let report = reader.report
            check(report.rowsExtracted == records && report.rowsUnreadable == unreadable
                  && report.rowsRead == report.rowsExtracted + report.rowsUnreadable,
                  "\(name): row accounting \(report.rowsRead) read ≠ \(records) records + \(unreadable) unreadable")
        } catch {}
    }

    /// A number derived from the input that picks chunk sizes and variants, so the fuzzer can steer them.
    public static func selector(_ bytes: [UInt8]) -> Int { bytes.count &* 31 &+ Int(bytes.last ?? 0) }
}

/// Bytes in memory, handed out at most `chunk` at a time (to split sequences and lines across reads).
public final class ChunkedByteStream: ByteStream {
    private let bytes: [UInt8]
    private let chunk: Int
    private var offset = 0

    public init(_ bytes: [UInt8], chunk: Int) {
        self.bytes = bytes
        self.chunk = max(1, chunk)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, chunk, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count)]))
        }
        offset += count
        return count
    }
}

#if FUZZING
/// libFuzzer's driver (`FuzzerDriver.cpp`), linked by `-sanitize=fuzzer`. Declared by symbol name
/// because Swift imports C declarations only through a module; pointer arguments pass the same way.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                                 _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                                 _ callback: FuzzDriver.Entry) -> CInt
#endif
