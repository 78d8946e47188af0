import CLibXML2

/// A streaming, pull-style XML reader over libxml2's `xmlTextReader`.
///
/// Built for hostile input: the network is off (`XML_PARSE_NONET`), external entities and DTDs are
/// never loaded (no `XML_PARSE_DTDLOAD`, no `XML_PARSE_NOENT`, and an entity loader that refuses
/// everything), libxml2's own entity-amplification and depth limits stay on (no `XML_PARSE_HUGE`),
/// and bytes come from a caller's closure, so the caller bounds how much is read.
public final class XMLTextReader {
    public enum NodeKind: Equatable, Sendable {
        case element, endElement, text, documentType, entityReference, other
    }

    /// An error or warning libxml2 reported, with its position in the document.
    public struct Problem: Sendable, Equatable {
        public let line: Int
        public let column: Int
        public let message: String
        public let isFatal: Bool
    }

    /// Called to fill a buffer; returns the number of bytes written, 0 at the end, or throws.
    public typealias Fill = (UnsafeMutableRawBufferPointer) throws -> Int

    private final class Context {
        let fill: Fill
        var fillError: Error?
        var problems: [Problem] = []
        init(fill: @escaping Fill) { self.fill = fill }
    }

    private var reader: xmlTextReaderPtr?
    private let context: Context
    private let contextPointer: UnsafeMutableRawPointer

    /// The problems libxml2 reported so far (errors and warnings), in order.
    public var problems: [Problem] { context.problems }
    /// The error thrown by `fill`, if reading stopped because of it.
    public var fillError: Error? { context.fillError }

    /// True when reading stopped on an error rather than at the end of the document.
    public private(set) var failed = false
    /// Whether `catchingThreadErrors` is running: `read()` inside it installs nothing.
    private var catchesThreadErrors = false

