import Foundation

/// What a whole code list says that none of its rows can (`pipelines/catalogs/catalogs.json`):
/// which list its `parent_code` column refers to, and which list replaced it when that list is not
/// loaded. Generated catalogs are rewritten by the build script; these properties are kept apart,
/// by hand, so a rebuild cannot lose them.
public struct CodeListProperties: Sendable, Equatable {
    /// The catalog whose codes the `parent_code` column holds. A name shared by several codes
    /// ("Xã Đắk Long" in two districts) is told apart by the record's code of that catalog.
    public var parentCatalog: String?
    /// The list that replaced this one, named for people ("VSIC 2025 …"), while it is not loaded:
    /// a code retired with the list is then a warning that names it, not a rejection.
    public var supersededBy: String?

    public init(parentCatalog: String? = nil, supersededBy: String? = nil) {
        self.parentCatalog = parentCatalog
        self.supersededBy = supersededBy
    }

    /// The column a `parentCatalog` refers through.
    public static let parentColumn = "parent_code"
    public static let fileName = "catalogs.json"
}

extension CodeListProperties {
    /// Every catalog's properties, by catalog id; a missing file means none. Catalog ids are
    /// checked against the lists once they are loaded (`check`).
    static func load(_ url: URL, displayName: String, problems: ConfigProblems) -> [String: CodeListProperties] {
        guard FileManager.default.fileExists(atPath: url.path),
              let root = ConfigFile.object(at: url, displayName: displayName, problems: problems) else { return [:] }
        _ = root.integer("version")
        root.accept("$comment")
        var result: [String: CodeListProperties] = [:]
        if let catalogs = root.object("catalogs") {
            for id in catalogs.allKeys {
                guard let entry = catalogs.object(id) else { continue }
                entry.accept("$comment")
                var properties = CodeListProperties(parentCatalog: entry.string("parentCatalog"), supersededBy: entry.string("supersededBy"))
                if properties.supersededBy?.isEmpty == true {
                    entry.problem("supersededBy", Message(vi: "không được rỗng", en: "must not be empty"))
                    properties.supersededBy = nil
                }
                entry.finish()
                result[id] = properties
            }
            catalogs.finish()
        } else {
            root.problem("catalogs", Message(vi: "bắt buộc phải có", en: "is required"))
        }
        root.finish()
        return result
    }

    /// Problems of properties that name lists: a catalog that is not loaded, a parent catalog that
    /// is not loaded, or a list without the column a parent refers through.
    static func check(_ all: [String: CodeListProperties], columns: [String: Set<String>], displayName: String, problems: ConfigProblems) {
        for (id, properties) in all.sorted(by: { $0.key < $1.key }) {
            guard let listColumns = columns[id] else {
                problems.add(displayName, "catalogs.\(id)", Message(vi: "\"\(id)\" không phải danh mục trong pipelines/catalogs/", en: "\"\(id)\" is not a catalog in pipelines/catalogs/"))
                continue
            }
            guard let parent = properties.parentCatalog else { continue }
            if columns[parent] == nil {
                problems.add(displayName, "catalogs.\(id).parentCatalog", Message(vi: "\"\(parent)\" không phải danh mục trong pipelines/catalogs/", en: "\"\(parent)\" is not a catalog in pipelines/catalogs/"))
            }
            if !listColumns.contains(parentColumn) {
                problems.add(displayName, "catalogs.\(id).parentCatalog", Message(vi: "\(id) không có cột \"\(parentColumn)\"", en: "\(id) has no column \"\(parentColumn)\""))
            }
        }
    }
}
