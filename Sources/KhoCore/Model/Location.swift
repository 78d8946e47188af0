/// Where a finding was made. Lines are 1-based physical lines of the source file as the unit sent it;
/// for a workbook a line is the sheet row, and a finding on a field also names its cell.
public struct Location: Codable, Sendable, Hashable {
    public var unit: String?
    public var file: String?
    public var line: Int?
    public var field: String?
    /// The workbook cell the field was read from (`DanhSach!D12`); nil for text sources, and then
    /// absent from JSON so that their outputs do not change.
    public var cell: String?

    public init(unit: String? = nil, file: String? = nil, line: Int? = nil, field: String? = nil, cell: String? = nil) {
        self.unit = unit
        self.file = file
        self.line = line
        self.field = field
        self.cell = cell
    }

    /// `file:line:field`, the way compilers and linters print positions, then the cell when there
    /// is one: `ho-ngheo.xlsx:12:so_dinh_danh (DanhSach!D12)`.
    public var rendered: String {
        var parts: [String] = []
        if let file { parts.append(file) } else if let unit { parts.append(unit) }
        if let line { parts.append(String(line)) }
        if let field { parts.append(field) }
        let position = parts.joined(separator: ":")
        guard let cell else { return position }
        return position.isEmpty ? cell : position + " (" + cell + ")"
    }
}
