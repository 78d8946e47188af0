/// One kind of export file the pipeline reads. Adding a format is one file that conforms to this
/// and one line in `SourceFormats.all`.
public protocol SourceFormat {
    /// The name a unit's source gives as its `format` (`csv`, `xml`).
    static var name: String { get }
    /// File name endings (lower case, without `.gz`) that mean this format when the source says `auto`.
    static var fileEndings: [String] { get }
    /// Whether a source of this format must name its record path.
    static var needsRecordPath: Bool { get }
    static func reader(input: InputFile, unit: String, source: UnitSource, schema: DatasetSchema,
                       mapper: ColumnMapper, limits: ReadLimits) throws -> SourceReader
}

/// The formats, in the order `auto` tries their file endings; the last one is the fallback.
public enum SourceFormats {
    public static var all: [any SourceFormat.Type] { [XMLFormat.self, WorkbookFormat.self, CSVFormat.self] }

    public static func named(_ name: String) -> (any SourceFormat.Type)? { all.first { $0.name == name } }

    /// The format a source names, or for `auto` the one whose ending the file name has.
    public static func format(of input: InputFile, source: UnitSource) -> any SourceFormat.Type {
        if let named = named(source.format) { return named }
        return all.first { format in format.fileEndings.contains { input.formatName.hasSuffix($0) } } ?? CSVFormat.self
    }

    /// Whether a source's files will be read as a format that needs a record path.
    public static func needsRecordPath(_ source: UnitSource) -> Bool {
        if let named = named(source.format) { return named.needsRecordPath }
        return all.contains { format in format.needsRecordPath && format.fileEndings.contains { source.files.lowercased().contains($0) } }
    }

    public static func reader(for input: InputFile, source: UnitSource, unit: String, schema: DatasetSchema,
                              limits: ReadLimits) throws -> SourceReader {
        let mapper = ColumnMapper(schema: schema, explicitColumns: source.columns)
        return try format(of: input, source: source).reader(input: input, unit: unit, source: source, schema: schema,
                                                           mapper: mapper, limits: limits)
    }
}

/// Delimited text: CSV, `;`, TAB or `|`, any supported encoding.
public enum CSVFormat: SourceFormat {
    public static let name = "csv"
    public static let fileEndings = [".csv", ".txt", ".tsv"]
    public static let needsRecordPath = false

    public static func reader(input: InputFile, unit: String, source: UnitSource, schema: DatasetSchema,
                              mapper: ColumnMapper, limits: ReadLimits) throws -> SourceReader {
        try CSVSourceReader(input: input, unit: unit, source: source, schema: schema, mapper: mapper, limits: limits)
    }
}

/// XML documents, records at the source's record path.
public enum XMLFormat: SourceFormat {
    public static let name = "xml"
    public static let fileEndings = [".xml"]
    public static let needsRecordPath = true

    public static func reader(input: InputFile, unit: String, source: UnitSource, schema: DatasetSchema,
                              mapper: ColumnMapper, limits: ReadLimits) throws -> SourceReader {
        try XMLSourceReader(input: input, unit: unit, source: source, schema: schema, mapper: mapper, limits: limits)
    }
}

/// Workbooks: `.xlsx` (and `.xlsm`) or `.ods`, told apart by content. `.xls` and `.xlsb` are
/// listed so that such a file is refused with what to send instead, rather than read as text.
public enum WorkbookFormat: SourceFormat {
    public static let name = "workbook"
    public static let fileEndings = [".xlsx", ".xlsm", ".ods", ".xls", ".xlsb"]
    public static let needsRecordPath = false

    public static func reader(input: InputFile, unit: String, source: UnitSource, schema: DatasetSchema,
                              mapper: ColumnMapper, limits: ReadLimits) throws -> SourceReader {
        try WorkbookSourceReader(input: input, unit: unit, source: source, schema: schema, mapper: mapper, limits: limits)
    }
}
