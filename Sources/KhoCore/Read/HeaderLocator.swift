/// Finds the header row of an export that may carry titles above it ("UBND HUYỆN ĐẮK HÀ",
/// "DANH SÁCH HỘ NGHÈO NĂM 2024", a blank line, then the header).
public enum HeaderLocator {
    /// Rows looked at before giving up.
    public static let searchDepth = 30

    /// The index in `rows` of the header: the first row naming the most known fields, if any names one.
    /// A row naming a single field counts only when the dataset has at most two fields.
    public static func locate(_ rows: [CSVReader.Row], mapper: ColumnMapper, fieldCount: Int) -> Int? {
        var best: (index: Int, score: Int)? = nil
        for (index, row) in rows.prefix(searchDepth).enumerated() where row.issue == nil {
            let score = mapper.headerScore(row.fields)
            if score > (best?.score ?? 0) { best = (index, score) }
        }
        guard let best, best.score >= min(2, fieldCount) else { return nil }
        return best.index
    }
}
