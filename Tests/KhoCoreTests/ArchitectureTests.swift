import Foundation
import Testing

/// The folders of `Sources/KhoCore` are the architecture (DESIGN.md, "Layout"): data flows down
/// the list and a folder uses only the ones above it. Read from the sources themselves, so a new
/// file that reaches downwards fails here instead of in review.
@Suite struct ArchitectureTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/KhoCore")

    /// Top to bottom.
    static let order = ["Model", "Pattern", "Config", "Files", "Read", "Normalize", "Check", "Flow", "Integrate", "Publish",
                        "Report", "Command"]

    /// Upward uses that are by design: configuration files are read with the CSV reader and the
    /// file layer, and name encodings the readers know.
    static let allowed: Set<String> = ["Config→Files", "Config→Read"]

    /// Source text without comments and string literals, so words in them are not taken for uses.
    static func code(_ url: URL) throws -> String {
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: #"(?m)//.*$"#, with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: #""(?:[^"\\\n]|\\.)*""#, with: "\"\"", options: .regularExpression)
        return text
    }

    static func files(in folder: String) -> [URL] {
        let url = sources.appendingPathComponent(folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
            .filter { $0.hasSuffix(".swift") }.map { url.appendingPathComponent($0) }
    }

    @Test func everyFolderIsKnown() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter { !$0.hasSuffix(".swift") }
        #expect(Set(folders) == Set(Self.order))
    }

    @Test func noFolderUsesOneBelowIt() throws {
        // Types declared at the top level of each folder.
        var owner: [String: String] = [:]
        let declaration = try NSRegularExpression(pattern: #"(?m)^(?:public |internal |fileprivate |private |final |indirect )*(?:struct|class|enum|protocol|typealias|actor)\s+([A-Z]\w*)"#)
        var code: [(folder: String, file: String, text: String)] = []
        for folder in Self.order {
            for url in Self.files(in: folder) {
                let text = try Self.code(url)
                code.append((folder, url.lastPathComponent, text))
                for match in declaration.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    if let range = Range(match.range(at: 1), in: text) { owner[String(text[range])] = folder }
                }
            }
        }
        let word = try NSRegularExpression(pattern: #"\b[A-Z]\w*\b"#)
        var violations: [String] = []
        for (folder, file, text) in code {
            let rank = Self.order.firstIndex(of: folder) ?? 0
            var used = Set<String>()
            for match in word.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range, in: text) { used.insert(String(text[range])) }
            }
            for name in used.sorted() {
                guard let home = owner[name], let homeRank = Self.order.firstIndex(of: home), homeRank > rank,
                      !Self.allowed.contains("\(folder)→\(home)") else { continue }
                violations.append("\(folder)/\(file) uses \(name) from \(home)/")
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }
}
