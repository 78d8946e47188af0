/// What the portal reads of an open bundle's `datapackage.json`: the bundle describes itself, so
/// the portal shows what was published that night, not what the configuration says today.
struct PortalPackage: Decodable, Sendable {
    struct Field: Decodable, Sendable {
        var name: String
        var title: String?
        var description: String?
        var type: String
        var format: String?
    }

    struct Schema: Decodable, Sendable {
        var fields: [Field]
    }

    struct Resource: Decodable, Sendable {
        var name: String
        var title: String
        var path: String
        var bytes: Int64
        /// `sha256:<hex>` as Frictionless writes it, or the bare hex.
        var hash: String
        var rows: Int
        var schema: Schema

        var sha256: String { hash.hasPrefix("sha256:") ? String(hash.dropFirst("sha256:".count)) : hash }
        /// The file name a download gets: the last part of its path in the bundle.
        var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }
    }

    struct Source: Decodable, Sendable {
        var title: String
        var unit: String
        var rows: Int
        var asOf: String
        var carriedForward: Bool?
    }

    struct License: Decodable, Sendable {
        var name: String
        var title: String
        var path: String?
    }

    var title: String
    var description: String
    var keywords: [String]
    var version: String
    var licenses: [License]
    var sources: [Source]
    var resources: [Resource]
    var quality: BundleQuality
}
