import Foundation

/// A shared code list (danh mục dùng chung) from `pipelines/catalogs/<id>.csv`.
///
/// A code is valid only inside its dates, and the same code may mean different units in different
/// periods (the 2025 reorganization reused commune codes), so every lookup takes a date.
public final class CodeList: Sendable {
    /// One row of the list. A class: lookups hand entries around on every row, and a reference
    /// costs one retain where a copy of the struct would retain every string in it.
    public final class Entry: Sendable, Equatable {
        public let code: String
        public let name: String
        public let validFrom: CivilDate?
        public let validTo: CivilDate?
        public let successor: String?
        public let aliases: [String]
        /// Any further columns (`level`, `parent_code`, `code_2008`…), by header.
        public let extra: [String: String]
        /// `NameKey`s of the name and aliases, each once. A list: an entry has a few, and a set
        /// hashed each of them again (about 1 ms of CPU at every start, for the 461 rows of the code lists).
        public let nameKeys: [String]
        /// The code and the name as bytes, for comparing and writing without strings.
        public let codeBytes: [UInt8]
        public let nameBytes: [UInt8]

        public init(code: String, name: String, validFrom: CivilDate?, validTo: CivilDate?, successor: String?,
                    aliases: [String], extra: [String: String]) {
            self.code = code
            self.name = name
            self.validFrom = validFrom
            self.validTo = validTo
            self.successor = successor
            self.aliases = aliases
            self.extra = extra
            var keys: [String] = []
            for key in ([name] + aliases).map(NameKey.key) where !key.isEmpty && !keys.contains(where: { KeyBytes.same($0, key) }) {
                keys.append(key)
            }
            nameKeys = keys
            codeBytes = Array(code.utf8)
            nameBytes = Array(UnicodeNFC.normalized(name).utf8)
        }

        public static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.code == rhs.code && lhs.name == rhs.name && lhs.validFrom == rhs.validFrom && lhs.validTo == rhs.validTo
                && lhs.successor == rhs.successor && lhs.aliases == rhs.aliases && lhs.extra == rhs.extra
        }

        /// Whether `key` is the key of the name or of an alias.
        func hasNameKey(_ key: String) -> Bool { nameKeys.contains { KeyBytes.same($0, key) } }

