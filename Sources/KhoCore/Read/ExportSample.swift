import Foundation

/// The start of an unfamiliar export as `--suggest` sees it: the header's columns (or an XML
/// record's keys) with the values under them in the first rows. Bounded by the bytes the caller
/// read and by `maxRows`, so a huge or hostile file costs no more than a small one.
public struct ExportSample: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        /// The header cell, or the XML key (`@ThoiGian`, `../@MaTram`, `NhietDo`).
        public var name: String
        /// Non-empty values under it, trimmed, in file order.
        public var values: [String]
    }

    public var columns: [Column] = []
    /// Columns past `maxColumns`, not looked at.
    public var omittedColumns = 0
    /// Data rows (or records) the values come from.
    public var rows = 0
    /// The last title line above a CSV header ("DANH SÁCH HỘ NGHÈO NĂM 2024"), if any.
    public var title: String?

    /// Rows looked at below the header.
    public static let maxRows = 200
    /// Columns looked at: four times what a dataset may hold, so a wide export is still matched and
    /// drafted, while one of ten thousand columns costs no more than one of a few hundred.
    public static let maxColumns = 256

    /// The header reads as text: no control character, no byte the encoding left undecoded. A
    /// header that does not is a binary file, or text in an encoding the detector got wrong.
    public var headerIsText: Bool {
        !columns.contains { column in
            column.name.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || (0x7F...0x9F).contains($0.value) || $0.value == 0xFFFD }
        }
    }

    // MARK: - CSV

    /// The columns of the header at `headerIndex` with the rows below it, up to a totals row (what
    /// follows one is signatures and notes, as the reader treats it). Blank header cells are not
    /// columns; rows the reader could not read are not values.
    static func csv(_ rows: [CSVReader.Row], headerIndex: Int) -> ExportSample {
        var sample = ExportSample()
        let header = rows[headerIndex].fields
        let named = header.indices.filter { !header[$0].allSatisfy(\.isWhitespace) }
        let positions = Array(named.prefix(maxColumns))
        sample.omittedColumns = named.count - positions.count
        var values = [[String]](repeating: [], count: positions.count)
        for row in rows[(headerIndex + 1)...] where row.issue == nil && !row.isBlank {
            if CSVSourceReader.isTotalsRow(row.cells) || sample.rows == maxRows { break }
            sample.rows += 1
            let cells = row.fields
            for (column, position) in positions.enumerated() where position < cells.count {
                let value = cells[position].trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { values[column].append(value) }
            }
        }
        sample.columns = zip(positions, values).map { Column(name: header[$0].trimmingCharacters(in: .whitespaces), values: $1) }
        let titles = rows[..<headerIndex].filter { $0.issue == nil }.flatMap(\.fields)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        sample.title = titles.last
        return sample
    }

    /// The header of an export no dataset describes: the row naming the most dictionary fields (at
    /// least two), else the first row about as full as the widest — a title above the header fills
    /// one cell, the header fills nearly all.
    static func headerIndex(in rows: [CSVReader.Row], dictionary: ColumnMapper) -> Int? {
        if let known = HeaderLocator.locate(rows, mapper: dictionary, fieldCount: .max) { return known }
        let filled = rows.prefix(HeaderLocator.searchDepth).map { row in
            row.issue == nil ? row.fields.filter { !$0.allSatisfy(\.isWhitespace) }.count : 0
        }
        guard let widest = filled.max(), widest > 0 else { return nil }
        let wanted = widest == 1 ? 1 : max(2, (widest * 3 + 3) / 4)
        return filled.firstIndex { $0 >= wanted }
    }

    // MARK: - XML

    /// The keys of the first records in the order they first appear, with their values.
    static func xml(_ records: XMLRecordReader) -> ExportSample {
        var sample = ExportSample()
        var position: [String: Int] = [:]
        var omitted = Set<String>()
        while sample.rows < maxRows, let item = records.next() {
            sample.rows += 1
            for (key, value) in item.values {
                let index = position[key] ?? sample.columns.count
                if index == sample.columns.count {
                    guard index < maxColumns else {
                        omitted.insert(key)
                        continue
                    }
                    position[key] = index
                    sample.columns.append(Column(name: key, values: []))
                }
                // libxml2 decodes the document's encoding but leaves the normal form as it came.
                let trimmed = UnicodeNFC.normalized(value).trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { sample.columns[index].values.append(trimmed) }
            }
        }
        sample.omittedColumns = omitted.count
        return sample
    }
}
