/// A dataset's page: what it is and who provides it, how often and when it was last updated (and,
/// past the update window, a notice that it is stale — Article 19), its licence, the Article 18
/// terms and a citation ready to copy, its downloads with size and SHA-256, its fields, a preview
/// of the first rows, and its quality grade with the trend over the nights. Its DCAT-AP record is
/// embedded as JSON-LD for search engines and harvesters.
enum PortalDatasetPage {
    struct Context {
        var site: PortalShell.Site
        var config: Configuration
        /// The dataset's node of the open catalog, as JSON-LD text safe inside `<script>`.
        var jsonLD: String?
    }

    static func render(_ dataset: PortalDataset, context: Context, language: Language) -> String {
        let page = PortalPage(kind: .dataset(dataset.id), language: language)
        func say(_ vi: String, _ en: String) -> String { page.say(vi, en) }
        let package = dataset.package
        let title = HTML.escape(package.title)
        // The dataset's own texts are Vietnamese: marked so on the English page, for screen readers.
        let vi = language == .en ? " lang=\"vi\"" : ""

        var main = "<nav class=\"crumbs\" aria-label=\"\(say("Vị trí", "Breadcrumb"))\"><ol>"
        main += "<li><a href=\"\(page.href(to: PortalPage(kind: .home, language: language)))\">\(say("Trang chủ", "Home"))</a></li>"
        main += "<li aria-current=\"page\"\(vi)>\(title)</li></ol></nav>\n"
        main += "<h1\(vi)>\(title)</h1>\n"
        main += "<p class=\"lead\"\(vi)>\(HTML.escape(package.description))</p>\n"
        if package.quality.stale {
            main += "<p class=\"notice\"><strong>\(say("Dữ liệu chưa được cập nhật đúng hạn.", "Not updated on time."))</strong> "
                + say("Bản ghi mới nhất ngày \(HTML.escape(HTML.date(package.quality.newestRecordDate ?? "–", .vi))), đã quá thời hạn cập nhật 3 tháng đối với dữ liệu mở (Điều 19 Nghị định 47/2020/NĐ-CP).",
                      "Its newest record is of \(HTML.escape(package.quality.newestRecordDate ?? "–")), older than the three-month update window for open data (Article 19 of Decree 47/2020/ND-CP).")
                + "</p>\n"
        }

        main += "<h2 id=\"about\">\(say("Thông tin chung", "About this dataset"))</h2>\n<dl class=\"facts\">\n"
        main += fact(say("Cơ quan công bố", "Publisher"), HTML.escape(context.site.publisher), lang: vi)
        main += fact(say("Đơn vị cung cấp", "Provided by"), list(package.sources.map { source in
            HTML.escape(source.title) + " — " + say("\(HTML.number(source.rows, .vi)) dòng, dữ liệu ngày \(HTML.date(source.asOf, .vi))",
                                                  "\(HTML.number(source.rows, .en)) rows, data as of \(source.asOf)")
                + (source.carriedForward == true ? say(" (chưa gửi mới, dùng lại dữ liệu trước)", " (nothing new sent, earlier data carried forward)") : "")
        }))
        let contacts: [String] = package.sources.compactMap { source in
            guard let point = context.config.unit(source.unit)?.focalPoint else { return nil }
            return "\(HTML.escape(point.position)) — \(HTML.escape(source.title)): "
                + "<a href=\"\(HTML.escape(point.mailtoURI))\">\(HTML.escape(point.email))</a>, "
                + "<a href=\"\(HTML.escape(point.telURI))\">\(HTML.escape(point.phone))</a>"
        }
        if !contacts.isEmpty { main += fact(say("Đầu mối liên hệ", "Contact point"), list(contacts)) }
        if let link = ProblemReportLink(dataset: dataset.id, title: dataset.schema.title, version: dataset.pointer.asOf, bundleFile: dataset.pointer.file,
                                        exampleTable: dataset.tables.first?.resource.path, units: package.sources.map(\.unit), config: context.config) {
            main += fact(say("Báo lỗi dữ liệu", "Report a problem"),
                         "<a class=\"report-problem\" href=\"\(HTML.escape(link.uri))\">\(say("Báo lỗi dữ liệu", "Report a problem"))</a> "
                            + say("(thư gửi đơn vị chịu trách nhiệm; ghi rõ tệp, dòng và trường)", "(e-mail to the unit responsible; name the file, line and field)"))
        }
        let entry = dataset.schema.catalogEntry
        main += fact(say("Tần suất cập nhật", "Update frequency"), HTML.escape(PortalVocabulary.frequency(entry.updateFrequency, language)))
        main += fact(say("Cập nhật lần cuối", "Last updated"), HTML.escape(HTML.date(dataset.pointer.asOf, language)))
        if let oldest = package.quality.oldestRecordDate, let newest = package.quality.newestRecordDate {
            main += fact(say("Thời gian của dữ liệu", "Period covered"),
                         HTML.escape(say("từ \(HTML.date(oldest, .vi)) đến \(HTML.date(newest, .vi))", "from \(oldest) to \(newest)")))
        }
        if !entry.themes.isEmpty {
            main += fact(say("Lĩnh vực", "Theme"), HTML.escape(entry.themes.map { PortalVocabulary.theme($0, language) }.joined(separator: "; ")))
        }
        if !package.keywords.isEmpty { main += fact(say("Từ khóa", "Keywords"), HTML.escape(package.keywords.joined(separator: ", ")), lang: vi) }
        main += fact(say("Mã bộ dữ liệu", "Identifier"), "<code>\(HTML.escape(dataset.id))</code>")
        main += "</dl>\n"

        main += downloads(dataset, page: page)
        main += fields(dataset, page: page)
        main += preview(dataset, page: page)
        main += quality(dataset, page: page)
        main += terms(dataset, context: context, page: page)

        let description = package.description.isEmpty ? package.title : package.description
        return PortalShell.render(page, site: context.site, title: package.title, description: description, main: main, jsonLD: context.jsonLD)
    }

