import Foundation

/// `kdl-run --dry-run`: what tonight's run would do and why — per dataset, each unit read again
/// (new or changed files, configuration changed, forced), reused, or carried forward — and what
/// would be published or withheld by the gates as configured. Reads the inbox listing and the last
/// run's records; writes nothing, takes no lock, removes nothing.
enum DryRun {
    static func render(_ setup: StageSetup) throws -> String {
        let config = setup.config, workspace = setup.workspace, asOf = setup.options.asOf
        let language = setup.options.language
        func say(_ vi: String, _ en: String) -> String { setup.say(vi, en) }
        let configurationHash = InputFingerprint.configurationHash(files: config.sourceFiles, root: config.projectRoot)
        // Exports withdrawn by an earlier `--purge-unit` are not read again, as in the real run.
        let purges = UnitPurge.load(workspace)
        var listings: [String: InputListing] = [:]
        for (unit, dataset) in setup.pairs {
            let listing = try InboxListing.list(unit, dataset: dataset.id, inbox: workspace.inbox, quietPeriod: config.pipeline.quietPeriodSeconds)
            listings["\(unit.id)/\(dataset.id)"] = UnitPurge.withoutWithdrawn(listing, unit: unit.id, log: purges)
        }
        var lines = [say("Chạy thử (--dry-run) cho ngày \(asOf): không ghi, không xóa gì.",
                         "Dry run (--dry-run) for \(asOf): nothing is written or removed."),
                     say("Hộp thư: \(workspace.inbox.path) · Kết quả: \(workspace.out.path)", "Inbox: \(workspace.inbox.path) · Out: \(workspace.out.path)")]
        var toRead = 0
        for dataset in setup.bundleDatasets {
            lines.append("")
            lines.append("\(dataset.id):")
            let plan = RunPlan(dataset: dataset, setup: setup, listings: listings, configurationHash: configurationHash)
            var tonight = false
            var knownWithheld: [WithheldReason] = []
            for step in plan.units {
                let unit = step.unit.id
                switch step.step {
                case .read(let listing, _):
                    toRead += 1
                    tonight = true
                    let files = Set(listing.inputs.map(\.0.path)).sorted().joined(separator: ", ")
                    lines.append("  \(unit): " + say("đọc lại (\(files)) vì ", "read (\(files)) because ")
                                 + step.reasons.map { $0.message.text(language) }.joined(separator: "; "))
                case .onDisk, .noExport:
                    let contribution = UnitContribution.onDisk(step.unit, dataset: dataset.id, workspace: workspace, asOf: asOf,
                                                               window: config.pipeline.carryForwardDays)
                    if contribution.kind != .missing, contribution.quality?.blocked == true { knownWithheld.append(.exportIncomplete(unit: unit)) }
                    if contribution.kind == .tonight { tonight = true }
                    lines.append("  \(unit): " + describe(step, contribution, say))
                    if case .noExport(let findings) = step.step {
                        for finding in findings { lines.append("    \(finding.rendered(language: language))") }
                    }
                }
            }
            lines += bundleLines(dataset, plan: plan, tonight: tonight, knownWithheld: knownWithheld, setup: setup)
        }
        lines.append("")
        lines.append(say("Sẽ đọc \(toRead) tệp xuất (đơn vị/bộ dữ liệu). Chạy không có --dry-run để thực hiện.",
                         "\(toRead) export(s) (unit/dataset) would be read. Run without --dry-run to do it."))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ step: RunPlan.UnitStep, _ contribution: UnitContribution, _ say: (String, String) -> String) -> String {
        let night = contribution.dataAsOf ?? "?"
        switch (step.step, contribution.kind) {
        case (.onDisk, .tonight) where step.selected:
            return say("không đổi từ lần chạy trước, dùng lại kết quả", "unchanged since the last run, its results reused")
        case (.onDisk, .tonight):
            return say("không được chọn; dùng kết quả đêm nay đã có", "not selected; tonight's results on disk used")
        case (.onDisk, .carriedForward):
            return say("không được chọn; dùng lại dữ liệu ngày \(night)", "not selected; rows of \(night) carried forward")
        case (.noExport, .tonight):
            return say("không có tệp xuất lúc này; dùng kết quả đã đọc đêm nay", "no export now; the results read earlier tonight used")
        case (.noExport, .carriedForward):
            return say("không có tệp xuất đêm nay; dùng lại dữ liệu ngày \(night)", "no export tonight; rows of \(night) carried forward")
        case (.noExport, _):
            return say("không có tệp xuất đêm nay; không có dữ liệu gần đây để dùng lại (thiếu)", "no export tonight; no recent rows to carry forward (missing)")
        default:
            return say("không có dữ liệu gần đây (thiếu)", "no recent rows (missing)")
        }
    }

