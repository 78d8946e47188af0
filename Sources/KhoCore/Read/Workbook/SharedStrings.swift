/// The shared-strings table of an `.xlsx` (`xl/sharedStrings.xml`): every distinct text of the
/// workbook once, that cells point to by index. It must be held in memory while the sheet is read,
/// so its size is bounded (`limits.maxSharedStringsBytes`): a table beyond the limit is refused
/// rather than allowed to exhaust memory. Kept as one byte buffer with end offsets, not one
/// `String` per entry.
final class SharedStrings {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    var count: Int { ends.count }

    subscript(index: Int) -> String? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : ends[index - 1]
        return String(decoding: bytes[start..<ends[index]], as: UTF8.self)
    }

    init() {}

    /// Reads `<si>` entries: plain (`<t>`), rich text (runs `<r><t>` joined) and phonetic guides
    /// (`<rPh>`, furigana shown above the text, not part of it: left out).
    init(part: WorkbookPart, maxBytes: Int) throws {
        var item: [UInt8] = []
        var inItem = false, inText = false
        var phoneticDepth: Int? = nil
        try part.catchingThreadErrors {
            while try part.next() {
                switch part.kind {
                case .element:
                    switch part.localName {
                    case "si":
                        inItem = true
                        item.removeAll(keepingCapacity: true)
                        if part.isEmptyElement { try append(item, maxBytes: maxBytes, part: part); inItem = false }
                    case "rPh":
                        if !part.isEmptyElement { phoneticDepth = part.depth }
                    case "t":
                        inText = inItem && phoneticDepth == nil && !part.isEmptyElement
                    default: break
                    }
                case .text:
                    if inText {
                        item += Array(part.value.utf8)
                        if item.count > maxBytes { throw tooLarge(part, maxBytes) }
                    }
                case .endElement:
                    switch part.localName {
                    case "si":
                        try append(item, maxBytes: maxBytes, part: part)
                        inItem = false
                    case "rPh" where part.depth == phoneticDepth: phoneticDepth = nil
                    case "t": inText = false
                    default: break
                    }
                default: break
                }
            }
        }
    }

    private func append(_ item: [UInt8], maxBytes: Int, part: WorkbookPart) throws {
        // Normalized once here rather than at every cell that points to the entry.
        if item.contains(where: { $0 >= 0x80 }) {
            bytes += Array(UnicodeNFC.normalized(String(decoding: item, as: UTF8.self)).utf8)
        } else {
            bytes += item
        }
        ends.append(bytes.count)
        // Each entry also costs its end offset.
        if bytes.count + ends.count * MemoryLayout<Int>.size > maxBytes { throw tooLarge(part, maxBytes) }
    }

    private func tooLarge(_ part: WorkbookPart, _ maxBytes: Int) -> ReadError {
        ReadError(code: .workbookLimitExceeded,
                  message: "\(part.name): the shared strings exceed \(maxBytes) bytes (limits.maxSharedStringsBytes)", line: part.line)
    }
}