    // MARK: - Sections

    private static func downloads(_ dataset: PortalDataset, page: PortalPage) -> String {
        func say(_ vi: String, _ en: String) -> String { page.say(vi, en) }
        var html = "<h2 id=\"downloads\">\(say("Tải xuống", "Downloads"))</h2>\n"
        html += "<p>" + say("Kiểm tra tệp đã tải bằng mã SHA-256, ví dụ <code>sha256sum tên-tệp</code>, hoặc với gói dữ liệu: tải cả tệp <code>.sha256</code> rồi chạy <code>sha256sum -c</code>.",
                            "Check a downloaded file against its SHA-256, e.g. with <code>sha256sum file-name</code>; for the bundle, download its <code>.sha256</code> file too and run <code>sha256sum -c</code>.") + "</p>\n"
        html += "<div class=\"scroll\" role=\"region\" aria-labelledby=\"downloads\" tabindex=\"0\"><table class=\"downloads stack\">\n<thead><tr>"
        html += "<th scope=\"col\">\(say("Tệp", "File"))</th><th scope=\"col\">\(say("Nội dung", "Contents"))</th>"
        html += "<th scope=\"col\" class=\"num\">\(say("Dung lượng", "Size"))</th><th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n"
        let pointer = dataset.pointer
        let folder = PortalSite.filesFolder(dataset.id)
        html += row(href: page.href(folder + pointer.file), name: pointer.file,
                    contents: say("Gói dữ liệu đầy đủ (Frictionless, ZIP): các tệp CSV, datapackage.json, README.md, quality.json",
                                  "Complete data package (Frictionless, ZIP): the CSV files, datapackage.json, README.md, quality.json"),
                    bytes: pointer.bytes, sha256: pointer.sha256, language: page.language)
        html += row(href: page.href(folder + pointer.sha256File), name: pointer.sha256File,
                    contents: say("Mã SHA-256 của gói, cho <code>sha256sum -c</code>", "The bundle's SHA-256, for <code>sha256sum -c</code>"),
                    bytes: Int64(PortalSite.sidecar(pointer).count), sha256: nil, language: page.language)
        for table in dataset.tables {
            html += row(href: page.href(folder + table.resource.fileName), name: table.resource.fileName,
                        contents: say("Bảng “\(HTML.escape(table.resource.title))”, CSV UTF-8, \(HTML.number(table.resource.rows, .vi)) dòng",
                                      "Table “\(HTML.escape(table.resource.title))”, CSV UTF-8, \(HTML.number(table.resource.rows, .en)) rows"),
                        bytes: table.resource.bytes, sha256: table.resource.sha256, language: page.language)
        }
        return html + "</tbody></table></div>\n"
    }

