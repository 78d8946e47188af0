/// One family of checks. Checks stream: `check` sees each row once, in order, after the
/// normalization rules; `finish` may add findings that need the whole table (outliers). A check
/// judges and never rewrites a value, and never loads a file.
public protocol RowCheck: AnyObject {
    /// Stable kebab-case id.
    static var id: String { get }
    /// The finding codes the check can emit.
    static var codes: [FindingCode] { get }
    init(schema: DatasetSchema)
    func check(_ row: inout RowState, _ context: DatasetContext)
    func finish(_ context: DatasetContext) -> [Finding]
}

extension RowCheck {
    public func finish(_ context: DatasetContext) -> [Finding] { [] }
}

extension DatasetContext {
    /// Records a finding on a field (or the row when `field` is nil) with the dataset's severity,
    /// masking the value when the field holds personal data. On a personal field the detail is
    /// dropped too unless it reveals no value: a resolved code ("Kinh" → 01), an age or an expected
    /// digit would tell what the masked value hides.
    public func emit(_ code: FindingCode, _ row: inout RowState, field: Int?, value: String? = nil, detail: String? = nil) {
        let rule = findingRule(code)
        let mask = field.flatMap { personalMasks[$0] }
        let personal = mask != nil
        let shown = value.map { value in mask.map { Masking.mask(value, as: $0) } ?? value }
        let safeDetail = personal && !rule.detailIsValueFree ? nil : detail
        let line = row.line > 0 ? row.line : nil
        row.findings.append(Finding(code: code, severity: rule.severity, principle: rule.principle,
                                    location: Location(unit: unit, file: row.file, line: line, field: field.map { fieldNames[$0] },
                                                       cell: cells.cell(file: row.file, line: line, field: field)),
                                    value: shown, detail: safeDetail))
        if rule.severity == .error, let field { row.failed[field] = true }
    }
}
