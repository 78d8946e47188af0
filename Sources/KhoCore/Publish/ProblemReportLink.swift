/// "Báo lỗi dữ liệu / Report a problem": a `mailto:` URI (RFC 6068) to whoever answers for a
/// dataset — the province's data desk when one is configured (`publication.dataDesk`), else the
/// focal points of the units that provided it — with the dataset, the bundle version and an example
/// row reference filled in, so a data user's report names what the unit needs to find the row.
/// The subject and body are UTF-8, percent-encoded; the example names a file and line, no value.
struct ProblemReportLink: Equatable {
    var recipients: [String]
    var subject: String
    var body: String

    static let label = Message(vi: "Báo lỗi dữ liệu", en: "Report a problem")

    /// Nil when nobody can be written to: no data desk and no focal point among the units.
    init?(dataset: String, title: String, version: String, bundleFile: String, exampleTable: String?,
          units: [String], config: Configuration) {
        let addresses = config.pipeline.publication.dataDesk.map { [$0] }
            ?? units.compactMap { config.unit($0)?.focalPoint?.email }
        recipients = Array(Set(addresses)).sorted()
        guard !recipients.isEmpty else { return nil }
        subject = "Báo lỗi dữ liệu / Data problem: \(title) (\(dataset), \(version))"
        let row = exampleTable.map { "\($0), dòng / line 2" } ?? "\(bundleFile), dòng / line 2"
        body = [
            "Bộ dữ liệu / Dataset: \(dataset)",
            "Phiên bản / Version: \(version) (\(bundleFile))",
            "Dòng (ví dụ) / Row (example): \(row)",
            "Trường / Field: ",
            "Mô tả lỗi / What is wrong: ",
            "",
        ].joined(separator: "\r\n")
    }

    /// `mailto:a@b,c@d?subject=…&body=…`; addresses are ASCII (`FocalPoint.isEmail`), so only
    /// what the URI syntax reserves is encoded in them.
    var uri: String {
        "mailto:" + recipients.map { ProblemReportLink.encode($0, keeping: [UInt8(ascii: "@")]) }.joined(separator: ",")
            + "?subject=" + ProblemReportLink.encode(subject) + "&body=" + ProblemReportLink.encode(body)
    }

    /// Every byte of the UTF-8 form but the unreserved characters of RFC 3986 as `%XX`: the
    /// strictest form RFC 6068 allows, which every mail client reads the same way.
    static func encode(_ text: String, keeping extra: Set<UInt8> = []) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            case _ where extra.contains(byte):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