    private static func row(href: String, name: String, contents: String, bytes: Int64, sha256: String?, language: Language) -> String {
        let vi = language == .vi
        return "<tr><td><a href=\"\(HTML.escape(href))\" download>\(vi ? "Tải xuống" : "Download") <span class=\"mono\">\(HTML.escape(name))</span></a></td>"
            + "<td data-label=\"\(vi ? "Nội dung" : "Contents")\">\(contents)</td>"
            + "<td class=\"num\" data-label=\"\(vi ? "Dung lượng" : "Size")\" data-bytes=\"\(bytes)\">\(HTML.escape(PortalVocabulary.size(bytes, language)))</td>"
            + "<td class=\"hash\" data-label=\"SHA-256\">\(sha256.map(HTML.escape) ?? HTML.nothing)</td></tr>\n"
    }

    private static func fields(_ dataset: PortalDataset, page: PortalPage) -> String {
        func say(_ vi: String, _ en: String) -> String { page.say(vi, en) }
        var html = "<h2 id=\"fields\">\(say("Các trường dữ liệu", "Fields"))</h2>\n"
        for (index, table) in dataset.tables.enumerated() {
            let caption = say("Bảng “\(HTML.escape(table.resource.title))” (\(HTML.escape(table.resource.fileName)))",
                              "Table “\(HTML.escape(table.resource.title))” (\(HTML.escape(table.resource.fileName)))")
            html += "<div class=\"scroll\" role=\"region\" aria-labelledby=\"fields-\(index)\" tabindex=\"0\"><table class=\"stack\">\n"
            html += "<caption id=\"fields-\(index)\">\(caption)</caption>\n<thead><tr>"
            html += "<th scope=\"col\">\(say("Tên cột", "Column"))</th><th scope=\"col\">\(say("Tên trường", "Title"))</th>"
            html += "<th scope=\"col\">\(say("Kiểu", "Type"))</th><th scope=\"col\">\(say("Ý nghĩa", "Meaning"))</th></tr></thead>\n<tbody>\n"
            for field in table.resource.schema.fields {
                let type = PortalVocabulary.type(field.type, page.language) + (field.format.map { " (\($0))" } ?? "")
                html += "<tr><th scope=\"row\"><code>\(HTML.escape(field.name))</code></th>"
                    + "<td data-label=\"\(say("Tên trường", "Title"))\">\(HTML.escape(field.title ?? HTML.nothing))</td>"
                    + "<td data-label=\"\(say("Kiểu", "Type"))\">\(HTML.escape(type))</td>"
                    + "<td data-label=\"\(say("Ý nghĩa", "Meaning"))\">\(HTML.escape(field.description ?? HTML.nothing))</td></tr>\n"
            }
            html += "</tbody></table></div>\n"
        }
        return html
    }

    private static func preview(_ dataset: PortalDataset, page: PortalPage) -> String {
        func say(_ vi: String, _ en: String) -> String { page.say(vi, en) }
        var html = "<h2 id=\"preview\">\(say("Xem trước", "Preview"))</h2>\n"
        for (index, table) in dataset.tables.enumerated() {
            let titles = Dictionary(table.resource.schema.fields.map { ($0.name, $0.title ?? $0.name) }, uniquingKeysWith: { first, _ in first })
            let shown = table.preview.count, total = table.resource.rows
            let caption = say("\(HTML.number(shown, .vi)) dòng đầu trong \(HTML.number(total, .vi)) dòng của \(HTML.escape(table.resource.fileName))",
                              "First \(HTML.number(shown, .en)) of \(HTML.number(total, .en)) rows of \(HTML.escape(table.resource.fileName))")
            html += "<div class=\"scroll\" role=\"region\" aria-labelledby=\"preview-\(index)\" tabindex=\"0\"><table>\n"
            html += "<caption id=\"preview-\(index)\">\(caption)</caption>\n<thead><tr>"
            for column in table.header {
                html += "<th scope=\"col\"><span>\(HTML.escape(titles[column] ?? column))</span><br><code>\(HTML.escape(column))</code></th>"
            }
            html += "</tr></thead>\n<tbody>\n"
            for row in table.preview {
                html += "<tr>" + table.header.indices.map { "<td>\(HTML.escape($0 < row.count ? row[$0] : ""))</td>" }.joined() + "</tr>\n"
            }
            html += "</tbody></table></div>\n"
        }
        return html
    }

