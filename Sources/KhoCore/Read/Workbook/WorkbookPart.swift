import KhoNative

/// One XML part of a workbook (`xl/worksheets/sheet1.xml`, `content.xml`) read as a stream of
/// nodes through the hardened libxml2 reader. A part needs no DTD and no entity: either is refused
/// like in any XML export, and so is a part libxml2 cannot parse. Every refusal names the part.
final class WorkbookPart {
    let name: String
    let reader: XMLTextReader
    private let stream: ByteStream

    /// - Parameter name: `book.xlsx!xl/worksheets/sheet1.xml`, for messages.
    init(stream: ByteStream, name: String) throws {
        self.name = name
        let prolog = try stream.readPrefix(XMLSourceReader.prologBytes)
        if XMLSourceReader.declaresDTD(prolog) {
            throw ReadError(code: .xmlDtdRefused, message: "\(name): <!DOCTYPE> in a workbook part")
        }
        let replayed = PrefixedByteStream(prefix: prolog, rest: stream)
        self.stream = replayed
        reader = XMLTextReader(documentName: name) { buffer in try replayed.read(into: buffer) }
    }

    /// Moves to the next node; false at the end of the part. Throws on a DTD, an entity reference,
    /// a byte source error (a limit, broken compression) or a malformed document.
    func next() throws -> Bool {
        if reader.read() {
            switch reader.kind {
            case .documentType, .entityReference:
                throw ReadError(code: .xmlDtdRefused, message: "\(name):\(reader.nodeLine): DOCTYPE or entity reference", line: reader.nodeLine)
            default:
                return true
            }
        }
        if let error = reader.fillError { throw error }
        if let problem = reader.problems.first(where: \.isFatal) {
            throw ReadError(code: .xmlMalformed, message: "\(name):\(problem.line):\(problem.column): \(problem.message)", line: problem.line)
        }
        if reader.failed {
            throw ReadError(code: .xmlMalformed, message: "\(name):\(reader.line): the parser stopped with an error", line: reader.line)
        }
        return false
    }

    /// Runs `body`, whose `next()` calls share one installation of the parser's thread error handler
    /// (`XMLTextReader.catchingThreadErrors`): the row loops of a sheet call it for every node.
    func catchingThreadErrors<T>(_ body: () throws -> T) rethrows -> T {
        try reader.catchingThreadErrors(body)
    }

    var kind: XMLTextReader.NodeKind { reader.kind }
    var localName: String { reader.localName }
    var namespaceURI: String { reader.namespaceURI }
    var value: String { reader.value }
    var depth: Int { reader.depth }
    var isEmptyElement: Bool { reader.isEmptyElement }
    var line: Int { reader.nodeLine }

    func attribute(_ name: String) -> String? { reader.attribute(name) }
    func localNameIs(_ name: StaticString) -> Bool { reader.localNameIs(name) }
    func attribute(_ localName: String, namespaceURI: String) -> String? { reader.attribute(localName, namespaceURI: namespaceURI) }

    /// The text inside the current element up to its end (its descendants' text included),
    /// bounded by `limit` bytes; leaves the reader on the element's end.
    func text(limit: Int) throws -> String {
        guard !isEmptyElement else { return "" }
        let start = depth
        var text = ""
        while try next() {
            switch kind {
            case .text:
                text += value
                if text.utf8.count > limit {
                    throw ReadError(code: .lineTooLong, message: "\(name):\(line): a value longer than \(limit) bytes", line: line)
                }
            case .endElement where depth == start:
                return text
            default:
                continue
            }
        }
        return text
    }

    /// Skips to the end of the current element.
    func skipElement() throws {
        guard !isEmptyElement else { return }
        let start = depth
        while try next() {
            if kind == .endElement && depth == start { return }
        }
    }
}
