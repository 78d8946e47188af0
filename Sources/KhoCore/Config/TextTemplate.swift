/// Configured text with `{name}` placeholders, such as the citation `{publisher} ({asOf}). *{title}*.`
/// A placeholder the caller does not offer is refused when the configuration loads, instead of
/// being printed as it stands in every bundle.
public struct TextTemplate: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        case text(String)
        case placeholder(String)
    }

    let pieces: [Piece]

    /// Throws the names of placeholders outside `known`. A `{` that does not open a `{name}` is text.
    init(_ source: String, known: Set<String>) throws(UnknownPlaceholders) {
        let pieces = TextTemplate.parse(source)
        let unknown = pieces.compactMap { piece -> String? in
            if case .placeholder(let name) = piece, !known.contains(name) { name } else { nil }
        }
        guard unknown.isEmpty else { throw UnknownPlaceholders(names: unknown) }
        self.pieces = pieces
    }

    /// A template written in the code (the defaults), whose placeholders are the caller's own.
    init(builtIn source: String) {
        pieces = TextTemplate.parse(source)
    }

    private static func parse(_ source: String) -> [Piece] {
        var pieces: [Piece] = []
        var text = ""
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{") {
            text += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}"),
                  case let name = after[..<close], !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                text += "{"
                rest = after
                continue
            }
            if !text.isEmpty { pieces.append(.text(text)) }
            text = ""
            pieces.append(.placeholder(String(name)))
            rest = after[after.index(after: close)...]
        }
        text += rest
        if !text.isEmpty { pieces.append(.text(text)) }
        return pieces
    }

    struct UnknownPlaceholders: Error {
        let names: [String]
    }

    public func render(_ values: [String: String]) -> String {
        var result = ""
        for piece in pieces {
            switch piece {
            case .text(let text): result += text
            case .placeholder(let name): result += values[name] ?? ""
            }
        }
        return result
    }
}

extension ConfigObject {
    /// A template at `key`, its placeholders checked against `known`.
    func template(_ key: String, known: Set<String>) -> TextTemplate? {
        guard let text = string(key) else { return nil }
        do {
            return try TextTemplate(text, known: known)
        } catch {
            let names = error.names.map { "{\($0)}" }.joined(separator: ", ")
            let offered = known.sorted().map { "{\($0)}" }.joined(separator: ", ")
            problem(key, Message(vi: "chỗ điền không có: \(names) (có: \(offered))", en: "unknown placeholder \(names) (known: \(offered))"))
            return nil
        }
    }
}
