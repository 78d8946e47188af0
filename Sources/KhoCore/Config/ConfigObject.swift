/// Strict, path-aware access to one JSON object of a configuration file.
///
/// Every accessor records a problem (with its JSON path) instead of throwing, and `finish()`
/// reports the keys nobody asked for: a typo in a key is an error, not a silently ignored setting.
final class ConfigObject {
    let file: String
    let path: String
    private let members: [String: JSONValue]
    private var consumed: Set<String> = []
    private let problems: ConfigProblems

    init?(_ value: JSONValue, file: String, path: String, problems: ConfigProblems) {
        guard case .object(let members) = value else {
            problems.add(file, path, Message(vi: "cần một đối tượng, gặp \(value.typeNameVietnamese)", en: "expected an object, found \(value.typeName)"))
            return nil
        }
        self.file = file
        self.path = path
        self.members = members
        self.problems = problems
    }

    /// Where this object's problems go, for objects read from values of unusual shape.
    var problemsCollector: ConfigProblems { problems }

    func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func has(_ key: String) -> Bool { members[key] != nil }

    func problem(_ key: String?, _ message: Message) {
        problems.add(file, key.map(childPath) ?? path, message)
    }

    /// Something missing that the run can do without, reported beside the night's results.
    func warning(_ key: String?, _ message: Message) {
        problems.warn(file, key.map(childPath) ?? path, message)
    }

    /// Declares keys as known without reading them (Table Schema properties passed through as they are).
    func accept(_ keys: String...) { consumed.formUnion(keys) }

    func raw(_ key: String) -> JSONValue? {
        consumed.insert(key)
        return members[key]
    }

    /// Whether the key is there with `null`, which a dataset uses to drop what a field inherits.
    func isNull(_ key: String) -> Bool {
        guard case .null = members[key] else { return false }
        consumed.insert(key)
        return true
    }

    /// One string or an array of them (a value that may be given once or several times).
    func stringOrStrings(_ key: String) -> [String]? {
        if case .string(let text) = members[key] {
            consumed.insert(key)
            return [text]
        }
        return strings(key)
    }

    func string(_ key: String) -> String? {
        guard let value = raw(key) else { return nil }
        guard case .string(let text) = value else {
            problem(key, Message(vi: "cần một chuỗi, gặp \(value.typeNameVietnamese)", en: "expected a string, found \(value.typeName)"))
            return nil
        }
        return text
    }

    func requiredString(_ key: String) -> String {
        guard has(key) else {
            problem(key, Message(vi: "bắt buộc phải có", en: "is required"))
            return ""
        }
        return string(key) ?? ""
    }

    func number(_ key: String) -> Double? {
        guard let value = raw(key) else { return nil }
        guard case .number(let number) = value else {
            problem(key, Message(vi: "cần một số, gặp \(value.typeNameVietnamese)", en: "expected a number, found \(value.typeName)"))
            return nil
        }
        return number
    }

    func integer(_ key: String) -> Int? {
        guard let number = number(key) else { return nil }
        guard number.rounded() == number, abs(number) < 1e15 else {
            problem(key, Message(vi: "cần một số nguyên, gặp \(number)", en: "expected an integer, found \(number)"))
            return nil
        }
        return Int(number)
    }

    func bool(_ key: String) -> Bool? {
        guard let value = raw(key) else { return nil }
        guard case .bool(let flag) = value else {
            problem(key, Message(vi: "cần true hoặc false, gặp \(value.typeNameVietnamese)", en: "expected true or false, found \(value.typeName)"))
            return nil
        }
        return flag
    }

    func strings(_ key: String) -> [String]? {
        guard let value = raw(key) else { return nil }
        guard case .array(let items) = value else {
            problem(key, Message(vi: "cần một mảng chuỗi, gặp \(value.typeNameVietnamese)", en: "expected an array of strings, found \(value.typeName)"))
            return nil
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            if case .string(let text) = item {
                result.append(text)
            } else {
                problems.add(file, "\(childPath(key))[\(index)]", Message(vi: "cần một chuỗi, gặp \(item.typeNameVietnamese)", en: "expected a string, found \(item.typeName)"))
            }
        }
        return result
    }

    func object(_ key: String) -> ConfigObject? {
        guard let value = raw(key) else { return nil }
        return ConfigObject(value, file: file, path: childPath(key), problems: problems)
    }

    func objects(_ key: String) -> [ConfigObject]? {
        guard let value = raw(key) else { return nil }
        guard case .array(let items) = value else {
            problem(key, Message(vi: "cần một mảng, gặp \(value.typeNameVietnamese)", en: "expected an array, found \(value.typeName)"))
            return nil
        }
        return items.enumerated().compactMap { index, item in
            ConfigObject(item, file: file, path: "\(childPath(key))[\(index)]", problems: problems)
        }
    }

    /// A key that takes either one object or a list of them (the publisher, undated or dated).
    enum OneOrMany {
        case one(ConfigObject)
        case many([ConfigObject])
    }

    func oneOrMany(_ key: String) -> OneOrMany? {
        guard let value = raw(key) else { return nil }
        if case .array = value { return objects(key).map(OneOrMany.many) }
        return object(key).map(OneOrMany.one)
    }

    /// A calendar date written `YYYY-MM-DD`, as in the catalogs' `valid_from` and `valid_to`.
    func date(_ key: String) -> CivilDate? {
        guard let text = string(key) else { return nil }
        guard let date = CivilDate(iso: text) else {
            problem(key, Message(vi: "cần một ngày dạng YYYY-MM-DD, gặp \"\(text)\"", en: "expected a date YYYY-MM-DD, found \"\(text)\""))
            return nil
        }
        return date
    }

    /// A string-to-string map such as `columns`, in key order (JSON objects have none; sorting keeps runs identical).
    func stringMap(_ key: String) -> [(key: String, value: String)]? {
        guard let object = object(key) else { return nil }
        return object.allKeys.compactMap { name in
            object.string(name).map { (name, $0) }
        }
    }

    /// A value from a fixed set, e.g. a classification.
    func choice<T: RawRepresentable>(_ key: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let text = string(key) else { return nil }
        guard let value = T(rawValue: text) else {
            problem(key, Message(vi: "giá trị không hợp lệ \"\(text)\"", en: "unknown value \"\(text)\""))
            return nil
        }
        return value
    }

    var allKeys: [String] { members.keys.sorted() }

    /// Reports every key that was never read.
    func finish() {
        for key in members.keys.sorted() where !consumed.contains(key) {
            problem(key, Message(vi: "khóa không hợp lệ (không có trong cấu hình)", en: "unknown key"))
        }
    }
}
