import Foundation

/// The one-screen summary a stage prints: a line per unit and dataset, a line per bundle, and
/// every file-level problem with its position.
public struct Summary {
    let setup: StageSetup
    /// Put before every line (the items under a heading).
    var indent = ""

    func line(_ text: String) {
        if !setup.options.quiet { print(indent + text) }
    }

    func extract(_ report: ExtractReport) {
        if report.noInput {
            line("\(report.unit)/\(report.dataset): " + setup.say("không có tệp xuất đêm nay; không ghi gì", "no export tonight; nothing written"))
            problems(report.fileFindings)
            return
        }
        line("\(report.unit)/\(report.dataset): " + setup.say(
            "đọc \(report.rowsRead), trích \(report.rowsExtracted), không đọc được \(report.rowsUnreadable), \(report.files.count) tệp",
            "read \(report.rowsRead), extracted \(report.rowsExtracted), unreadable \(report.rowsUnreadable), \(report.files.count) file(s)"))
        unreadable(report.rowsUnreadable, report.rowFindings, fileFindings: [])
        problems(report.fileFindings)
    }

    func quality(_ report: QualityReport) {
        let rows = report.rows
        line("\(report.unit)/\(report.dataset): " + setup.say(
            "đọc \(rows.read) = trích \(rows.extracted) + không đọc được \(rows.unreadable); hợp lệ \(rows.validated), loại \(rows.rejected); hạng \(report.score.grade.rawValue) (\(report.score.overall))",
            "read \(rows.read) = extracted \(rows.extracted) + unreadable \(rows.unreadable); valid \(rows.validated), rejected \(rows.rejected); grade \(report.score.grade.rawValue) (\(report.score.overall))"))
        unreadable(rows.unreadable, report.tally, fileFindings: report.fileFindings)
        problems(report.fileFindings)
    }

    /// A unit with no export tonight: no grade; its rows carried forward or missing.
    func absent(_ absence: UnitAbsence) {
        let contribution = absence.contribution
        let what: String
        switch contribution.kind {
        case .carriedForward:
            what = setup.say("không có tệp xuất đêm nay, không xếp hạng; dùng lại dữ liệu ngày \(contribution.dataAsOf ?? "?")",
                             "no export tonight, not graded; rows of \(contribution.dataAsOf ?? "?") carried forward")
        default:
            what = setup.say("không có tệp xuất đêm nay, không xếp hạng; không có dữ liệu gần đây để dùng lại (thiếu)",
                             "no export tonight, not graded; no recent rows to carry forward (missing)")
        }
        line("\(absence.unit)/\(absence.dataset): \(what)")
        for finding in absence.findings { line("  \(finding.rendered(language: setup.options.language))") }
    }

    func unchanged(_ dataset: String) {
        line("\(dataset): " + setup.say("không có dữ liệu mới đêm nay; không ghi gói mới, giữ gói gần nhất",
                                        "nothing new tonight; no bundle written, the last one stands"))
    }

    /// How many rows could not be read, and why: one line, codes with counts (of rows: findings
    /// about the whole file, which the tally also holds, are not counted).
    private func unreadable(_ count: Int, _ tally: FindingTally, fileFindings: [Finding]) {
        guard count > 0 else { return }
        let rows: [(code: String, count: Int)] = tally.summaries.filter { FindingCatalog.unreadableRowCodes.contains($0.code) }
            .map { summary in (summary.code.rawValue, summary.count - fileFindings.filter { $0.code == summary.code }.count) }
        let reasons = rows.filter { $0.count > 0 }.sorted { ($1.count, $0.code) < ($0.count, $1.code) }
            .map { "\($0.code) \($0.count)" }.joined(separator: ", ")
        line("  " + setup.say("\(count) dòng không đọc được: \(reasons)", "\(count) unreadable row(s): \(reasons)"))
    }

    func normalize(_ report: NormalizeReport) {
        let changes = report.changes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        line("\(report.unit)/\(report.dataset): " + setup.say("chuẩn hóa \(report.rowsOut) dòng", "normalized \(report.rowsOut) rows") + (changes.isEmpty ? "" : " (\(changes))"))
    }

