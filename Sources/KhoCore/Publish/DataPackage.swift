/// The `datapackage.json` of a bundle: a Frictionless Tabular Data Package. Standard properties
/// where the standard has them; `classification`, `codeList` and the quality summary as
/// extension properties, which Frictionless allows.
public struct DataPackage: Encodable, Sendable {
    public struct License: Encodable, Sendable {
        public var name: String
        public var title: String
        /// The licence's address (`legal.*.license.uri`), when configured.
        public var path: String? = nil
    }

    public struct Source: Encodable, Sendable {
        public var title: String
        public var unit: String
        public var agencyCode: String?
        public var rows: Int
        /// The as-of date of the night the unit's export was read.
        public var asOf: String
        /// True when the unit sent nothing tonight and its last rows were carried forward.
        public var carriedForward: Bool?
        /// The unit that sent the rows, when it is no longer in force on the bundle's date (the
        /// title then names its successor, or says it ended).
        public var sentBy: SentBy?
    }

    /// A unit as configured, with the last day it was in force.
    public struct SentBy: Encodable, Sendable {
        public var title: String
        public var agencyCode: String?
        public var validTo: String
    }

    /// How cells that a spreadsheet would run as formulas were made inert, and how many.
    public struct FormulaNeutralization: Encodable, Sendable {
        public var rule = FormulaNeutralization.ruleText
        public var cells: Int

        static let ruleText = "Text cells that begin with =, +, -, @, TAB or CR are prefixed with an apostrophe (') so that spreadsheets show them as text instead of running them as formulas. / Ô văn bản bắt đầu bằng =, +, -, @, TAB hoặc CR được thêm dấu nháy đơn (') ở đầu để bảng tính hiển thị như văn bản, không chạy như công thức."
    }

    /// How the open aggregates hide small cells, so a reader knows what an empty count means.
    public struct SmallCellSuppression: Encodable, Sendable {
        public struct Table: Encodable, Sendable {
            /// The resource's name.
            public var resource: String
            /// Per measure, the smallest count shown (0: not checked, a sum).
            public var minCount: [String: Int]
            public var cells: Int
            public var suppressed: Int
        }

        public var rule = OpenDataPolicy.suppressionRule.en + " / " + OpenDataPolicy.suppressionRule.vi
        /// The column that is `true` on a row whose measures are hidden.
        public var flagField = AggregateSpec.suppressedColumn
        public var tables: [Table]
    }

    public struct Contributor: Encodable, Sendable {
        public var title: String
        public var role: String
    }

    public struct Resource: Encodable, Sendable {
        public var name: String
        public var title: String
        public var path: String
        public var profile = "tabular-data-resource"
        public var format = "csv"
        public var mediatype = "text/csv"
        public var encoding = "utf-8"
        public var bytes: Int64
        public var hash: String
        /// Data rows (the header not counted).
        public var rows: Int
        public var schema: TableSchema
    }

    public var profile = "tabular-data-package"
    public var name: String
    public var id: String
    public var title: String
    public var description: String
    public var keywords: [String]
    public var version: String
    public var created: String
    public var classification: BundleSide
    public var licenses: [License]
    public var sources: [Source]
    public var contributors: [Contributor]
    public var resources: [Resource]
    public var formulaNeutralization: FormulaNeutralization
    /// Open bundles of a dataset published as aggregates only.
    public var smallCellSuppression: SmallCellSuppression? = nil
    public var quality: BundleQuality
    /// The code that made the bundle, so a published file can be traced to it.
    public var generator: KhoDuLieu.Build = KhoDuLieu.build
}

/// A Frictionless Table Schema as written into bundles.
public struct TableSchema: Encodable, Sendable {
    public struct Field: Encodable, Sendable {
        public struct Constraints: Encodable, Sendable {
            public var required: Bool?
            public var unique: Bool?
            public var pattern: String?
            public var `enum`: [String]?
            public var minimum: Double?
            public var maximum: Double?
            public var minLength: Int?
            public var maxLength: Int?

            var isEmpty: Bool {
                required == nil && unique == nil && pattern == nil && `enum` == nil && minimum == nil
                    && maximum == nil && minLength == nil && maxLength == nil
            }
        }

        public var name: String
        public var title: String?
        public var description: String?
        public var type: String
        public var format: String?
        public var classification: Classification
        public var codeList: String?
        public var constraints: Constraints?

        /// A dataset field as bundles describe it.
        public init(_ field: FieldDefinition, isKey: Bool) {
            name = field.name
            title = field.title
            description = field.description
            type = field.type.rawValue
            format = field.format
            classification = field.classification
            codeList = field.codeList
            let numeric = field.type == .integer || field.type == .number || field.type == .year
            var constraints = Constraints()
            if field.required || isKey { constraints.required = true }
            if field.unique && !isKey { constraints.unique = true }
            constraints.pattern = field.pattern
            constraints.enum = field.enumValues
            if numeric {
                constraints.minimum = field.minimum
                constraints.maximum = field.maximum
            }
            constraints.minLength = field.minLength
            constraints.maxLength = field.maxLength
            self.constraints = constraints.isEmpty ? nil : constraints
        }

        public init(name: String, title: String, description: String? = nil, type: FieldType,
                    classification: Classification, required: Bool = false) {
            self.name = name
            self.title = title
            self.description = description
            self.type = type.rawValue
            self.classification = classification
            constraints = required ? Constraints(required: true) : nil
        }
    }

    public var fields: [Field]
    public var primaryKey: [String]?
    public var missingValues = [""]
}

/// The quality summary a bundle carries: per unit, and for the merged dataset.
public struct BundleQuality: Codable, Sendable, Equatable {
    public struct UnitLine: Codable, Sendable, Equatable {
        public var unit: String
        public var unitName: String
        /// The night the unit's rows were read (earlier than the bundle's when carried forward).
        public var asOf: String
        public var rows: RowAccount
        public var grade: Grade
        public var overall: Double
        public var scores: [String: Double]
        public var blocked: Bool
    }

    public var asOf: String
    public var grade: Grade
    public var overall: Double
    public var scores: [String: Double]
    public var rows: RowAccount
    /// Rows in the data table. With the three counts below it adds up to the rows validated:
    /// every accepted row is in the table, merged into one there, or set aside and listed.
    public var rowsBundled: Int
    /// Rows identical in every field to a row of the table (another unit's copy), merged into it:
    /// the row names every unit that sent it (absent in reports of earlier versions).
    public var mergedIdentical: Int? = nil
    /// Keys units reported with different values, and the versions the conflict rule set aside
    /// (listed in the shared bundle's `data/conflicts.csv`; absent in reports of earlier versions).
    public var conflicts: ConflictSummary? = nil
    /// Rows whose unique field (other than the key) repeats a value already in the table, set
    /// aside at bundling (Article 9.3). Before conflicts were told apart, also every row whose key
    /// another unit had reported.
    public var duplicatesAcrossUnits: Int
    public var newestRecordDate: String?
    /// The oldest record date: with the newest, the period the records cover.
    public var oldestRecordDate: String?
    /// True when the newest data is older than the three-month update window (Article 19).
    public var stale: Bool
    public var units: [UnitLine]
    /// Units that feed the dataset but sent nothing recent enough to carry forward.
    public var missingUnits: [UnitContribution.Line]?
    /// Text cells made inert for spreadsheets, per side (`shared`, `open`).
    public var formulaCellsNeutralized: [String: Int]
    /// Finding counts by code, over all units and the bundling itself.
    public var findings: [String: Int]
    /// The code that made the bundle (absent in reports of earlier versions).
    public var build: KhoDuLieu.Build? = KhoDuLieu.build
}
