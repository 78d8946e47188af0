import Foundation

/// JSON the same way every time: sorted keys, two-space indentation, `/` unescaped, a final newline.
public enum JSONOutput {
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value)) + [0x0A]
    }

    public static func write(_ value: some Encodable, to url: URL) throws {
        try AtomicFile.write(encode(value), to: url)
    }

    public static func read<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: url))
    }
}