    func bundle(_ report: BundleReport) {
        let sides = report.outputs.map { "\($0.path) (\($0.bytes) B)" }.joined(separator: ", ")
        line("\(report.dataset): \(sides)")
        if !report.openWithheld.isEmpty {
            line("  " + setup.say("không công bố dữ liệu mở: ", "open bundle withheld: ")
                 + report.openWithheld.map { $0.message.text(setup.options.language) }.joined(separator: "; "))
        }
        if let merged = report.quality.mergedIdentical, merged > 0 {
            line("  " + setup.say("bản ghi giống hệt từ nhiều đơn vị (đã gộp): ", "identical records from several units (merged): ") + String(merged))
        }
        if let conflicts = report.quality.conflicts, conflicts.keys > 0 {
            line("  " + setup.say("xung đột giữa các đơn vị: \(conflicts.keys) khóa, \(conflicts.versionsSetAside) phiên bản để riêng (quy tắc \(conflicts.rule))",
                                  "conflicts across units: \(conflicts.keys) key(s), \(conflicts.versionsSetAside) version(s) set aside (rule \(conflicts.rule))"))
        }
        if report.quality.duplicatesAcrossUnits > 0 {
            line("  " + setup.say("giá trị duy nhất lặp lại giữa các đơn vị (đã để riêng): ", "unique values repeated across units (set aside): ")
                 + String(report.quality.duplicatesAcrossUnits))
        }
    }

    /// Where tonight's portal is and what it holds.
    func portal(_ outcome: PortalSite.Outcome) {
        line(setup.say("Cổng dữ liệu mở: \(outcome.datasets.count) bộ dữ liệu, \(outcome.files) tệp trong \(outcome.folder.path)",
                 "Open-data portal: \(outcome.datasets.count) datasets, \(outcome.files) files in \(outcome.folder.path)"))
    }

    private func problems(_ findings: [Finding]) {
        for finding in findings where finding.severity == .error {
            FileHandle.standardError.write(Data("  \(finding.rendered(language: setup.options.language))\n".utf8))
        }
    }

    /// What retention and purges removed tonight, one line per kind.
    func removed(_ removals: [Retention.Removal], purged: [String]) {
        for unit in purged {
            line(setup.say("Đã rút dữ liệu của \(unit): xóa tệp làm việc, tệp xuất hiện có sẽ không được đọc lại (reports/purges.json)",
                           "Withdrew \(unit)'s data: work files removed, its present exports will not be read again (reports/purges.json)"))
        }
        let bundles = removals.filter { $0.kind == .sharedBundle || $0.kind == .openBundle }.map(\.path)
        if !bundles.isEmpty {
            line(setup.say("Lưu giữ: đã xóa các gói cũ ", "Retention: removed old bundles ") + bundles.joined(separator: ", "))
        }
        let work = removals.filter { $0.kind == .workFiles }
        if !work.isEmpty {
            line(setup.say("Lưu giữ: đã xóa tệp làm việc cũ ", "Retention: removed old work files ")
                 + work.map { "\($0.path) (\($0.asOf), \($0.files))" }.joined(separator: ", "))
        }
    }

    /// Each delivery tried tonight; a failure also on stderr, quiet or not, so cron mails it.
    func deliveries(_ entries: [Deliveries.Entry]) {
        for entry in entries {
            let target = "\(entry.dataset) → \(entry.recipient ?? "?") (\(entry.file))"
            if entry.event == .delivered {
                line(setup.say("Đã chuyển \(target)", "Delivered \(target)"))
                continue
            }
            let why = entry.timedOut == true ? setup.say("quá thời gian", "timed out")
                : entry.launchError.map { setup.say("không chạy được lệnh: ", "could not start: ") + $0 }
                ?? entry.exitCode.map { setup.say("mã thoát \($0)", "exit code \($0)") }
                ?? setup.say("bị dừng bởi tín hiệu \(entry.signal ?? 0)", "killed by signal \(entry.signal ?? 0)")
            let text = setup.say("Chuyển không thành công \(target): \(why); sẽ thử lại đêm sau (reports/deliveries/)",
                                 "Delivery failed \(target): \(why); it will be tried again next night (reports/deliveries/)")
            FileHandle.standardError.write(Data("kdl-run: \(setup.say("cảnh báo", "warning")): \(text)\n".utf8))
        }
    }
}
