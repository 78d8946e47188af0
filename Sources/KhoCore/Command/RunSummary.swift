import Foundation

/// The night's summary for `kdl-run`, on one screen whatever the number of units: first what needs
/// someone's action (blocked exports, unreadable rows, withheld open bundles, units that sent
/// nothing, conflicts and duplicates across units), then one line per dataset, then one line of
/// units, then where the details are. Units that went well get no line of their own.
extension Summary {
    func night(_ outcome: NightlyRun.Outcome) {
        let language = setup.options.language
        var item = self
        item.indent = indent + "  "
        var action: [() -> Void] = []
        for quality in outcome.qualities where quality.blocked || quality.rows.unreadable > 0 {
            action.append { item.quality(quality) }
        }
        for absence in outcome.absent { action.append { item.absent(absence) } }
        for bundle in outcome.bundles {
            if !bundle.openWithheld.isEmpty {
                action.append {
                    item.line("\(bundle.dataset): " + item.setup.say("không công bố dữ liệu mở: ", "open bundle withheld: ")
                              + bundle.openWithheld.map { $0.message.text(language) }.joined(separator: "; "))
                }
            }
            if let conflicts = bundle.quality.conflicts, conflicts.keys > 0 {
                action.append {
                    item.line("\(bundle.dataset): " + item.setup.say(
                        "xung đột giữa các đơn vị: \(conflicts.keys) khóa, \(conflicts.versionsSetAside) phiên bản để riêng (quy tắc \(conflicts.rule))",
                        "conflicts across units: \(conflicts.keys) key(s), \(conflicts.versionsSetAside) version(s) set aside (rule \(conflicts.rule))"))
                }
            }
            if bundle.quality.duplicatesAcrossUnits > 0 {
                action.append {
                    item.line("\(bundle.dataset): " + item.setup.say("giá trị duy nhất lặp lại giữa các đơn vị (đã để riêng): ",
                                                                     "unique values repeated across units (set aside): ")
                              + String(bundle.quality.duplicatesAcrossUnits))
                }
            }
        }
        if let plan = outcome.plan {
            for note in plan.notes { action.append { item.line(note.text(language)) } }
        }
        if action.isEmpty {
            line(setup.say("Không có gì cần xử lý.", "Nothing needs action."))
        } else {
            line(setup.say("Cần xử lý (\(action.count)):", "Needs action (\(action.count)):"))
            for item in action { item() }
        }

        line(setup.say("Bộ dữ liệu — dòng đọc / vào gói / bị loại / không đọc được · hạng · gói:",
                       "Datasets — rows read / bundled / rejected / unreadable · grade · bundles:"))
        for bundle in outcome.bundles.sorted(by: { $0.dataset < $1.dataset }) {
            let rows = bundle.quality.rows
            let sides = bundle.outputs.map { "\($0.side.rawValue) \($0.bytes) B" }.joined(separator: ", ")
            var text = "  \(bundle.dataset): \(rows.read) / \(bundle.quality.rowsBundled) / \(rows.rejected) / \(rows.unreadable)"
                + " · \(bundle.quality.grade.rawValue) (\(bundle.quality.overall)) · " + setup.say("ghi ", "written ") + sides
            if !bundle.openWithheld.isEmpty { text += setup.say("; dữ liệu mở bị giữ lại", "; open withheld") }
            if let merged = bundle.quality.mergedIdentical, merged > 0 {
                text += "; " + setup.say("bản ghi giống hệt từ nhiều đơn vị (đã gộp): ", "identical records from several units (merged): ") + String(merged)
            }
            line(text)
        }
        for dataset in outcome.unchanged.sorted() {
            line("  \(dataset): " + setup.say("không có dữ liệu mới đêm nay; không ghi gói mới, giữ gói gần nhất",
                                              "nothing new tonight; no bundle written, the last one stands"))
        }

        let reused = Set(outcome.reused)
        let read = outcome.qualities.filter { !reused.contains("\($0.unit)/\($0.dataset)") }.count
        let carried = outcome.absent.filter { $0.contribution.kind == .carriedForward }.count
        // Only the counts there are: a night with nothing reused does not say "0 reused".
        let counts = [(read, "đọc đêm nay", "read tonight"), (reused.count, "dùng lại", "reused"),
                      (carried, "dùng dữ liệu cũ", "carried forward"), (outcome.absent.count - carried, "thiếu", "missing")]
            .filter { $0.0 > 0 }.map { "\($0.0) " + setup.say($0.1, $0.2) }
        line(setup.say("Đơn vị/bộ dữ liệu: ", "Units/datasets: ") + (counts.isEmpty ? "0" : counts.joined(separator: ", ")) + ".")
        if !outcome.reused.isEmpty {
            line(setup.say("Không đổi từ lần chạy trước, dùng lại: ", "Unchanged since the last run, reused: ") + outcome.reused.joined(separator: ", "))
        }
        removed(outcome.removed, purged: outcome.purged)
        deliveries(outcome.deliveries)
        if let site = outcome.portal { portal(site) }
        let out = setup.workspace.out.path
        line(setup.say("Chi tiết trong \(out): reports/run.json, reports/quality_\(setup.options.asOf).html, work/<đơn vị>/<bộ dữ liệu>/",
                       "Details in \(out): reports/run.json, reports/quality_\(setup.options.asOf).html, work/<unit>/<dataset>/"))
    }
}
