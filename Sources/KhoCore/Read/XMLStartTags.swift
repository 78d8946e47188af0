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
}
