import Foundation
import Testing
@testable import KhoCore

/// Shared bundles delivered to their recipients by a configured command, here `gpg` from Debian in
/// a temporary keyring: the recipient's copy decrypts with their key to the bundle's bytes, another
/// key cannot decrypt it, a failing command is reported and retried without touching the open side,
/// and every bundle written or delivered is in the audit trail that `kdl-report --year` counts.
@Suite(.serialized) struct DeliveryTests {
    static let gpg = "/usr/bin/gpg"

    /// A keyring of its own with one key; its fingerprint.
    static func makeKey(_ home: URL, _ name: String) throws -> String {
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        chmod(home.path, 0o700)
        #expect(try run(gpg, ["--homedir", home.path, "--batch", "--passphrase", "", "--quick-gen-key", "\(name) <\(name)@example.gov.vn>",
                              "default", "default", "never"]).status == 0)
        let listing = try run(gpg, ["--homedir", home.path, "--with-colons", "--list-keys"]).output
        return listing.split(separator: "\n").first { $0.hasPrefix("fpr:") }.map { String($0.split(separator: ":", omittingEmptySubsequences: false)[9]) } ?? ""
    }

    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String, data: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        _ = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), data)
    }

    /// Stops the agents gpg started for a keyring.
    static func killAgents(_ home: URL) {
        _ = try? run("/usr/bin/gpgconf", ["--homedir", home.path, "--kill", "all"])
    }

    static func trail(_ sandbox: Sandbox, _ night: String) throws -> Deliveries.Trail {
        try JSONOutput.read(Deliveries.Trail.self, from: sandbox.file("reports/deliveries/\(night).json"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/gpg"), "needs gpg (Debian package gpg; .ci/run installs it)"))
    func recipientsGetAnEncryptedCopyAndFailuresAreRetriedWithoutTouchingTheOpenSide() throws {
        let sandbox = try Sandbox()
        let keys = sandbox.root.appendingPathComponent("keys"), drop = sandbox.root.appendingPathComponent("drop")
        let recipientHome = keys.appendingPathComponent("bhxh"), otherHome = keys.appendingPathComponent("other")
        defer {
            Self.killAgents(recipientHome)
            Self.killAgents(otherHome)
            sandbox.remove()
        }
        let fingerprint = try Self.makeKey(recipientHome, "bhxh")
        _ = try Self.makeKey(otherHome, "other")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        try sandbox.configure("datasets/ho-ngheo.json") { schema in
            var service = schema["sharingService"] as? [String: Any] ?? [:]
            var recipients = service["recipients"] as? [String: Any] ?? [:]
            recipients["agencies"] = (recipients["agencies"] as? [Any] ?? []) + [
                ["id": "bhxh", "name": "Bảo hiểm xã hội tỉnh", "contact": "phong-cntt@bhxh.example",
                 "delivery": ["command": [Self.gpg, "--homedir", recipientHome.path, "--batch", "--yes", "--trust-model", "always",
                                          "--encrypt", "--recipient", fingerprint, "--output", drop.path + "/{recipient}-{file}.gpg", "{bundle}"],
                              "timeoutSeconds": 60]],
                ["id": "nen-tang", "name": "Nền tảng chia sẻ dữ liệu tỉnh",
                 "delivery": ["command": ["/bin/sh", "-c", "echo \"upload of $1 refused\" >&2; exit 7", "sh", "{file}"]]],
            ]
            service["recipients"] = recipients
            schema["sharingService"] = service
        }
        let night = RunTests.asOf
        let result = try sandbox.run("kdl-run", ["--as-of", night, "--lang", "en"])
        // A failed delivery is reported, and the night is otherwise as it would be.
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Delivered ho-ngheo → bhxh (ho-ngheo_\(night).zip)"))
        #expect(result.stderr == "kdl-run: warning: Delivery failed ho-ngheo → nen-tang (ho-ngheo_\(night).zip): exit code 7; it will be tried again next night (reports/deliveries/)\n")
        #expect(sandbox.exists("open/ho-ngheo/ho-ngheo_\(night).zip"))
        #expect(try LatestPointerTests.pointer(sandbox, "open", "ho-ngheo").asOf == night)

        // The recipient's copy: their key gives back the bundle's bytes, another key nothing.
        let bundle = try sandbox.bytes("shared/ho-ngheo/ho-ngheo_\(night).zip")
        let copy = drop.appendingPathComponent("bhxh-ho-ngheo_\(night).zip.gpg").path
        let decrypted = try Self.run(Self.gpg, ["--homedir", recipientHome.path, "--batch", "--decrypt", copy])
        #expect(decrypted.status == 0 && decrypted.data == bundle)
        let other = try Self.run(Self.gpg, ["--homedir", otherHome.path, "--batch", "--decrypt", copy])
        #expect(other.status != 0 && other.data.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) != bundle)

        // The audit trail: every shared bundle written, every delivery with its result and output.
        let trail = try Self.trail(sandbox, night)
        let sha = SHA256.hex(of: Array(bundle))
        #expect(trail.entries.filter { $0.event == .written }.map(\.dataset) == RunTests.datasets)
        let tried = trail.entries.filter { $0.event != .written }
        #expect(tried.map(\.recipient) == ["bhxh", "nen-tang"] && tried.map(\.event) == [.delivered, .failed])
        #expect(tried.allSatisfy { $0.dataset == "ho-ngheo" && $0.sha256 == sha && $0.file == "ho-ngheo_\(night).zip" && $0.asOf == night })
        #expect(tried.map(\.exitCode) == [0, 7] && tried[1].output == "upload of ho-ngheo_\(night).zip refused\n")
        #expect(try (sandbox.json("reports/run.json")["deliveries"] as? [Any])?.count == 2)

        // services.json: each recipient and its last copy.
        let services = try sandbox.json("shared/services.json")["services"] as? [[String: Any]] ?? []
        let listed = ((services.first { $0["identifier"] as? String == "ho-ngheo" }?["recipients"] as? [String: Any])?["recipients"] as? [[String: Any]]) ?? []
        #expect(listed.map { $0["id"] as? String } == ["bhxh", "nen-tang"])
        #expect((listed[0]["lastDelivered"] as? [String: Any])?["sha256"] as? String == sha && listed[0]["contact"] as? String == "phong-cntt@bhxh.example")
        #expect(listed[1]["lastDelivered"] == nil && (listed[1]["lastFailed"] as? [String: Any])?["file"] as? String == "ho-ngheo_\(night).zip")

        // The same night again: nothing new is written, the delivered copy is not sent twice, the failed one is tried again.
        #expect(try sandbox.run("kdl-run", ["--as-of", night, "--quiet"]).status == 0)
        let again = try Self.trail(sandbox, night).entries.dropFirst(trail.entries.count)
        #expect(again.map(\.recipient) == ["nen-tang"] && again.map(\.event) == [.failed])

        // The next night, the platform takes it: the new bundle goes to both.
        try sandbox.configure("datasets/ho-ngheo.json") { schema in
            var service = schema["sharingService"] as? [String: Any] ?? [:]
            var recipients = service["recipients"] as? [String: Any] ?? [:]
            var agencies = recipients["agencies"] as? [Any] ?? []
            agencies[agencies.count - 1] = ["id": "nen-tang", "name": "Nền tảng chia sẻ dữ liệu tỉnh",
                                            "delivery": ["command": ["/bin/cp", "{bundle}", drop.path + "/{recipient}-{file}"]]]
            recipients["agencies"] = agencies
            service["recipients"] = recipients
            schema["sharingService"] = service
        }
        let next = "2026-11-30"
        #expect(try sandbox.run("kdl-run", ["--as-of", next, "--quiet"]).status == 0)
        let nextTried = try Self.trail(sandbox, next).entries.filter { $0.event != .written }
        #expect(nextTried.map(\.recipient) == ["bhxh", "nen-tang"] && nextTried.allSatisfy { $0.event == .delivered && $0.asOf == next })
        #expect(try Data(contentsOf: drop.appendingPathComponent("nen-tang-ho-ngheo_\(next).zip")) == sandbox.bytes("shared/ho-ngheo/ho-ngheo_\(next).zip"))

        // The yearly evaluation counts them per dataset and recipient.
        #expect(try sandbox.run("kdl-report", ["--year", "2026", "--quiet"]).status == 0)
        let annual = try JSONOutput.read(AnnualReport.self, from: sandbox.file("reports/annual/2026.json"))
        let lines = (annual.deliveries ?? []).filter { $0.dataset == "ho-ngheo" }
        #expect(lines.map(\.recipient) == [nil, "bhxh", "nen-tang"])
        #expect(lines.map(\.delivered) == [2, 2, 1] && lines.map(\.failed) == [0, 0, 2])
        let html = String(decoding: try sandbox.bytes("reports/annual/2026.html"), as: UTF8.self)
        #expect(html.contains("<h2 id=\"deliveries\">"))
    }

    /// The delivery runs once the open side is out: the command itself finds tonight's open bundle,
    /// its pointer and the catalog naming it (run from out/).
    @Test func deliveriesRunAfterTheOpenSideIsPublished() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let check = "test -f open/ho-ngheo/ho-ngheo_$1.zip && grep -q '\"asOf\" : \"'$1'\"' open/ho-ngheo/latest.json"
            + " && grep -q ho-ngheo_$1.zip open/catalog.jsonld && test -f shared/ho-ngheo/ho-ngheo_$1.zip.sha256"
        try sandbox.configure("datasets/ho-ngheo.json") { schema in
            var service = schema["sharingService"] as? [String: Any] ?? [:]
            service["recipients"] = ["agencies": [["id": "kiem-tra", "name": "Kiểm tra",
                                                   "delivery": ["command": ["/bin/sh", "-c", check, "sh", "{asOf}"]]]]]
            schema["sharingService"] = service
        }
        let result = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--lang", "en"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let tried = try Self.trail(sandbox, RunTests.asOf).entries.filter { $0.event != .written }
        #expect(tried.map(\.event) == [.delivered], "\(tried)")
    }

    @Test func aDeliveryCommandIsCheckedWhenTheConfigurationLoads() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.configure("datasets/ho-ngheo.json") { schema in
            var service = schema["sharingService"] as? [String: Any] ?? [:]
            service["recipients"] = ["agencies": [["id": "Bad Id", "name": "X", "delivery": ["command": ["cp", "{bundel}", "/tmp"], "timeoutSeconds": 0]],
                                                  ["name": "no id"]]]
            schema["sharingService"] = service
        }
        let result = try sandbox.run("kdl-run", ["--as-of", RunTests.asOf, "--lang", "en"])
        #expect(result.status == 78)
        for expected in ["sharingService.recipients.agencies[0].id: only lower-case a-z, digits and hyphens",
                         "sharingService.recipients.agencies[0].delivery.command[1]: no placeholder {bundel}; use {asOf}, {bundle}, {dataset}, {file}, {recipient}, {sha256File}",
                         "sharingService.recipients.agencies[0].delivery.timeoutSeconds: must be more than 0",
                         "sharingService.recipients.agencies[1].id: is required"] {
            #expect(result.stderr.contains("pipelines/datasets/ho-ngheo.json: " + expected), "\(expected)\n\(result.stderr)")
        }
    }
}
