import Foundation

/// Each dataset's node of the open catalog, as a JSON-LD document to embed in its page: read
/// from `open/catalog.jsonld` as the night wrote it (the portal states what the catalog states),
/// with the catalog's `@context`, written with sorted keys, and `<` escaped so that no value can
/// close the `<script>` element it sits in.
enum PortalJSONLD {
    /// The embeddable text by dataset identifier; empty when the catalog cannot be read.
    static func datasets(in catalog: Data) -> [String: String] {
        guard let root = (try? JSONSerialization.jsonObject(with: catalog)) as? [String: Any] else { return [:] }
        let context = root["@context"].flatMap(JSONLD.init(any:))
        let nodes: [Any]
        switch root["dcat:dataset"] {
        case let list as [Any]: nodes = list
        case let node as [String: Any]: nodes = [node]
        default: nodes = []
        }
        var result: [String: String] = [:]
        for case let node as [String: Any] in nodes {
            guard let id = node["dct:identifier"] as? String, case .object(var members)? = JSONLD(any: node) else { continue }
            members["@context"] = context
            result[id] = embeddable(.object(members))
        }
        return result
    }

    static func embeddable(_ document: JSONLD) -> String {
        let bytes = document.encoded
        // On the bytes: Foundation's `replacingOccurrences` took 0.7 ms for one dataset's record.
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte == UInt8(ascii: "<") { escaped += Array("\\u003c".utf8) } else { escaped.append(byte) }
        }
        return String(decoding: escaped, as: UTF8.self)
    }
}

extension JSONLD {
    /// A value parsed by `JSONSerialization`. The catalogs write strings, lists and objects only
    /// (typed literals carry numbers as strings); anything else is kept as its text.
    init?(any value: Any) {
        switch value {
        case let text as String: self = .string(text)
        case let list as [Any]: self = .array(list.compactMap(JSONLD.init(any:)))
        case let object as [String: Any]:
            var members: [String: JSONLD] = [:]
            for (key, member) in object { members[key] = JSONLD(any: member) }
            self = .object(members)
        case is NSNull: return nil
        default: self = .string("\(value)")
        }
    }
}
