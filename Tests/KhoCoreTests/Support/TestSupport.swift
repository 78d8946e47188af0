import Foundation
@testable import KhoCore

/// Paths and builders the unit tests share.
enum TestSupport {
    /// The repository root (tests read the real `pipelines/` and `samples/`).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fixture file under `Tests/KhoCoreTests/Fixtures/`.
    static func fixture(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/KhoCoreTests/Fixtures/\(name)")
    }

    /// The project's own configuration, loaded once.
    static let configuration: Configuration = {
        do {
            return try Configuration.load(pipelineFile: repositoryRoot.appendingPathComponent("pipelines/nightly.json"))
        } catch {
            fatalError("pipelines/ does not load: \(error)")
        }
    }()

    static func dataset(_ id: String) -> DatasetSchema {
        guard let schema = configuration.datasets[id] else { fatalError("no dataset \(id)") }
        return schema
    }

    static func date(_ text: String) -> CivilDate {
        guard let date = CivilDate(iso: text) else { fatalError("bad date \(text)") }
        return date
    }

    /// A fresh temporary folder, removed by the caller when done (or left for inspection).
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kdl-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of `pipelines/` with one JSON file changed, loaded: the configuration, or the error
    /// with every problem and its path.
    static func pipelines(changing file: String, _ change: (inout [String: Any]) -> Void) throws -> Result<Configuration, ConfigError> {
        try withoutActuallyEscaping(change) { change in try pipelines(changing: [file: change]) }
    }

    /// A copy of `pipelines/` with JSON files changed and files written (path → text), loaded.
    static func pipelines(changing changes: [String: (inout [String: Any]) -> Void] = [:],
                          writing files: [String: String] = [:]) throws -> Result<Configuration, ConfigError> {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipelines = folder.appendingPathComponent("pipelines")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("pipelines"), to: pipelines)
        for (file, change) in changes {
            let url = pipelines.appendingPathComponent(file)
            var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
            change(&json)
            try JSONSerialization.data(withJSONObject: json).write(to: url)
        }
        for (file, text) in files { try Data(text.utf8).write(to: pipelines.appendingPathComponent(file)) }
        do {
            return .success(try Configuration.load(pipelineFile: pipelines.appendingPathComponent("nightly.json")))
        } catch let error as ConfigError {
            return .failure(error)
        }
    }

    /// Validates one record of `dataset` given as field → value, on the as-of date.
    static func validate(_ dataset: String, _ values: [String: String], asOf: String = "2026-11-29", unit: String = "test",
                         source: String = "test/file.csv:7") -> RowState {
        let schema = self.dataset(dataset)
        let context = DatasetContext(schema: schema, unit: unit, asOf: date(asOf), codeLists: configuration.codeLists)
        let record = Record(values: schema.fields.map { values[$0.name] ?? "" }, source: source)
        var row = RowState()
        Normalizer(context: context).normalize(record, into: &row)
        Checker(context: context).check(&row)
        return row
    }

    /// Reads CSV text with the project's reader: all rows, with their issues.
    static func parseCSV(_ text: String, delimiter: Character = ",", maxRowBytes: Int = 1 << 20, bufferSize: Int = 1 << 18) throws -> [CSVReader.Row] {
        try parseCSV(Array(text.utf8), delimiter: delimiter, maxRowBytes: maxRowBytes, bufferSize: bufferSize)
    }

    static func parseCSV(_ bytes: [UInt8], delimiter: Character = ",", maxRowBytes: Int = 1 << 20, bufferSize: Int = 1 << 18) throws -> [CSVReader.Row] {
        let reader = CSVReader(stream: MemoryByteStream(bytes), delimiter: delimiter.asciiValue ?? 0x2C,
                               maxRowBytes: maxRowBytes, bufferSize: bufferSize)
        var rows: [CSVReader.Row] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }
}

extension RowState {
    /// (field, code) of every finding, in order: what tests assert on.
    var codes: [String] { findings.map { "\($0.location.field ?? ""):\($0.code)" } }

    func value(_ field: String, in dataset: String) -> String {
        values[TestSupport.dataset(dataset).fieldIndex(field) ?? 0]
    }
}