    private static func quality(_ dataset: PortalDataset, page: PortalPage) -> String {
        func say(_ vi: String, _ en: String) -> String { page.say(vi, en) }
        let language = page.language
        let quality = dataset.package.quality
        var html = "<h2 id=\"quality\">\(say("Chất lượng dữ liệu", "Data quality"))</h2>\n"
        html += "<p>" + say("Hạng", "Grade") + " \(HTML.badge(quality.grade)) — "
            + say("điểm \(HTML.decimal(quality.overall, .vi))/100 theo các nguyên tắc của Điều 9 Nghị định 47/2020/NĐ-CP (A: từ \(Int(QualityScore.gradeA)) điểm, B: từ \(Int(QualityScore.gradeB)) điểm).",
                  "score \(HTML.decimal(quality.overall, .en))/100 against the principles of Article 9 of Decree 47/2020/ND-CP (A: \(Int(QualityScore.gradeA)) or more, B: \(Int(QualityScore.gradeB)) or more).") + "</p>\n"
        html += "<p>" + say("\(HTML.number(quality.rows.read, .vi)) dòng đã đọc, \(HTML.number(quality.rows.validated, .vi)) dòng hợp lệ, \(HTML.number(quality.rowsBundled, .vi)) bản ghi trong bảng gộp.",
                            "\(HTML.number(quality.rows.read, .en)) rows read, \(HTML.number(quality.rows.validated, .en)) valid, \(HTML.number(quality.rowsBundled, .en)) records in the merged table.") + "</p>\n"
        let points = dataset.trend.compactMap { night -> SVGChart.Point? in
            guard let date = CivilDate(iso: night.asOf) else { return nil }
            return SVGChart.Point(day: date.daysSinceEpoch, value: night.overall, axisLabel: HTML.shortDate(night.asOf, language),
                                  tip: "\(HTML.date(night.asOf, language)): \(HTML.decimal(night.overall, language)) (\(night.grade.rawValue))")
        }
        if !points.isEmpty {
            let caption = say("Điểm chất lượng qua các đêm", "Quality score over the nights")
            // Without the label halo: the HTML checker does not know SVG's `paint-order` yet, and
            // the portal's pages must pass it.
            let chart = SVGChart.line(points, title: caption + ": " + points.map(\.tip).joined(separator: "; "), language: language)
                .replacingOccurrences(of: SVGChart.halo, with: "")
            html += "<figure><figcaption>\(caption)</figcaption>\n\(chart)\n</figure>\n"
        }
        return html
    }

    private static func terms(_ dataset: PortalDataset, context: Context, page: PortalPage) -> String {
        func say(_ vi: String, _ en: String) -> String { page.say(vi, en) }
        let legal = context.config.pipeline.legal
        let package = dataset.package
        var html = "<h2 id=\"terms\">\(say("Giấy phép, điều khoản và trích dẫn", "Licence, terms and citation"))</h2>\n"
        for license in package.licenses {
            let name = HTML.escape(license.title)
            html += "<p>" + say("Giấy phép: ", "Licence: ")
            html += license.path.map { "<a href=\"\(HTML.escape($0))\" lang=\"vi\">\(name)</a>" } ?? "<span lang=\"vi\">\(name)</span>"
            html += "</p>\n"
        }
        html += "<p>\(HTML.escape(legal.open.terms.text(page.language)))</p>\n"
        let citation = ["publisher": context.site.publisher, "asOf": package.version, "title": package.title,
                        "file": dataset.pointer.file, "dataset": dataset.id]
        let template = page.language == .vi ? legal.citation.vi : legal.citation.en
        html += "<h3>\(say("Cách trích dẫn", "How to cite"))</h3>\n"
        html += "<blockquote class=\"citation\"><p>\(HTML.escape(plain(template.render(citation))))</p></blockquote>\n"
        html += "<h3>\(say("Siêu dữ liệu", "Metadata"))</h3>\n"
        html += "<p>" + say("Bản mô tả DCAT-AP của bộ dữ liệu này được nhúng trong trang (JSON-LD); toàn bộ danh mục: ",
                            "This dataset's DCAT-AP record is embedded in this page (JSON-LD); the whole catalog: ")
            + "<a href=\"\(page.href("catalog.jsonld"))\">\(say("danh mục dữ liệu mở (catalog.jsonld)", "open data catalog (catalog.jsonld)"))</a>.</p>\n"
        return html
    }

    // MARK: - Pieces

    private static func fact(_ term: String, _ value: String, lang: String = "") -> String {
        "<dt>\(term)</dt><dd\(lang)>\(value)</dd>\n"
    }

    private static func list(_ items: [String]) -> String {
        items.count == 1 ? items[0] : "<ul>" + items.map { "<li>\($0)</li>" }.joined() + "</ul>"
    }

    /// A citation as people copy it: the README's Markdown marks (`*title*`, `` `file` ``) taken out.
    static func plain(_ markdown: String) -> String {
        markdown.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "`", with: "")
    }
}
