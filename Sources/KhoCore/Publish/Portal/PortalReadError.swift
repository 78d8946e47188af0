/// A published file the portal cannot read: the out folder is damaged, which is an I/O failure
/// (exit code 74) naming the file.
public struct PortalReadError: Error, CustomStringConvertible, UserFacingError, Sendable {
    var path: String
    var reason: String

    public var description: String { message(.en) }

    public func message(_ language: Language) -> String {
        language == .vi ? "\(path): không đọc được để dựng cổng dữ liệu mở: \(reason)"
                        : "\(path): cannot be read to build the open-data portal: \(reason)"
    }

    static func wrap<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as PortalReadError { throw error } catch {
            throw PortalReadError(path: path, reason: "\(error)")
        }
    }
}
