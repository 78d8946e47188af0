import Foundation
import Testing
@testable import KhoCore

/// Every deliberate defect of the sample inbox (`samples/defects.json`) is found at its file,
/// line and field, with its code; and no row is rejected that the manifest does not name.
@Suite struct DefectManifestTests {
    struct Manifest: Decodable {
        struct Defect: Decodable {
            var id: String
            var unit: String
            var file: String
            var line: Int
            var field: String?
            var code: String
            var stage: String
            var other: Other?
        }

        struct Other: Decodable {
            var unit: String
            var file: String
            var line: Int
        }

        var defects: [Defect]
    }

    @Test func everyDefectIsFoundWhereTheManifestSays() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run("kdl-run", ["--as-of", RunTests.asOf]).status == 0)
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: sandbox.root.appendingPathComponent("samples/defects.json")))
        let config = TestSupport.load(sandbox)
        var rowFindings: [String: Set<String>] = [:]   // "unit/file:line" → {"field:code"}
        var rejectedSources = Set<String>()
        for unit in config.units {
            for dataset in Set(unit.sources.map(\.dataset)) {
                for (file, column) in [("validated.csv", "_flags"), ("rejected.csv", "_errors")] {
                    for row in try sandbox.csv("work/\(unit.id)/\(dataset)/\(file)") {
                        let source = row["_src"] ?? ""
                        if file == "rejected.csv" { rejectedSources.insert(source) }
                        for item in (row[column] ?? "").split(separator: ";") { rowFindings[source, default: []].insert(String(item)) }
                    }
                }
            }
        }
        var bundleFindings: [Finding] = []
        for dataset in RunTests.datasets {
            let report = try JSONOutput.read(BundleReport.self, from: sandbox.file("reports/bundles/\(dataset).json"))
            bundleFindings += report.findings.summaries.flatMap(\.examples)
        }
        var expectedRejected = Set<String>()
        for defect in manifest.defects {
            let source = "\(defect.unit)/\(defect.file):\(defect.line)"
            if defect.stage == "validate" {
                let key = "\(defect.field ?? ""):\(defect.code)"
                let found = rowFindings[source] ?? []
                // A composite-key duplicate is a row finding, without a field.
                #expect(found.contains(key) || (defect.code == "duplicate-key" && found.contains("duplicate-key")),
                        "\(defect.id): expected \(key) at \(source), found \(found.sorted())")
                let code = try #require(FindingCode(rawValue: defect.code), "\(defect.id): \(defect.code) is not a finding code")
                if FindingCatalog.entry(code).severity == .error { expectedRejected.insert(source) }
            } else {
                #expect(bundleFindings.contains { $0.code.rawValue == defect.code && $0.location.file == "\(defect.unit)/\(defect.file)" && $0.location.line == defect.line },
                        "\(defect.id): expected \(defect.code) at \(source) when bundling")
            }
        }
        #expect(rejectedSources == expectedRejected)
    }
}
