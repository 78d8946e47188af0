import Foundation

/// A JSON-LD document as plain values, written in `JSONOutput`'s layout with sorted keys
/// (`encoded`), so the same graph always gives the same bytes. Keys are compact IRIs (`dct:title`)
/// with the prefixes of `context`: a reader needs nothing fetched to expand them, which a harvester
/// without network access to the vocabularies' sites relies on.
enum JSONLD: Equatable {
    case string(String)
    case array([JSONLD])
    case object([String: JSONLD])

    /// The prefixes every catalog uses; `kdl` names this warehouse's own terms (Article 11's
    /// fields, which DCAT has no property for), under the configured base URL.
    static func context(baseURL: String) -> JSONLD {
        .object([
            "dcat": .string("http://www.w3.org/ns/dcat#"),
            "dct": .string("http://purl.org/dc/terms/"),
            "dcatap": .string("http://data.europa.eu/r5r/"),
            "dqv": .string("http://www.w3.org/ns/dqv#"),
            "eli": .string("http://data.europa.eu/eli/ontology#"),
            "foaf": .string("http://xmlns.com/foaf/0.1/"),
            "kdl": .string(baseURL + "ns#"),
            "rdfs": .string("http://www.w3.org/2000/01/rdf-schema#"),
            "skos": .string("http://www.w3.org/2004/02/skos/core#"),
            "spdx": .string("http://spdx.org/rdf/terms#"),
            "vcard": .string("http://www.w3.org/2006/vcard/ns#"),
            "xsd": .string("http://www.w3.org/2001/XMLSchema#"),
        ])
    }

    /// A reference to a node described elsewhere (or nowhere: an outside IRI).
    static func id(_ iri: String) -> JSONLD { .object(["@id": .string(iri)]) }

    /// A node of a type, with an IRI or a blank-node label (`_:publisher`) when given.
    static func node(_ type: String, id: String? = nil, _ properties: [String: JSONLD]) -> JSONLD {
        var members = properties
        members["@type"] = .string(type)
        if let id { members["@id"] = .string(id) }
        return .object(members)
    }

    /// Text in a language (`vi`, `en`).
    static func text(_ value: String, _ language: String) -> JSONLD {
        .object(["@value": .string(value), "@language": .string(language)])
    }

    /// The same text in Vietnamese and English; the English left out when it is empty.
    static func texts(_ message: Message) -> JSONLD {
        message.en.isEmpty ? text(message.vi, "vi") : .array([text(message.vi, "vi"), text(message.en, "en")])
    }

    /// A typed literal (`xsd:date`, `xsd:nonNegativeInteger`).
    static func typed(_ value: String, _ type: String) -> JSONLD {
        .object(["@value": .string(value), "@type": .string(type)])
    }

    static func date(_ value: String) -> JSONLD { typed(value, "xsd:date") }

    /// A property's values: nothing, one, or a list.
    static func many(_ items: [JSONLD]) -> JSONLD? {
        switch items.count {
        case 0: nil
        case 1: items[0]
        default: .array(items)
        }
    }
}

extension JSONLD {
    /// The bytes `JSONOutput.encode` gives for the document (keys sorted, two-space indentation,
    /// `/` as it is, a final newline), written directly: through Foundation's encoder the catalogs
    /// and the portal's embedded records took 2.3 ms of every night (perf, 1 000-row nights).
    var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 14)
        append(to: &bytes, indent: 0)
        bytes.append(0x0A)
        return bytes
    }

    private func append(to bytes: inout [UInt8], indent: Int) {
        func newline(_ indent: Int) {
            bytes.append(0x0A)
            bytes.append(contentsOf: repeatElement(0x20, count: indent))
        }
        switch self {
        case .string(let text):
            JSONOutput.appendQuoted(text, to: &bytes)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            if items.isEmpty { bytes.append(0x0A) }
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(indent + 2)
                item.append(to: &bytes, indent: indent + 2)
            }
            newline(indent)
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            if members.isEmpty { bytes.append(0x0A) }
            // In the order of `String`'s `<`, as Foundation sorts keys.
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(indent + 2)
                JSONOutput.appendQuoted(key, to: &bytes)
                bytes.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
                members[key]!.append(to: &bytes, indent: indent + 2)
            }
            newline(indent)
            bytes.append(UInt8(ascii: "}"))
        }
    }
}

extension JSONOutput {
    /// A JSON-LD document, the same bytes as the generic `write` (`JSONLD.encoded`).
    static func write(_ document: JSONLD, to url: URL) throws {
        try AtomicFile.write(document.encoded, to: url)
    }
}

extension Dictionary where Key == String, Value == JSONLD {
    /// Sets a property only when it has a value: DCAT-AP checks cardinality, and an empty list or
    /// an empty string would be a value.
    mutating func set(_ key: String, _ value: JSONLD?) {
        guard let value else { return }
        if case .array(let items) = value, items.isEmpty { return }
        self[key] = value
    }
}