        public func isValid(on date: CivilDate) -> Bool {
            if let validFrom, date < validFrom { return false }
            if let validTo, date > validTo { return false }
            return true
        }
    }

    public enum Lookup: Equatable, Sendable {
        case valid(Entry)
        /// In the list, but retired before the date; the entry that was last in force.
        case retired(Entry)
        /// In the list, but only from a later date.
        case notYetValid(Entry)
        case unknown
    }

    public let id: String
    public let entries: [Entry]
    private let byCode: [String: [Entry]]
    private let byCodeBytes: ByteTable<[Entry]>
    private let byNameKey: [KeyBytes: Set<String>]
    /// When every code is digits of one width (ethnic "01"…"54"), Excel's lost leading zeros can be restored.
    public let digitCodeWidth: Int?

    private let prefixes: NamePrefixes
    /// What the list says as a whole (`catalogs.json`): its parent list, the list that replaced it.
    public let properties: CodeListProperties
    /// The last day any row is in force; nil while some row has no end. After it the list, as
    /// loaded, holds no code at all.
    public let endsOn: CivilDate?

    public init(id: String, entries: [Entry], prefixes: NamePrefixes = NamePrefixes([]), properties: CodeListProperties = CodeListProperties()) {
        self.id = id
        self.prefixes = prefixes
        self.properties = properties
        endsOn = entries.contains { $0.validTo == nil } ? nil : entries.compactMap(\.validTo).max()
        // Sized once: growing rehashes every key.
        var byCode: [String: [Entry]] = Dictionary(minimumCapacity: entries.count)
        var byNameKey: [KeyBytes: Set<String>] = Dictionary(minimumCapacity: entries.reduce(0) { $0 + $1.nameKeys.count })
        for entry in entries {
            byCode[entry.code, default: []].append(entry)
            for key in entry.nameKeys { byNameKey[KeyBytes(text: key), default: []].insert(entry.code) }
        }
        self.entries = entries
        let sorted = byCode.mapValues { $0.sorted { ($0.validFrom ?? .distantPast) < ($1.validFrom ?? .distantPast) } }
        self.byCode = sorted
        var table = ByteTable<[Entry]>()
        for code in sorted.keys.sorted() { table.set(sorted[code] ?? [], for: code) }
        byCodeBytes = table
        self.byNameKey = byNameKey
        let widths = Set(entries.map { $0.code.utf8.count })
        let allDigits = entries.allSatisfy { $0.code.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        digitCodeWidth = allDigits && widths.count == 1 ? widths.first : nil
    }

    /// A `NameKey` as a dictionary key, hashed and compared as UTF-8 bytes: `NameKey` gives equal
    /// names the same bytes, and a `String` key of Vietnamese text is normalized again at every hash.
    private struct KeyBytes: Hashable {
        let text: String

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }

        static func == (lhs: KeyBytes, rhs: KeyBytes) -> Bool { same(lhs.text, rhs.text) }

        /// Two keys compared as `NameKey` makes them: byte for byte, where `String`'s `==` would
        /// normalize both again.
        static func same(_ one: String, _ other: String) -> Bool { one.utf8.elementsEqual(other.utf8) }
    }

    public func contains(code: String) -> Bool { byCode[code] != nil }

    /// The entry for a code as it stood on a date.
    public func lookup(_ code: String, on date: CivilDate) -> Lookup {
        lookup(candidates: byCode[code], on: date)
    }

    /// `lookup` for a code given as bytes (a field value), without making a string.
    public func lookup(bytes code: UnsafeBufferPointer<UInt8>, on date: CivilDate) -> Lookup {
        lookup(candidates: byCodeBytes.value(for: code), on: date)
    }

    public func contains(bytes code: UnsafeBufferPointer<UInt8>) -> Bool { byCodeBytes.value(for: code) != nil }

    private func lookup(candidates: [Entry]?, on date: CivilDate) -> Lookup {
        guard let candidates else { return .unknown }
        for entry in candidates where entry.isValid(on: date) { return .valid(entry) }
        if let retired = candidates.last(where: { $0.validTo.map { $0 < date } ?? false }) { return .retired(retired) }
        return candidates.first.map { .notYetValid($0) } ?? .unknown
    }

    /// The code in force on `target` for an entry valid on the record's date: the entry's own code
    /// when it is still valid then (no second lookup), else its successors followed.
    public func current(_ entry: Entry, to target: CivilDate) -> String {
        if entry.isValid(on: target) { return entry.code }
        guard let retiredOn = entry.validTo, let next = retiredOn.adding(days: 1), let successor = entry.successor else { return entry.code }
        return current(successor, from: next, to: target)
    }

    /// Any entry of a code, the most recent first (for when the record has no date).
    public func latest(_ code: String) -> Entry? { byCode[code]?.last }

    /// Follows successors from a code valid on `date` to the code in force on `target`.
    public func current(_ code: String, from date: CivilDate, to target: CivilDate) -> String {
        var code = code
        var date = date
        for _ in 0..<8 {   // successor chains are short; the bound guards against a cycle in the catalog
            guard case .valid(let entry) = lookup(code, on: date), !entry.isValid(on: target),
                  let successor = entry.successor, !successor.isEmpty, let retiredOn = entry.validTo,
                  let next = retiredOn.adding(days: 1) else { return code }
            code = successor
            date = next
        }
        return code
    }

    /// Codes with `name` as name or alias (compared as `NameKey`s, a type prefix allowed), among
    /// those valid on `date` if given.
    public func codes(named name: String, on date: CivilDate?) -> [String] {
        codes(nameKey: NameKey.key(name), on: date)
    }

    /// `codes(named:on:)` for a name whose `NameKey` the caller already has (and may cache).
    ///
    /// A name with a type prefix matches the codes whose name it is, and the codes whose name or
    /// alias it is without the prefix and whose own name has the same prefix: "Xã Đắk Hà" is the
    /// Xã and not Thị trấn Đắk Hà, but "Xã Đắk Long" is both communes of that name, whichever of the
    /// two spellings Đắk/Đăk each list writes first. A prefix no candidate has ("PTDTBT", "TT.")
    /// is only dropped.
    public func codes(nameKey: String, on date: CivilDate?) -> [String] {
        let whole = matching(nameKey, on: date)
        guard let bare = prefixes.stripped(nameKey) else { return whole.sorted() }
        let prefix = nameKey.dropLast(bare.count + 1) + " "
        let stripped = matching(bare, on: date)
        let samePrefix = stripped.filter { code in
            byCode[code]?.contains { (date.map($0.isValid) ?? true) && NameKey.key($0.name).hasPrefix(prefix) } ?? false
        }
        let found = whole.union(samePrefix)
        return (found.isEmpty ? stripped : found).sorted()
    }

    /// Codes with the key as name or alias, among those valid on `date` if given.
    private func matching(_ key: String, on date: CivilDate?) -> Set<String> {
        guard let codes = byNameKey[KeyBytes(text: key)] else { return [] }
        guard let date else { return codes }
        return codes.filter { code in byCode[code]?.contains { $0.isValid(on: date) && $0.hasNameKey(key) } ?? false }
    }

    /// Of `codes`, those whose row in force on `date` (any row, without a date) has `parent` in the
    /// parent column: a repeated name told apart by the record's district.
    public func codes(_ codes: [String], withParent parent: String, on date: CivilDate?) -> [String] {
        codes.filter { code in
            byCode[code]?.contains { entry in
                (date.map(entry.isValid) ?? true) && entry.extra[CodeListProperties.parentColumn] == parent
            } ?? false
        }
    }

    /// The list that replaced this one, while it is not loaded and `date` is past this list's end.
    public func unloadedSuccessor(on date: CivilDate) -> String? {
        guard let name = properties.supersededBy, let endsOn, date > endsOn else { return nil }
        return name
    }

    /// True when `name` is the entry's name or one of its aliases, a type prefix allowed.
    public func nameMatches(_ entry: Entry, _ name: String) -> Bool {
        nameMatches(entry, nameKey: NameKey.key(name))
    }

    public func nameMatches(_ entry: Entry, nameKey: String) -> Bool {
        keys(nameKey).contains { entry.hasNameKey($0) }
    }

    /// The key, then the key without a leading type prefix.
    private func keys(_ key: String) -> [String] {
        [key] + (prefixes.stripped(key).map { [$0] } ?? [])
    }

    /// Restores leading zeros an export lost ("1" for "01").
    public func padded(_ value: String) -> String? {
        guard let width = digitCodeWidth, value.utf8.count < width, !value.isEmpty,
              value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let code = String(repeating: "0", count: width - value.utf8.count) + value
        return contains(code: code) ? code : nil
    }
}

