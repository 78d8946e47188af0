/// The home page: what the portal is and who publishes it, the datasets updated most recently,
/// then every dataset — a full list that needs no script, with a keyword, theme and unit filter
/// the inline script reveals and applies in place — and the same datasets by theme and by unit,
/// so that a reader without scripts can still narrow the list.
enum PortalHomePage {
    /// How many datasets "recently updated" lists.
    static let recentCount = 5

    static func render(_ datasets: [PortalDataset], site: PortalShell.Site, language: Language) -> String {
        let page = PortalPage(kind: .home, language: language)
        func say(_ vi: String, _ en: String) -> String { page.say(vi, en) }
        // The datasets' own texts are Vietnamese: marked so on the English page, for screen readers.
        let vi = language == .en ? " lang=\"vi\"" : ""
        func link(_ dataset: PortalDataset) -> String {
            "<a href=\"\(page.href(to: PortalPage(kind: .dataset(dataset.id), language: language)))\"\(vi)>\(HTML.escape(dataset.package.title))</a>"
        }
        let publisher = HTML.escape(site.publisher)
        var main = "<h1>\(say("Dữ liệu mở của \(publisher)", "Open data of \(publisher)"))</h1>\n"
        main += "<p class=\"lead\">" + say(
            "Cổng này công bố dữ liệu mở của kho dữ liệu dùng chung: mỗi bộ dữ liệu có mô tả, các trường, bản xem trước, đánh giá chất lượng và tệp tải xuống kèm mã SHA-256 để kiểm tra. Dữ liệu được tự do sử dụng, kể cả cho mục đích thương mại, với điều kiện ghi rõ nguồn (Điều 18 Nghị định 47/2020/NĐ-CP).",
            "This portal publishes the open data of the province's shared-data warehouse: each dataset comes with its description, fields, a preview, its quality grade and downloads with a SHA-256 checksum. Anyone may reuse the data, commercially too, citing the source (Article 18 of Decree 47/2020/ND-CP).") + "</p>\n"
        main += "<p>" + say("\(datasets.count) bộ dữ liệu, cập nhật hằng đêm; dữ liệu ngày \(HTML.date(site.asOf.description, .vi)).",
                            "\(datasets.count) datasets, refreshed nightly; data as of \(site.asOf).") + "</p>\n"

        let recent = datasets.sorted { ($0.pointer.asOf, $1.id) > ($1.pointer.asOf, $0.id) }.prefix(recentCount)
        main += "<h2 id=\"recent\">\(say("Mới cập nhật", "Recently updated"))</h2>\n<ul>\n"
        for dataset in recent {
            main += "<li>\(link(dataset)) — \(say("cập nhật", "updated")) \(HTML.escape(HTML.date(dataset.pointer.asOf, language)))</li>\n"
        }
        main += "</ul>\n"

        main += "<h2 id=\"all\">\(say("Tất cả bộ dữ liệu", "All datasets"))</h2>\n"
        main += filter(datasets, page: page)
        main += "<ul id=\"datasets\" class=\"datasets\">\n"
        for dataset in datasets {
            let units = dataset.package.sources.map(\.unit)
            let themes = dataset.schema.catalogEntry.themes
            let text = [dataset.package.title, dataset.package.description, dataset.id]
                + dataset.package.keywords + dataset.package.sources.map(\.title) + themes.map { PortalVocabulary.theme($0, language) }
            main += "<li data-text=\"\(HTML.escape(text.joined(separator: " ")))\" data-themes=\"\(HTML.escape(themes.joined(separator: " ")))\" "
                + "data-units=\"\(HTML.escape(units.joined(separator: " ")))\">\n"
            main += "<h3>\(link(dataset))</h3>\n"
            main += "<p\(vi)>\(HTML.escape(dataset.package.description))</p>\n"
            var meta = [say("Đơn vị cung cấp: ", "Provided by: ") + HTML.escape(dataset.package.sources.map(\.title).joined(separator: "; "))]
            if !themes.isEmpty {
                meta.append(say("Lĩnh vực: ", "Theme: ") + HTML.escape(themes.map { PortalVocabulary.theme($0, language) }.joined(separator: "; ")))
            }
            meta.append(say("Cập nhật: ", "Updated: ") + HTML.escape(HTML.date(dataset.pointer.asOf, language)))
            let quality = dataset.package.quality
            meta.append(say("Chất lượng: hạng ", "Quality: grade ") + HTML.badge(quality.grade) + " " + HTML.escape(HTML.decimal(quality.overall, language)) + "/100")
            main += "<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n</li>\n"
        }
        main += "</ul>\n"

        main += "<h2 id=\"by-theme\">\(say("Theo lĩnh vực", "By theme"))</h2>\n<div class=\"columns\">\n"
        for theme in Set(datasets.flatMap(\.schema.catalogEntry.themes)).sorted() {
            main += "<div><h3>\(HTML.escape(PortalVocabulary.theme(theme, language)))</h3>\n<ul>\n"
            for dataset in datasets where dataset.schema.catalogEntry.themes.contains(theme) { main += "<li>\(link(dataset))</li>\n" }
            main += "</ul></div>\n"
        }
        main += "</div>\n"
        main += "<h2 id=\"by-unit\">\(say("Theo đơn vị cung cấp", "By providing unit"))</h2>\n<div class=\"columns\">\n"
        for (unit, name) in units(datasets) {
            main += "<div><h3>\(HTML.escape(name))</h3>\n<ul>\n"
            for dataset in datasets where dataset.package.sources.contains(where: { $0.unit == unit }) { main += "<li>\(link(dataset))</li>\n" }
            main += "</ul></div>\n"
        }
        main += "</div>\n"
        let title = say("Dữ liệu mở của \(site.publisher)", "Open data of \(site.publisher)")
        let description = say("Dữ liệu mở do \(site.publisher) công bố: \(datasets.count) bộ dữ liệu, tải xuống tự do.",
                              "Open data published by \(site.publisher): \(datasets.count) datasets, free to download.")
        return PortalShell.render(page, site: site, title: title, description: description, main: main, script: true)
    }

