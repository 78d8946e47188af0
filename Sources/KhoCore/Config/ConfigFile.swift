import Foundation

/// Opens one JSON configuration file as a strict `ConfigObject`.
enum ConfigFile {
    static func object(at url: URL, displayName: String, problems: ConfigProblems) -> ConfigObject? {
        let data: Data
        do {
            data = try contents(of: url)
        } catch let error as OutputError {
            problems.system(error)
            return nil
        } catch {
            let reason = (error as? ReadError)?.message ?? String(describing: error)
            problems.add(displayName, "", Message(vi: "không đọc được (\(reason))", en: "cannot be read (\(reason))"))
            return nil
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch let error as JSONParser.SyntaxError {
            problems.add("\(displayName):\(error.line):\(error.column)", "",
                         Message(vi: "không phải JSON hợp lệ: \(error.message.vi)", en: "not valid JSON: \(error.message.en)"))
            return nil
        } catch {
            problems.add(displayName, "", Message(vi: "không phải JSON hợp lệ", en: "not valid JSON"))
            return nil
        }
        return ConfigObject(value, file: displayName, path: "", problems: problems)
    }

    /// The whole (small) file. Failures as `FileByteStream` reports them: a lack of resources is an
    /// `OutputError`, anything else a `ReadError`.
    private static func contents(of url: URL) throws -> Data {
        let stream = try FileByteStream(path: url.path)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
        }
    }
}