extension CivilDate {
    static let distantPast = CivilDate(firstDayOf: 1)
}

extension CodeList {
    static let requiredColumns = ["code", "name", "valid_from", "valid_to", "successor", "aliases"]

    static func load(_ url: URL, displayName: String, prefixes: NamePrefixes, properties: CodeListProperties = CodeListProperties(),
                     problems: ConfigProblems) -> CodeList? {
        let id = url.deletingPathExtension().lastPathComponent
        do {
            let reader = CSVReader(stream: try FileByteStream(path: url.path), delimiter: UInt8(ascii: ","))
            guard let header = try reader.next() else {
                problems.add(displayName, "", Message(vi: "rỗng", en: "is empty"))
                return nil
            }
            let columns = header.fields
            for required in requiredColumns where !columns.contains(required) {
                problems.add(displayName, "", Message(vi: "thiếu cột \"\(required)\"", en: "has no column \"\(required)\""))
            }
            guard requiredColumns.allSatisfy(columns.contains) else { return nil }
            let index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            let extraColumns = columns.enumerated().filter { !requiredColumns.contains($0.element) }
            var entries: [Entry] = []
            while let row = try reader.next() {
                let line = "line \(row.line)"
                guard row.fields.count == columns.count, row.issue == nil else {
                    problems.add(displayName, line, Message(vi: "có \(row.fields.count) ô, cần \(columns.count)", en: "has \(row.fields.count) cells, expected \(columns.count)"))
                    continue
                }
                func cell(_ name: String) -> String { index[name].map { row.fields[$0] } ?? "" }
                func date(_ name: String) -> CivilDate? {
                    let text = cell(name)
                    if text.isEmpty { return nil }
                    guard let date = CivilDate(iso: text) else {
                        problems.add(displayName, line, Message(vi: "\(name) \"\(text)\" không phải ngày dạng YYYY-MM-DD", en: "\(name) \"\(text)\" is not a YYYY-MM-DD date"))
                        return nil
                    }
                    return date
                }
                var extra: [String: String] = Dictionary(minimumCapacity: extraColumns.count)
                for (position, name) in extraColumns { extra[name] = row.fields[position] }
                let code = cell("code")
                if code.isEmpty { problems.add(displayName, line, Message(vi: "có mã rỗng", en: "has an empty code")) }
                let successor = cell("successor")
                entries.append(Entry(code: code, name: cell("name"), validFrom: date("valid_from"), validTo: date("valid_to"),
                                     successor: successor.isEmpty ? nil : successor,
                                     aliases: cell("aliases").utf8.split(separator: UInt8(ascii: "|")).map { String(decoding: $0, as: UTF8.self) },
                                     extra: extra))
            }
            let list = CodeList(id: id, entries: entries, prefixes: prefixes, properties: properties)
            for entry in entries {
                if let successor = entry.successor, !list.contains(code: successor) {
                    problems.add(displayName, "code \(entry.code)", Message(vi: "mã kế thừa \"\(successor)\" không có trong danh mục", en: "successor \"\(successor)\" is not in the list"))
                }
            }
            return list
        } catch let error as OutputError {
            problems.system(error)
            return nil
        } catch {
            problems.add(displayName, "", Message(vi: "không đọc được (\(error))", en: "cannot be read (\(error))"))
            return nil
        }
    }
}