    /// The filter form, hidden until the script shows it: without the script it could not act.
    private static func filter(_ datasets: [PortalDataset], page: PortalPage) -> String {
        func say(_ vi: String, _ en: String) -> String { page.say(vi, en) }
        var html = "<form id=\"filter\" class=\"filter\" role=\"search\" hidden>\n"
        html += "<div><label for=\"q\">\(say("Từ khóa", "Keyword"))</label><input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\"></div>\n"
        html += "<div><label for=\"theme\">\(say("Lĩnh vực", "Theme"))</label><select id=\"theme\" name=\"theme\">"
        html += "<option value=\"\">\(say("Mọi lĩnh vực", "All themes"))</option>"
        for theme in Set(datasets.flatMap(\.schema.catalogEntry.themes)).sorted() {
            html += "<option value=\"\(HTML.escape(theme))\">\(HTML.escape(PortalVocabulary.theme(theme, page.language)))</option>"
        }
        html += "</select></div>\n"
        html += "<div><label for=\"unit\">\(say("Đơn vị", "Unit"))</label><select id=\"unit\" name=\"unit\">"
        html += "<option value=\"\">\(say("Mọi đơn vị", "All units"))</option>"
        for (unit, name) in units(datasets) { html += "<option value=\"\(HTML.escape(unit))\">\(HTML.escape(name))</option>" }
        html += "</select></div>\n"
        let template = say("Hiển thị {shown}/{total} bộ dữ liệu", "Showing {shown} of {total} datasets")
        let initial = template.replacingOccurrences(of: "{shown}", with: String(datasets.count)).replacingOccurrences(of: "{total}", with: String(datasets.count))
        html += "<p id=\"filter-status\" class=\"status\" role=\"status\" data-template=\"\(HTML.escape(template))\">\(HTML.escape(initial))</p>\n"
        return html + "</form>\n"
    }

    /// Every unit whose rows are in an open bundle, by id, named as its newest bundle names it.
    private static func units(_ datasets: [PortalDataset]) -> [(id: String, name: String)] {
        var names: [String: (asOf: String, name: String)] = [:]
        for dataset in datasets {
            for source in dataset.package.sources where (names[source.unit]?.asOf ?? "") <= dataset.pointer.asOf {
                names[source.unit] = (dataset.pointer.asOf, source.title)
            }
        }
        return names.map { ($0.key, $0.value.name) }.sorted { $0.name == $1.name ? $0.id < $1.id : $0.name < $1.name }
    }
}
