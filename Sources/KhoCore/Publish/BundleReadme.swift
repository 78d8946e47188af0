/// The `README.md` inside a bundle (Article 18): what the data is, who provided it, the terms,
/// and how to cite it — in Vietnamese, then English. The publisher is the one in force on the
/// bundle's date; the terms, the citation and the notes that cite the law are `legal` in `nightly.json`.
enum BundleReadme {
    static func render(dataset: DatasetSchema, side: BundleSide, package: DataPackage, publisher: String, legal: LegalTexts,
                       fileName: String, problemLink: ProblemReportLink? = nil) -> String {
        let terms = side == .open ? legal.open.terms : legal.shared.terms
        let citation = ["publisher": publisher, "asOf": package.version, "title": package.title, "file": fileName, "dataset": dataset.id]
        var text = "# \(package.title)\n\n"
        text += "\(dataset.description)\n\n"
        text += "- Mã bộ dữ liệu: `\(dataset.id)`\n"
        text += "- Ngày dữ liệu (as-of): \(package.version)\n"
        text += "- Phân loại: \(side == .open ? "dữ liệu mở" : "dữ liệu dùng chung giữa các cơ quan nhà nước")\n"
        text += "- Cơ quan công bố: \(publisher)\n"
        text += "- Chất lượng: hạng \(package.quality.grade.rawValue), điểm \(format(package.quality.overall))/100"
        text += package.quality.stale && !legal.staleNote.vi.isEmpty ? " — \(legal.staleNote.vi)\n\n" : "\n\n"

        text += "## Đơn vị cung cấp\n\n| Đơn vị | Mã định danh | Số bản ghi |\n|---|---|---|\n"
        for source in package.sources {
            text += "| \(source.title) | \(source.agencyCode ?? "") | \(source.rows) |\n"
        }
        for resource in package.resources {
            text += "\n## Tệp `\(resource.path)` — \(resource.rows) dòng\n\n| Trường | Tên | Kiểu | Phân loại |\n|---|---|---|---|\n"
            for field in resource.schema.fields {
                text += "| `\(field.name)` | \(field.title ?? "") | \(field.type) | \(field.classification.rawValue) |\n"
            }
        }
        if let suppression = package.smallCellSuppression {
            text += "\n## Ô số liệu nhỏ được ẩn\n\n"
            text += "Để không nhận diện được hộ, người nào qua số liệu tổng hợp, ô số liệu nhỏ được ẩn. \(OpenDataPolicy.suppressionRule.vi)\n\n"
            text += "| Bảng | Ngưỡng | Số ô | Ô bị ẩn |\n|---|---|---|---|\n"
            for table in suppression.tables {
                text += "| `\(table.resource)` | \(thresholds(table, none: "không kiểm tra")) | \(table.cells) | \(table.suppressed) |\n"
            }
        }
        text += "\n## Bản ghi từ nhiều đơn vị\n\n"
        text += "Mỗi khóa chính có một dòng. Bản ghi giống hệt nhau (mọi trường, không kể nguồn) do nhiều đơn vị gửi được gộp thành một dòng, "
        text += "`nguon_du_lieu` ghi tất cả các đơn vị: \(package.quality.mergedIdentical ?? 0) bản ghi đã gộp. "
        text += "Cùng khóa mà giá trị khác nhau là xung đột — \(dataset.conflictRule.message.vi): "
        text += "\(package.quality.conflicts?.keys ?? 0) khóa, \(package.quality.conflicts?.versionsSetAside ?? 0) phiên bản để riêng. "
        text += side == .shared
            ? "Tệp `data/\(DatasetPublication.conflictsTable).csv` liệt kê mọi phiên bản của các khóa xung đột, phiên bản được chọn và các trường khác nhau.\n"
            : "Các phiên bản xung đột chỉ có trong gói dữ liệu dùng chung.\n"
        text += "\n## Ô có thể chạy như công thức\n\n"
        text += "Ô văn bản bắt đầu bằng `=`, `+`, `-`, `@`, TAB hoặc CR được thêm dấu nháy đơn (`'`) ở đầu để bảng tính hiển thị như văn bản, "
        text += "không chạy như công thức; gói này có \(package.formulaNeutralization.cells) ô như vậy. Dữ liệu gốc của đơn vị không bị sửa.\n"
        text += "\n## Điều khoản sử dụng\n\n"
        text += terms.vi
        text += "\n\n## Cách trích dẫn\n\n"
        text += legal.citation.vi.render(citation) + "\n"
        if let problemLink {
            text += "\n## \(ProblemReportLink.label.vi)\n\n"
            text += "Thấy dữ liệu sai? Gửi thư cho đơn vị chịu trách nhiệm, ghi rõ tệp, dòng và trường: "
            text += "[\(ProblemReportLink.label.vi) / \(ProblemReportLink.label.en)](\(problemLink.uri))\n"
        }
        text += "\n---\n\n## English\n\n"
        text += "\(side == .open ? "Open data" : "Shared data for state agencies") bundle `\(dataset.id)` as of \(package.version), "
        text += "published by \(publisher), merged from \(package.sources.count) unit(s). "
        text += "It is a Frictionless Data Package: `datapackage.json` describes every file, its Table Schema and SHA-256. "
        text += "Quality grade \(package.quality.grade.rawValue) (\(format(package.quality.overall))/100)"
        text += package.quality.stale && !legal.staleNote.en.isEmpty ? " — \(legal.staleNote.en)" : ""
        text += "; details in `quality.json`.\n\n"
        text += "One row per primary key: a record several units sent identically is one row naming every unit in `nguon_du_lieu` "
        text += "(\(package.quality.mergedIdentical ?? 0) merged); versions of a key that differ are a conflict — "
        text += "\(dataset.conflictRule.message.en): \(package.quality.conflicts?.keys ?? 0) key(s), "
        text += "\(package.quality.conflicts?.versionsSetAside ?? 0) version(s) set aside"
        text += side == .shared ? ", every version listed in `data/\(DatasetPublication.conflictsTable).csv`.\n\n" : " (listed in the shared bundle only).\n\n"
        if let suppression = package.smallCellSuppression {
            text += "Small cells are suppressed so that no household or person can be singled out. \(OpenDataPolicy.suppressionRule.en) In this bundle: "
            text += suppression.tables.map { "`\($0.resource)`, \($0.suppressed) of \($0.cells) cells suppressed (\(thresholds($0, none: "not checked")))" }
                .joined(separator: "; ") + ".\n\n"
        }
        text += "Text cells that begin with `=`, `+`, `-`, `@`, TAB or CR are prefixed with an apostrophe (`'`) so that spreadsheets show them "
        text += "as text instead of running them as formulas: \(package.formulaNeutralization.cells) cell(s) in this bundle.\n\n"
        text += terms.en
        text += "\n\nCite as: " + legal.citation.en.render(citation) + "\n"
        if problemLink != nil {
            text += "\nFound something wrong? Write to the unit responsible with the file, line and field: "
            text += "use the \"\(ProblemReportLink.label.vi) / \(ProblemReportLink.label.en)\" link above.\n"
        }
        return text
    }

    /// "`so_ho` ≥ 3, `so_nhan_khau` ≥ 3": the measures checked and their thresholds.
    private static func thresholds(_ table: DataPackage.SmallCellSuppression.Table, none: String) -> String {
        let checked = table.minCount.filter { $0.value > 1 }.sorted { $0.key < $1.key }
        return checked.isEmpty ? none : checked.map { "`\($0.key)` ≥ \($0.value)" }.joined(separator: ", ")
    }

    private static func format(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }
}