    /// What would become of the dataset's bundles: written, kept, and which gates decide the open one.
    private static func bundleLines(_ dataset: DatasetSchema, plan: RunPlan, tonight: Bool, knownWithheld: [WithheldReason],
                                    setup: StageSetup) -> [String] {
        let workspace = setup.workspace, asOf = setup.options.asOf, language = setup.options.language
        func say(_ vi: String, _ en: String) -> String { setup.say(vi, en) }
        let previous = try? JSONOutput.read(BundleReport.self, from: workspace.bundleReport(dataset.id))
        guard tonight else {
            return ["  → " + say("không có dữ liệu mới: không ghi gói mới, giữ gói gần nhất", "nothing new: no bundle written, the last one stands")]
        }
        let shared = workspace.bundle(.shared, dataset.id, asOf: asOf)
        if plan.reusable, !setup.options.force, previous?.asOf == asOf.description, FileManager.default.fileExists(atPath: shared.path) {
            let verdict = previous.map { $0.openWithheld.isEmpty ? say("gói mở đã công bố", "open bundle published")
                : say("gói mở bị giữ lại: ", "open bundle withheld: ") + $0.openWithheld.map { $0.message.text(language) }.joined(separator: "; ") } ?? ""
            return ["  → " + say("gói của ngày này đã có và giữ nguyên", "this night's bundles are already written and stand") + " (\(verdict))"]
        }
        let relative = { (url: URL) in url.path.hasPrefix(workspace.out.path + "/") ? String(url.path.dropFirst(workspace.out.path.count + 1)) : url.path }
        var lines = ["  → " + say("sẽ ghi ", "would write ") + relative(shared) + ", " + relative(workspace.bundle(.open, dataset.id, asOf: asOf))]
        if !knownWithheld.isEmpty {
            lines.append("  → " + say("gói mở sẽ bị giữ lại: ", "the open bundle would be withheld: ")
                         + knownWithheld.map { $0.message.text(language) }.joined(separator: "; "))
        }
        let gates = setup.config.pipeline.gates
        var rules: [String] = []
        if let grade = gates.blockGrade { rules.append(say("hạng \(grade.rawValue) trở xuống", "grade \(grade.rawValue) or worse")) }
        rules.append(say("hơn \(QualityScore.round(gates.maxRejectedShare * 100))% dòng bị loại", "over \(QualityScore.round(gates.maxRejectedShare * 100))% of rows rejected"))
        rules.append(say("tệp xuất của một đơn vị không đọc được hoặc không đầy đủ", "a unit's export unreadable or incomplete"))
        rules.append(say("hơn \(gates.maxPersonalDataInOpenText) giá trị giống dữ liệu cá nhân trong văn bản tự do mở",
                         "over \(gates.maxPersonalDataInOpenText) personal-looking values in open free text"))
        if dataset.openData.mode == .aggregate { rules.append(say("một ô nhỏ bị lộ qua các tổng", "a small cell given away by the totals")) }
        lines.append("  → " + say("gói mở bị giữ lại nếu: ", "the open bundle is withheld if: ") + rules.joined(separator: "; "))
        if let previous, !previous.openWithheld.isEmpty {
            lines.append("    " + say("lần trước (\(previous.asOf)) bị giữ lại: ", "last time (\(previous.asOf)) withheld: ")
                         + previous.openWithheld.map { $0.message.text(language) }.joined(separator: "; "))
        }
        return lines
    }
}
