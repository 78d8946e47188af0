import KhoNative

/// Streams the records of an XML export: every element at `recordPath` becomes one record whose
/// values are its attributes (`@name`), its child elements' text (`name`, or `child/grandchild`),
/// and its ancestors' attributes (`../@name`, `../../@name`).
///
/// Memory stays flat: only the current record and the ancestors' attributes are held. A DTD or an
/// entity reference stops the file (exports need neither, and they are how XML attacks start).
public final class XMLRecordReader {
    public struct Item: Sendable {
        public var values: [(key: String, value: String)]
        /// Line of the record's start tag.
        public var line: Int
    }

    /// Why a document stopped early.
    public struct Failure: Sendable, Equatable {
        public let code: FindingCode
        public let line: Int
        public let column: Int
        public let message: String
    }

    private let reader: XMLTextReader
    private let path: [String]
    private let maxDepth: Int
    /// Names and attributes of the open elements, outermost first.
    private var stack: [(name: String, attributes: [(String, String)])] = []
    public private(set) var failure: Failure?

    public init(recordPath: String, maxDepth: Int, documentName: String, encoding: String?,
                fill: @escaping XMLTextReader.Fill) {
        path = recordPath.split(separator: "/").map(String.init)
        self.maxDepth = maxDepth
        guard encoding == nil else {
            reader = XMLTextReader(encoding: encoding, documentName: documentName, fill: fill)
            return
        }
        // The declaration decides how libxml2 is told the encoding (`XMLDeclaredEncoding`), so
        // its bytes are read first and then handed to libxml2 again.
        var prolog: [UInt8] = []
        var peekError: Error?
        var chunk = [UInt8](repeating: 0, count: XMLDeclaredEncoding.prologLimit)
        while prolog.count < XMLDeclaredEncoding.prologLimit, !prolog.contains(UInt8(ascii: ">")) {
            let wanted = XMLDeclaredEncoding.prologLimit - prolog.count
            do {
                let count = try chunk.withUnsafeMutableBytes { try fill(UnsafeMutableRawBufferPointer(rebasing: $0[..<wanted])) }
                if count <= 0 { break }
                prolog += chunk[..<count]
            } catch {
                peekError = error
                break
            }
        }
        var replay = prolog[...]
        let replayed: XMLTextReader.Fill = { buffer in
            if !replay.isEmpty {
                let count = min(buffer.count, replay.count)
                replay.withUnsafeBytes { source in buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[..<count])) }
                replay = replay.dropFirst(count)
                return count
            }
            if let error = peekError { peekError = nil; throw error }
            return try fill(buffer)
        }
        switch XMLDeclaredEncoding.decide(prolog: prolog) {
        case .asDeclared:
            reader = XMLTextReader(encoding: nil, documentName: documentName, fill: replayed)
        case .override(let name):
            reader = XMLTextReader(encoding: name, documentName: documentName, fill: replayed)
        case .unsupported(let name):
            reader = XMLTextReader(encoding: nil, documentName: documentName, fill: replayed)
            failure = Failure(code: .encodingUndecodable, line: 1, column: 1,
                              message: "the declared encoding \"\(name)\" is not one the pipeline reads (UTF-8, UTF-16, ISO 8859, Windows 125x, VISCII)")
        }
    }

    /// The error thrown by the byte source, if reading stopped on it (e.g. a decompression limit).
    public var fillError: Error? { reader.fillError }

    public func next() -> Item? {
        guard failure == nil else { return nil }
        return reader.catchingThreadErrors { nextRecord() }
    }

    private func nextRecord() -> Item? {
        var record: Item? = nil
        var recordDepth = 0
        // The keys of the record's open child elements, innermost last: the text read belongs to the last.
        var openKeys: [String] = []
        var text = ""
        while reader.read() {
            switch reader.kind {
            case .documentType, .entityReference:
                fail(.xmlDtdRefused, "DOCTYPE or entity reference")
                return nil
            case .element:
                let depth = reader.depth
                if depth >= maxDepth {
                    fail(.xmlTooDeep, "element depth \(depth + 1) exceeds \(maxDepth)")
                    return nil
                }
                let name = reader.localName
                let attributes = reader.attributes().map { ($0.name, $0.value) }
                let isEmpty = reader.isEmptyElement
                if record == nil {
                    if !isEmpty { stack.append((name, attributes)) }
                    if matchesPath(extra: isEmpty ? name : nil) {
                        var item = Item(values: [], line: reader.nodeLine)
                        for (key, value) in attributes { item.values.append(("@" + key, value)) }
                        for (level, ancestor) in stack.dropLast(isEmpty ? 0 : 1).reversed().enumerated() {
                            let prefix = String(repeating: "../", count: level + 1)
                            for (key, value) in ancestor.attributes { item.values.append((prefix + "@" + key, value)) }
                        }
                        if isEmpty { return item }
                        record = item
                        recordDepth = depth
                    }
                } else {
                    let relative = depth - recordDepth
                    let childKey = relative == 1 ? name : (openKeys.last.map { $0 + "/" + name } ?? name)
                    for (key, value) in attributes { record?.values.append((childKey + "/@" + key, value)) }
                    if isEmpty {
                        record?.values.append((childKey, ""))
                    } else {
                        openKeys.append(childKey)
                        text = ""
                    }
                }
            case .text:
                if record != nil && !openKeys.isEmpty { text += reader.value }
            case .endElement:
                if record != nil {
                    if reader.depth == recordDepth {
                        stack.removeLast()
                        return record
                    }
                    // In place: a copy of the record here copied all its values at every child's end.
                    if let key = openKeys.popLast() {
                        record?.values.append((key, text))
                        text = ""
                    }
                } else if !stack.isEmpty {
                    stack.removeLast()
                }
            case .other:
                continue
            }
        }
        if reader.fillError == nil, let problem = reader.problems.first(where: \.isFatal) {
            failure = Failure(code: .xmlMalformed, line: problem.line, column: problem.column, message: problem.message)
        } else if reader.fillError == nil && reader.failed {
            // Stopped on an error libxml2 gave no message for: still a broken document, never an end.
            failure = Failure(code: .xmlMalformed, line: reader.line, column: reader.column,
                              message: reader.problems.last?.message ?? "the parser stopped with an error")
        }
        return nil
    }

    private func matchesPath(extra: String?) -> Bool {
        var names = stack.map(\.name)
        if let extra { names.append(extra) }
        return names == path
    }

    private func fail(_ code: FindingCode, _ message: String) {
        failure = Failure(code: code, line: reader.line, column: reader.column, message: message)
    }
}