    /// - Parameters:
    ///   - encoding: overrides the document's declared encoding (an IANA name such as "windows-1258").
    ///   - documentName: used by libxml2 in messages only.
    /// Wraps `xmlReaderForIO` and `xmlTextReaderSetStructuredErrorHandler`.
    public init(encoding: String? = nil, documentName: String, fill: @escaping Fill) {
        XMLTextReader.installEntityLoaderOnce
        context = Context(fill: fill)
        contextPointer = Unmanaged.passRetained(context).toOpaque()
        // An override must also silence the declaration: libxml2 would otherwise switch to the
        // declared encoding when it reads it, through iconv for a loose spelling such as `UTF8-`.
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
                            | XML_PARSE_BIG_LINES.rawValue | (encoding == nil ? 0 : XML_PARSE_IGNORE_ENC.rawValue))
        reader = xmlReaderForIO(XMLTextReader.readCallback, nil, contextPointer, documentName, encoding, options)
        if let reader {
            xmlTextReaderSetStructuredErrorHandler(reader, XMLTextReader.errorCallback, contextPointer)
        }
    }

    deinit {
        if let reader { xmlFreeTextReader(reader) }
        Unmanaged<Context>.fromOpaque(contextPointer).release()
    }

    /// Moves to the next node. Returns false at the end of the document or on a fatal error
    /// (then `failed` is set and `problems` or `fillError` says why). Wraps `xmlTextReaderRead`
    /// and, for errors outside the reader's handler, `xmlSetStructuredErrorFunc`.
    public func read() -> Bool {
        guard let reader else { return false }
        return catchingThreadErrors {
            let status = xmlTextReaderRead(reader)
            if status < 0 { failed = true }
            return status == 1
        }
    }

    /// Runs `body`, whose `read()` calls then share one installation of the thread's error handler:
    /// setting and clearing it around every node was a twentieth of reading an XML export.
    /// Some errors (a byte invalid in the declared encoding) bypass the reader's handler and go to
    /// the thread's: they are caught for the duration of the call on this thread, and only then,
    /// since the handler points at this reader. The handler the thread had before is put back, so
    /// that another reader read inside `body` leaves this one's in place.
    /// Wraps `xmlSetStructuredErrorFunc`, `__xmlStructuredError` and `__xmlStructuredErrorContext`.
    public func catchingThreadErrors<T>(_ body: () throws -> T) rethrows -> T {
        if catchesThreadErrors { return try body() }
        let previous = __xmlStructuredError()?.pointee ?? nil, previousContext = __xmlStructuredErrorContext()?.pointee ?? nil
        xmlSetStructuredErrorFunc(contextPointer, XMLTextReader.errorCallback)
        catchesThreadErrors = true
        defer {
            xmlSetStructuredErrorFunc(previousContext, previous)
            catchesThreadErrors = false
        }
        return try body()
    }

    /// Wraps `xmlTextReaderNodeType`.
    public var kind: NodeKind {
        guard let reader else { return .other }
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_ELEMENT.rawValue): return .element
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue): return .endElement
        case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
             Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue): return .text
        case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue): return .documentType
        case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue): return .entityReference
        default: return .other
        }
    }

    /// The local name, without prefix. Wraps `xmlTextReaderConstLocalName`.
    public var localName: String { string(reader.flatMap { xmlTextReaderConstLocalName($0) }) }

    /// Whether the current node's local name is `name`, compared byte by byte in libxml2's own
    /// buffer: no `String` is made, which counts on a sheet of a million rows.
    /// Wraps `xmlTextReaderConstLocalName`.
    public func localNameIs(_ name: StaticString) -> Bool {
        guard let reader, let pointer = xmlTextReaderConstLocalName(reader) else { return false }
        let expected = name.utf8Start
        // Stops at the first difference, so a shorter name's terminating NUL ends the loop.
        for index in 0..<name.utf8CodeUnitCount where pointer[index] != expected[index] { return false }
        return pointer[name.utf8CodeUnitCount] == 0
    }

    /// Wraps `xmlTextReaderConstNamespaceUri`.
    public var namespaceURI: String { string(reader.flatMap { xmlTextReaderConstNamespaceUri($0) }) }

    /// Text of a text node, or of the current attribute. Wraps `xmlTextReaderConstValue`.
    public var value: String { string(reader.flatMap { xmlTextReaderConstValue($0) }) }

    /// Wraps `xmlTextReaderDepth`.
    public var depth: Int { reader.map { Int(xmlTextReaderDepth($0)) } ?? 0 }

    /// Wraps `xmlTextReaderIsEmptyElement` (`<a/>`, which gets no end-element node).
    public var isEmptyElement: Bool { reader.map { xmlTextReaderIsEmptyElement($0) == 1 } ?? false }

    /// Line where the current node starts. Wraps `xmlTextReaderCurrentNode` and `xmlGetLineNo`.
    public var nodeLine: Int {
        guard let reader, let node = xmlTextReaderCurrentNode(reader) else { return line }
        return Int(xmlGetLineNo(node))
    }

    /// Line of the parser's current position (ahead of the node). Wraps `xmlTextReaderGetParserLineNumber`.
    public var line: Int { reader.map { Int(xmlTextReaderGetParserLineNumber($0)) } ?? 0 }

    /// Wraps `xmlTextReaderGetParserColumnNumber`.
    public var column: Int { reader.map { Int(xmlTextReaderGetParserColumnNumber($0)) } ?? 0 }

    /// The current element's attributes as (local name, namespace, value), leaving the reader on the element.
    /// Wraps `xmlTextReaderMoveToNextAttribute` and `xmlTextReaderMoveToElement`.
    public func attributes() -> [(name: String, namespaceURI: String, value: String)] {
        guard let reader, xmlTextReaderHasAttributes(reader) == 1 else { return [] }
        var result: [(String, String, String)] = []
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            let name = localName
            // Namespace declarations are not data.
            if string(xmlTextReaderConstPrefix(reader)) == "xmlns" || name == "xmlns" && namespaceURI.hasSuffix("xmlns/") {
                continue
            }
            result.append((name, namespaceURI, value))
        }
        xmlTextReaderMoveToElement(reader)
        return result
    }

    /// The value of the current element's attribute with this (unprefixed) name, leaving the reader on
    /// the element: the hot path of wide documents, where `attributes()` would build every pair.
    /// Wraps `xmlTextReaderMoveToAttribute` and `xmlTextReaderMoveToElement`.
    public func attribute(_ name: String) -> String? {
        guard let reader, xmlTextReaderMoveToAttribute(reader, name) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        return value
    }

    /// Hands each attribute of the current element to `body` as its local name and value in
    /// libxml2's own buffers (valid only during the call), leaving the reader on the element: no
    /// `String` is made, which counts for the three attributes of each of a million cells.
    /// Wraps `xmlTextReaderMoveToNextAttribute`, `xmlTextReaderConstLocalName`,
    /// `xmlTextReaderConstValue`, `xmlTextReaderIsNamespaceDecl` and `xmlTextReaderMoveToElement`.
    public func forEachAttribute(_ body: (_ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) -> Void) {
        guard let reader, xmlTextReaderHasAttributes(reader) == 1 else { return }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            // Namespace declarations (`xmlns:r`) are not data.
            guard xmlTextReaderIsNamespaceDecl(reader) != 1, let name = xmlTextReaderConstLocalName(reader) else { continue }
            let value = xmlTextReaderConstValue(reader)
            body(UnsafeBufferPointer(start: name, count: Int(xmlStrlen(name))),
                 UnsafeBufferPointer(start: value, count: value.map { Int(xmlStrlen($0)) } ?? 0))
        }
        xmlTextReaderMoveToElement(reader)
    }

    /// The value of the attribute with this local name in this namespace (`value-type` in the
    /// OpenDocument office namespace, whatever prefix the document gives it), leaving the reader on
    /// the element. Wraps `xmlTextReaderMoveToAttributeNs` and `xmlTextReaderMoveToElement`.
    public func attribute(_ localName: String, namespaceURI: String) -> String? {
        guard let reader, xmlTextReaderMoveToAttributeNs(reader, localName, namespaceURI) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        return value
    }

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    // MARK: - C callbacks

    private static let readCallback: xmlInputReadCallback = { contextPointer, buffer, length in
        guard let contextPointer, let buffer, length > 0 else { return 0 }
        let context = Unmanaged<Context>.fromOpaque(contextPointer).takeUnretainedValue()
        do {
            return Int32(try context.fill(UnsafeMutableRawBufferPointer(start: buffer, count: Int(length))))
        } catch {
            context.fillError = error
            return -1
        }
    }

    private static let errorCallback: xmlStructuredErrorFunc = { contextPointer, error in
        guard let contextPointer, let error else { return }
        let context = Unmanaged<Context>.fromOpaque(contextPointer).takeUnretainedValue()
        let raw = error.pointee.message.map { String(cString: $0) } ?? "XML error"
        let message = String(raw.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        // Keep the report bounded even for a document that produces an error per byte.
        guard context.problems.count < 100 else { return }
        context.problems.append(Problem(line: Int(error.pointee.line), column: Int(error.pointee.int2),
                                        message: message, isFatal: error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue))
    }

    /// Refuses every external entity and DTD, whatever the parser options say. Wraps `xmlSetExternalEntityLoader`.
    private static let installEntityLoaderOnce: Void = {
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()
}
