import Foundation
@testable import KhoCore

/// A fresh project folder for one test: a copy of `pipelines/` and `samples/`, and the built
/// stage commands run inside it, as a user would run them.
struct Sandbox {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Where `swift build` put the executables: beside the test bundle.
    static let binaries: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("kdl-run").path) {
            folder.deleteLastPathComponent()
        }
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("kdl-run").path) { return folder }
        return repositoryRoot.appendingPathComponent(".build/debug")
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("kdl-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["pipelines", "samples"] {
            try FileManager.default.copyItem(at: Sandbox.repositoryRoot.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        try arrived(inbox)
    }

    /// Marks everything under `url` as written an hour ago: exports arrive before the night's run,
    /// and one written in the last minute would be left as still arriving.
    func arrived(_ url: URL, secondsAgo: TimeInterval = 3600) throws {
        let date = Date().addingTimeInterval(-secondsAgo)
        let walker = FileManager.default.enumerator(atPath: url.path)
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
        while let relative = walker?.nextObject() as? String {
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.appendingPathComponent(relative).path)
        }
    }

    /// Changes one JSON file of the sandbox's `pipelines/`, as an operator would edit it.
    func configure(_ file: String, _ change: (inout [String: Any]) -> Void) throws {
        let url = root.appendingPathComponent("pipelines/\(file)")
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        change(&json)
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: url)
    }

    /// A JSON object under `out/`; with `entry`, of that entry of a ZIP there.
    func json(_ path: String, entry: String? = nil) throws -> [String: Any] {
        let data = try entry.map { try zipEntry(path, $0) } ?? bytes(path)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    func text(_ path: String, entry: String) throws -> String {
        String(decoding: try zipEntry(path, entry), as: UTF8.self)
    }

    var out: URL { root.appendingPathComponent("out") }
    var inbox: URL { root.appendingPathComponent("samples/inbox") }

    /// Runs a built command in the sandbox and waits for it. `environment` is added to the test's;
    /// `launcher` runs the command through another program (a shell that sets a limit first,
    /// `setpriv` to change user), which gets the command's path and arguments after its own.
    @discardableResult
    func run(_ command: String, _ arguments: [String] = [], environment: [String: String] = [:],
             launcher: [String] = []) throws -> Result {
        let process = try start(command, arguments, environment: environment, launcher: launcher)
        let stdout = (process.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        let stderr = (process.standardError as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Starts a built command and returns at once (for tests that act while it runs).
    func start(_ command: String, _ arguments: [String] = [], environment: [String: String] = [:],
               launcher: [String] = []) throws -> Process {
        let process = Process()
        let executable = Sandbox.binaries.appendingPathComponent(command)
        if launcher.isEmpty {
            process.executableURL = executable
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: launcher[0])
            process.arguments = Array(launcher.dropFirst()) + [executable.path] + arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.currentDirectoryURL = root
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }

    func file(_ path: String) -> URL { out.appendingPathComponent(path) }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: file(path).path) }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: file(path)) }

    /// Every file under `out/`, relative, sorted.
    func outputFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: out.path)
        var files: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(name)
            }
        }
        return files.sorted()
    }

    /// An entry of a ZIP under `out/`, read with the project's own archive reader.
    func zipEntry(_ path: String, _ name: String) throws -> Data {
        let archive = try ZipArchive(path: file(path).path)
        guard let member = archive.members.first(where: { $0.name == name }) else { throw ReadError(code: .fileUnreadable, message: "\(path)!\(name): no such entry") }
        return Data(try archive.open(member, limit: 1 << 30, maxRatio: 100_000).readPrefix(1 << 28))
    }

    /// Rows of a CSV under `out/` as dictionaries by header; with `entry`, of that entry of a ZIP there.
    func csv(_ path: String, entry: String? = nil) throws -> [[String: String]] {
        let stream: ByteStream = try entry.map { MemoryByteStream(Array(try zipEntry(path, $0))) } ?? FileByteStream(path: file(path).path)
        let reader = CSVReader(stream: stream, delimiter: UInt8(ascii: ","))
        guard let header = try reader.next()?.fields else { return [] }
        var rows: [[String: String]] = []
        while let row = try reader.next() { rows.append(Dictionary(uniqueKeysWithValues: zip(header, row.fields))) }
        return rows
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

// MARK: - Reading the catalogs (JSON-LD)

extension Sandbox {
    /// A property's nodes: JSON-LD writes one value as itself and several as a list.
    static func nodes(_ value: Any?) -> [[String: Any]] {
        if let list = value as? [[String: Any]] { return list }
        if let node = value as? [String: Any] { return [node] }
        return []
    }

    /// A property's text in a language: a plain string, a value object, or a list of them.
    static func text(_ value: Any?, language: String = "vi") -> String? {
        if let text = value as? String { return text }
        let values = nodes(value)
        return (values.first { $0["@language"] as? String == language } ?? values.first)?["@value"] as? String
    }

    /// A property's IRIs (`@id` of each node).
    static func ids(_ value: Any?) -> [String] {
        nodes(value).compactMap { $0["@id"] as? String }
    }
}
