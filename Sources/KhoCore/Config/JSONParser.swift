import Foundation

/// A strict JSON parser (RFC 8259) for configuration: what Foundation's decoder forgives — a
/// trailing comma, a comment, a leading zero, a key given twice, a control character in a
/// string — is an error here, reported with its line and column, so a typo never changes what
/// the pipeline does without a word.
struct JSONParser {
    struct SyntaxError: Error, Equatable, Sendable {
        /// 1-based, counted in lines and Unicode characters of the file.
        let line: Int
        let column: Int
        let message: Message
    }

    /// Nesting deeper than this is refused (configuration is a few levels deep).
    static let maxDepth = 128

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    static func parse(_ data: Data) throws -> JSONValue {
        var parser = JSONParser(bytes: Array(data))
        return try parser.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func document() throws -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        guard String(validating: bytes[index...], as: UTF8.self) != nil else {
            throw SyntaxError(line: 1, column: 1, message: Message(vi: "tệp không phải văn bản UTF-8 hợp lệ", en: "the file is not valid UTF-8 text"))
        }
        skipSpace()
        guard index < bytes.count else { throw error(Message(vi: "tệp rỗng", en: "the file is empty")) }
        let value = try self.value()
        skipSpace()
        guard index == bytes.count else {
            throw error(Message(vi: "còn nội dung sau giá trị JSON", en: "unexpected text after the JSON value"))
        }
        return value
    }

    private mutating func value() throws -> JSONValue {
        guard index < bytes.count else { throw error(Message(vi: "tệp kết thúc giữa chừng", en: "the file ends too early")) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw unexpected(expecting: Message(vi: "một giá trị", en: "a value"))
        }
    }

    private mutating func object() throws -> JSONValue {
        try enter()
        index += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if peek(UInt8(ascii: "}")) {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard peek(UInt8(ascii: "\"")) else {
                throw unexpected(expecting: Message(vi: "tên khóa trong ngoặc kép (dấu phẩy thừa?)", en: "a quoted key (a trailing comma?)"))
            }
            let keyStart = index
            let key = try string()
            guard members[key] == nil else {
                let keyLine = position(of: keyStart)
                throw SyntaxError(line: keyLine.line, column: keyLine.column,
                                  message: Message(vi: "khóa \"\(key)\" xuất hiện hai lần", en: "the key \"\(key)\" appears twice"))
            }
            skipSpace()
            guard peek(UInt8(ascii: ":")) else { throw unexpected(expecting: Message(vi: "dấu hai chấm", en: "a colon")) }
            index += 1
            skipSpace()
            members[key] = try value()
            skipSpace()
            if peek(UInt8(ascii: ",")) {
                index += 1
                continue
            }
            guard peek(UInt8(ascii: "}")) else { throw unexpected(expecting: Message(vi: "dấu phẩy hoặc }", en: "a comma or }")) }
            index += 1
            depth -= 1
            return .object(members)
        }
    }

    private mutating func array() throws -> JSONValue {
        try enter()
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if peek(UInt8(ascii: "]")) {
            index += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipSpace()
            if peek(UInt8(ascii: "]")) {
                throw unexpected(expecting: Message(vi: "một giá trị (dấu phẩy thừa?)", en: "a value (a trailing comma?)"))
            }
            items.append(try value())
            skipSpace()
            if peek(UInt8(ascii: ",")) {
                index += 1
                continue
            }
            guard peek(UInt8(ascii: "]")) else { throw unexpected(expecting: Message(vi: "dấu phẩy hoặc ]", en: "a comma or ]")) }
            index += 1
            depth -= 1
            return .array(items)
        }
    }

