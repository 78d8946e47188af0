import Foundation

/// The five stage commands: their names, what they do, and their help.
public enum Command: String, Sendable, CaseIterable {
    case extract, validate, normalize, bundle, run, report

    public var executable: String { "kdl-\(rawValue)" }

    var summary: (vi: String, en: String) {
        switch self {
        case .extract:
            ("Đọc tệp xuất của đơn vị, ghi work/<đơn vị>/<bộ dữ liệu>/extracted.csv, unreadable.csv, extract.json.",
             "Read a unit's exports into work/<unit>/<dataset>/extracted.csv, unreadable.csv and extract.json.")
        case .validate:
            ("Kiểm tra chất lượng theo Điều 9: ghi validated.csv, rejected.csv, quality.json.",
             "Check quality against Article 9: write validated.csv, rejected.csv and quality.json.")
        case .normalize:
            ("Chuẩn hóa các dòng hợp lệ: ghi normalized.csv và normalize.json.",
             "Normalize validated rows: write normalized.csv and normalize.json.")
        case .bundle:
            ("Gộp dữ liệu các đơn vị, ghi gói dữ liệu dùng chung (shared/) và dữ liệu mở (open/), catalog.json, services.json.",
             "Merge every unit's data into shared and open bundles, open/catalog.json and shared/services.json.")
        case .run:
            ("Chạy toàn bộ: đọc → kiểm tra → chuẩn hóa → đóng gói, cho mọi đơn vị (lệnh cron gọi hằng đêm).",
             "Run everything: extract → validate → normalize → bundle for every unit (what cron calls nightly).")
        case .report:
            ("Báo cáo đánh giá dữ liệu hằng năm (Điều 16, hạn 20/12): tổng hợp lịch sử chất lượng của năm thành reports/annual/<năm>.html và .json.",
             "Yearly data evaluation (Article 16, due 20 December): the year's quality history per unit as reports/annual/<year>.html and .json.")
        }
    }

    public func help(_ language: Language) -> String {
        let vi = language == .vi
        var lines = ["\(executable) — KhoDuLieu \(KhoDuLieu.version)", "", vi ? summary.vi : summary.en, "",
                     vi ? "Cách dùng:" : "Usage:", "  \(executable) [options]", "", vi ? "Tùy chọn:" : "Options:"]
        var flags: [(String, String, String)] = [
            ("--pipeline FILE", "tệp cấu hình, hoặc thư mục chứa nightly.json (mặc định pipelines/nightly.json)",
             "pipeline file, or the folder holding nightly.json (default pipelines/nightly.json)"),
            ("--inbox DIR", "thư mục tệp xuất của các đơn vị (mặc định theo nightly.json)", "folder of the units' exports (default from nightly.json)"),
            ("--out DIR", "thư mục kết quả (mặc định theo nightly.json: out)", "output folder (default from nightly.json: out)"),
        ]
        if self != .bundle && self != .report {
            flags.append(("--unit ID", "chỉ xử lý đơn vị này (lặp lại được)", "only this unit (repeatable)"))
        }
        if self == .report {
            flags.append(("--year YYYY", "năm cần đánh giá (mặc định năm của --as-of)", "the year to evaluate (default: the --as-of year)"))
        } else {
            flags.append(("--dataset ID", "chỉ xử lý bộ dữ liệu này (lặp lại được)", "only this dataset (repeatable)"))
        }
        flags += [
            ("--as-of YYYY-MM-DD", "ngày dữ liệu; cùng đầu vào và ngày cho kết quả giống hệt từng byte (mặc định hôm nay)",
             "data date; same inputs and date give byte-identical outputs (default today)"),
            ("--lang vi|en", "ngôn ngữ thông báo và báo cáo (mặc định vi)", "language of messages and reports (default vi)"),
            ("--quiet", "chỉ in lỗi", "print errors only"),
        ]
        if self == .extract {
            flags += [("--suggest --file F", "in bản nháp cấu hình nguồn cho một tệp xuất lạ (bảng mã, dấu phân cách, dòng tiêu đề, cột ↔ trường)",
                       "print a draft unit source entry for an unfamiliar export (encoding, delimiter, header row, columns ↔ fields)")]
        }
        if self == .run {
            flags += [("--force", "xử lý lại cả đầu vào không thay đổi", "reprocess inputs that did not change"),
                      ("--jobs N", "số việc song song (mặc định: số nhân CPU)", "parallel jobs (default: one per core)")]
        }
        flags += [("--help", "in trợ giúp này", "print this help"), ("--version", "in phiên bản", "print the version")]
        for (flag, viText, enText) in flags {
            lines.append("  " + flag.padding(toLength: 22, withPad: " ", startingAt: 0) + (vi ? viText : enText))
        }
        lines += ["", vi ? "Mã thoát:" : "Exit codes:"]
        let codes: [(ExitCode, String, String)] = [
            (.ok, "thành công", "success"),
            (.usage, "sai tùy chọn", "bad options"),
            (.dataBlocked, "có dữ liệu bị chặn: tệp không đọc được hoặc không đạt ngưỡng chất lượng (xem out/reports/)",
             "data blocked: an export was unreadable or a quality gate failed (see out/reports/)"),
            (.noInput, "không có dữ liệu đầu vào (hoặc chưa chạy bước trước)", "no input found (or the previous stage has not run)"),
            (.internalError, "lỗi nội bộ", "internal error"),
            (.ioError, "không ghi/đọc được tệp", "cannot read or write a file"),
            (.locked, "một lần chạy khác đang giữ khóa out/.lock", "another run holds out/.lock"),
            (.config, "cấu hình trong pipelines/ bị lỗi", "configuration in pipelines/ is broken"),
        ]
        for (code, viText, enText) in codes {
            lines.append("  \(String(code.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0))\(vi ? viText : enText)")
        }
        lines += ["", vi ? "Ví dụ:" : "Examples:"]
        switch self {
        case .run: lines += ["  swift run kdl-run", "  swift run kdl-run --as-of 2026-11-29 --out /srv/kho/out"]
        case .bundle: lines += ["  swift run kdl-bundle --dataset ho-ngheo --as-of 2026-11-29"]
        case .report: lines += ["  swift run kdl-report --year 2026", "  swift run kdl-report --year 2026 --lang en"]
        case .extract:
            lines += ["  swift run kdl-extract --unit ubnd-dak-ha --dataset ho-ngheo --as-of 2026-11-29",
                      "  swift run kdl-extract --suggest --file ~/Downloads/danh-sach-ho-ngheo.csv"]
        default: lines += ["  swift run \(executable) --unit ubnd-dak-ha --dataset ho-ngheo --as-of 2026-11-29"]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
