/// Anomalies (Article 16): numeric values far from the rest of their field, by the modified
/// z-score of Iglewicz and Hoaglin — |x − median| / (1.4826 · MAD) above 3.5 — which a few
/// extreme values cannot distort the way they distort a mean and standard deviation. Only `info`:
/// an outlier may be right (a very large school), so it is shown for review, never rejected.
public final class OutlierCheck: RowCheck {
    public static let id = "outliers"
    public static let codes: [FindingCode] = [.outlier]
    /// Values beyond this score are reported.
    public static let threshold = 3.5
    /// Fields with fewer values have no meaningful distribution.
    public static let minimumCount = 20
    /// Values kept per field; beyond it the field is not judged (memory stays bounded).
    public static let maximumCount = 2_000_000

    private struct Sample {
        var values: [Double] = []
        var positions: [(file: Int, line: Int)] = []
        var overflow = false
    }

    private let fields: [Int]
    private var samples: [Sample]
    private var files: [String] = []

    public init(schema: DatasetSchema) {
        fields = schema.fields.indices.filter { schema.fields[$0].type == .number || schema.fields[$0].type == .integer }
        samples = fields.map { _ in Sample() }
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        guard !fields.isEmpty, !row.isRejected else { return }
        for (position, field) in fields.enumerated() where !row.isEmpty(field) && !row.failed[field] {
            guard !samples[position].overflow, let value = Double(row.value(field)) else { continue }
            if samples[position].values.count >= OutlierCheck.maximumCount {
                samples[position].overflow = true
                samples[position].values = []
                samples[position].positions = []
                continue
            }
            if files.last != row.file { files.append(row.file) }
            samples[position].values.append(value)
            samples[position].positions.append((files.count - 1, row.line))
        }
    }

    public func finish(_ context: DatasetContext) -> [Finding] {
        var findings: [Finding] = []
        for (position, field) in fields.enumerated() {
            let sample = samples[position]
            guard sample.values.count >= OutlierCheck.minimumCount else { continue }
            let median = OutlierCheck.median(sample.values)
            let deviation = OutlierCheck.median(sample.values.map { abs($0 - median) })
            guard deviation > 0 else { continue }
            let definition = context.schema.fields[field]
            for (index, value) in sample.values.enumerated() {
                let score = abs(value - median) / (1.4826 * deviation)
                guard score > OutlierCheck.threshold else { continue }
                let (file, line) = sample.positions[index]
                findings.append(FindingCatalog.finding(.outlier, at: Location(unit: context.unit, file: files[file], line: line, field: definition.name,
                                                                                  cell: context.cells.cell(file: files[file], line: line, field: field)),
                    value: definition.classification == .personal ? Masking.mask(ConstraintCheck.format(value)) : ConstraintCheck.format(value),
                    detail: "median \(ConstraintCheck.format(median)), score \(ConstraintCheck.format((score * 10).rounded() / 10))",
                    severity: context.schema.severity(of: .outlier)))
            }
        }
        return findings
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 0 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
}
