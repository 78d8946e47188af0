/// Finds where an element starts in raw XML bytes, without parsing: the lines of every
/// `<name` or `<prefix:name` followed by white space, `>` or `/`. Used only after a document
/// broke, to account for the records the parser could not deliver. Assumes an ASCII-compatible
/// encoding (UTF-8, Windows-1258); UTF-16 documents yield no lines.
enum XMLStartTags {
    static func lines(of name: String, in input: InputFile, limits: ReadLimits) throws -> [Int] {
        let target = Array(name.utf8)
        guard !target.isEmpty else { return [] }
        let (stream, _) = try input.open(limits: limits)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var carry: [UInt8] = []
        var line = 1
        var lines: [Int] = []
        while true {
            let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            // Keep a tail so a tag split across two reads is still seen.
            let bytes = carry + buffer[0..<count]
            let limit = count == 0 ? bytes.count : max(0, bytes.count - target.count - 64)
            var index = 0
            while index < limit {
                let byte = bytes[index]
                if byte == 0x0A {
                    line += 1
                } else if byte == UInt8(ascii: "<"), let end = nameEnd(bytes, after: index), matches(bytes, index + 1, end, target) {
                    lines.append(line)
                }
                index += 1
            }
            carry = Array(bytes[limit...])
            if count == 0 { break }
        }
        return lines
    }

    /// The index after a tag name starting at `start + 1`, if the name is followed by a delimiter.
    private static func nameEnd(_ bytes: [UInt8], after start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") {
                return index
            }
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") { return nil }
            index += 1
        }
        return nil
    }

    /// The tag name (after any `prefix:`) equals `target`.
    private static func matches(_ bytes: [UInt8], _ start: Int, _ end: Int, _ target: [UInt8]) -> Bool {
        var nameStart = start
        if let colon = bytes[start..<end].lastIndex(of: UInt8(ascii: ":")) { nameStart = colon + 1 }
        return end - nameStart == target.count && bytes[nameStart..<end].elementsEqual(target)
    }

    /// How often each element path (`/Root/Child/Record`) starts in the bytes, counting only
    /// elements with child elements or attributes (records, not their leaf values), by a light scan
    /// that skips comments, declarations and processing instructions. For suggesting a record path.
    /// Nesting beyond `maxDepth` is refused as the readers refuse it: each path is as long as its
    /// depth, so a deep document would otherwise cost memory by the square of its depth.
    static func elementPaths(in bytes: [UInt8], maxDepth: Int) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        var structured = Set<String>()
        var stack: [String] = []
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            index = open + 1
            guard index < bytes.count else { break }
            let next = bytes[index]
            if next == UInt8(ascii: "?") || next == UInt8(ascii: "!") { continue }
            let closing = next == UInt8(ascii: "/")
            let nameStart = closing ? index + 1 : index
            guard let end = bytes[nameStart...].firstIndex(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "/") }) else { break }
            var name = String(decoding: bytes[nameStart..<end], as: UTF8.self)
            if let colon = name.lastIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
            if closing {
                if !stack.isEmpty { stack.removeLast() }
                continue
            }
            if !stack.isEmpty { structured.insert("/" + stack.joined(separator: "/")) }
            guard stack.count < maxDepth else {
                throw ReadError(code: .xmlTooDeep, message: "elements nested deeper than \(maxDepth) levels (limits.maxXMLDepth)")
            }
            stack.append(name)
            let path = "/" + stack.joined(separator: "/")
            counts[path, default: 0] += 1
            guard let close = bytes[end...].firstIndex(of: UInt8(ascii: ">")) else { break }
            if bytes[end..<close].contains(UInt8(ascii: "=")) { structured.insert(path) }
            if bytes[close - 1] == UInt8(ascii: "/") { stack.removeLast() }   // <empty/>
            index = close + 1
        }
        // A path seen once is the document's frame, not a record; a leaf is a value, not a record.
        return counts.filter { $0.value > 1 && structured.contains($0.key) }
    }
}
