import Foundation

/// A problem report as a CSV file: a header row naming the same fields as the JSON form
/// (`dataset,unit,field,row,description,reporter,date,status`) and exactly one report row below it.
/// One report per file, as with JSON, so a report is named by its file and is kept or refused
/// whole. Any encoding and delimiter the export readers accept; an empty optional cell is absent.
enum FeedbackCSV {
    /// The size `FeedbackInbox` allows, checked again on the bytes read: the file may grow after its size was taken.
    static let maxBytes = FeedbackInbox.maxBytes
    /// Cells that may be left empty (`FeedbackInbox` requires the others).
    static let optional: Set<String> = ["field", "status"]

    /// The report row as a JSON object of strings, and its line; nil after problems recorded under `display`.
    static func read(_ url: URL, display: String, problems: ConfigProblems) -> (object: JSONValue, line: Int)? {
        func refuse(_ line: Int?, _ path: String, _ message: Message) -> (object: JSONValue, line: Int)? {
            problems.add(line.map { "\(display):\($0)" } ?? display, path, message)
            return nil
        }
        let bytes: [UInt8]
        do {
            let stream = try FileByteStream(path: url.path)
            bytes = try stream.readPrefix(maxBytes + 1)
        } catch {
            return refuse(nil, "", Message(vi: "không đọc được (\(error))", en: "cannot be read (\(error))"))
        }
        guard bytes.count <= maxBytes else {
            return refuse(nil, "", Message(vi: "lớn hơn \(maxBytes / 1024) KiB: không phải một báo lỗi", en: "larger than \(maxBytes / 1024) KiB: not a problem report"))
        }
        let encoding = EncodingDetector.detect(bytes).encoding
        var rows: [CSVReader.Row] = []
        do {
            let decoded = try DecodingByteStream(source: MemoryByteStream(bytes), encoding: encoding).readPrefix(maxBytes * 4)
            let reader = CSVReader(stream: NFCByteStream(source: MemoryByteStream(decoded)), delimiter: DialectSniffer.delimiter(in: decoded),
                                   maxRowBytes: maxBytes)
            while let row = try reader.next() { rows.append(row) }
        } catch {
            return refuse(nil, "", Message(vi: "không đọc được (\(error))", en: "cannot be read (\(error))"))
        }
        if let bad = rows.first(where: { $0.issue != nil }) {
            return refuse(bad.line, "", Message(vi: "dòng không đọc được (\(bad.issue.map { "\($0)" } ?? ""))", en: "unreadable line (\(bad.issue.map { "\($0)" } ?? ""))"))
        }
        rows.removeAll(where: \.isBlank)
        guard let header = rows.first else {
            return refuse(nil, "", Message(vi: "tệp trống: cần dòng tiêu đề và một dòng báo lỗi", en: "empty: a header row and one report row are needed"))
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            return refuse(header.line, name, Message(vi: "cột lặp lại", en: "column given twice"))
        }
        guard rows.count >= 2 else {
            return refuse(nil, "", Message(vi: "không có dòng báo lỗi dưới dòng tiêu đề", en: "no report row below the header"))
        }
        guard rows.count == 2 else {
            return refuse(rows[2].line, "", Message(vi: "mỗi tệp một báo lỗi: dòng này là báo lỗi thứ hai", en: "one report per file: this line is a second report"))
        }
        let row = rows[1]
        let cells = row.fields
        guard cells.count == names.count else {
            return refuse(row.line, "", Message(vi: "có \(cells.count) ô, dòng tiêu đề có \(names.count) cột", en: "\(cells.count) cells, the header has \(names.count) columns"))
        }
        var members: [String: JSONValue] = [:]
        for (name, cell) in zip(names, cells) {
            let value = cell.trimmingCharacters(in: .whitespaces)
            if value.isEmpty && optional.contains(name) { continue }
            members[name] = .string(value)
        }
        return (.object(members), row.line)
    }
}