    private mutating func string() throws -> String {
        index += 1
        // The document is valid UTF-8 (checked first), so a string without escapes is its bytes as
        // they stand; only an escape makes a copy.
        var unescaped: [UInt8] = []
        var hasEscapes = false
        var runStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let run = bytes[runStart..<index]
                index += 1
                guard hasEscapes else { return String(decoding: run, as: UTF8.self) }
                unescaped += run
                return String(decoding: unescaped, as: UTF8.self)
            }
            if byte < 0x20 {
                throw error(Message(vi: "ký tự điều khiển trong chuỗi (xuống dòng hay TAB phải viết \\n, \\t)",
                                    en: "a control character in a string (write line breaks and tabs as \\n, \\t)"))
            }
            if byte == UInt8(ascii: "\\") {
                unescaped += bytes[runStart..<index]
                hasEscapes = true
                let scalar = try escape()
                UTF8.encode(scalar) { unescaped.append($0) }
                runStart = index
                continue
            }
            index += 1
        }
        throw error(Message(vi: "chuỗi không được đóng", en: "a string is not closed"))
    }

    private mutating func escape() throws -> Unicode.Scalar {
        index += 1
        guard index < bytes.count else { throw error(Message(vi: "chuỗi không được đóng", en: "a string is not closed")) }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let first = try hex4()
            if (0xD800...0xDBFF).contains(first) {
                guard peek(UInt8(ascii: "\\")), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error(Message(vi: "nửa cặp thay thế UTF-16 đứng một mình", en: "a lone UTF-16 surrogate"))
                }
                index += 2
                let second = try hex4()
                guard (0xDC00...0xDFFF).contains(second),
                      let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) else {
                    throw error(Message(vi: "cặp thay thế UTF-16 không hợp lệ", en: "an invalid UTF-16 surrogate pair"))
                }
                return scalar
            }
            guard let scalar = Unicode.Scalar(first) else {
                throw error(Message(vi: "nửa cặp thay thế UTF-16 đứng một mình", en: "a lone UTF-16 surrogate"))
            }
            return scalar
        default:
            index -= 2
            throw error(Message(vi: "chuỗi thoát không hợp lệ \\\(Character(Unicode.Scalar(byte)))",
                                en: "an invalid escape \\\(Character(Unicode.Scalar(byte)))"))
        }
    }

    private mutating func hex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = JSONParser.hexValue(bytes[index]) else {
                throw error(Message(vi: "\\u cần bốn chữ số thập lục phân", en: "\\u needs four hexadecimal digits"))
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() throws -> Double {
        let start = index
        let bad = Message(vi: "số không hợp lệ", en: "an invalid number")
        if peek(UInt8(ascii: "-")) { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error(bad) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw error(Message(vi: "số không được bắt đầu bằng 0", en: "a number cannot start with 0"))
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: ".")) {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error(bad) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error(bad) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)), value.isFinite else {
            index = start
            throw error(bad)
        }
        return value
    }

    private mutating func literal(_ word: String) throws {
        let expected = Array(word.utf8)
        guard bytes.count - index >= expected.count, bytes[index..<(index + expected.count)].elementsEqual(expected) else {
            throw unexpected(expecting: Message(vi: "một giá trị", en: "a value"))
        }
        index += expected.count
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= JSONParser.maxDepth else {
            throw error(Message(vi: "lồng quá \(JSONParser.maxDepth) cấp", en: "nested more than \(JSONParser.maxDepth) levels"))
        }
    }

    // MARK: - Positions

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// Line and column of a byte offset, counting characters, not bytes. Only for errors: it
    /// reads the file from the start.
    private func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private func error(_ message: Message) -> SyntaxError {
        let (line, column) = position(of: index)
        return SyntaxError(line: line, column: column, message: message)
    }

    private func unexpected(expecting: Message) -> SyntaxError {
        guard index < bytes.count else {
            return error(Message(vi: "tệp kết thúc giữa chừng, cần \(expecting.vi)", en: "the file ends where \(expecting.en) was expected"))
        }
        let found = String(decoding: bytes[index...].prefix(while: { $0 >= 0x20 }).prefix(12), as: UTF8.self)
        return error(Message(vi: "gặp \"\(found)\", cần \(expecting.vi)", en: "found \"\(found)\" where \(expecting.en) was expected"))
    }
}
