/// A zlib call that returned an error code, with zlib's own message when it gave one.
public struct ZlibError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String

    public var description: String { "zlib error \(code): \(message)" }
}
