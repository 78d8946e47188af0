import Foundation

/// Opens one JSON configuration file as a strict `ConfigObject`.
enum ConfigFile {
    static func object(at url: URL, displayName: String, problems: ConfigProblems) -> ConfigObject? {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            problems.add(displayName, "", "cannot be read (\(error.localizedDescription))")
            return nil
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch {
            problems.add(displayName, "", "is not valid JSON (\(describe(error)))")
            return nil
        }
        return ConfigObject(value, file: displayName, path: "", problems: problems)
    }

    private static func describe(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String ?? context.debugDescription
        }
        return String(describing: error)
    }
}
