import Foundation

/// The body of every stage executable: parse flags, load the configuration, take the lock, run
/// the stage, print a short summary, and turn the outcome into an exit code.
public enum CommandRunner {
    public static func main(_ command: Command, arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Int32 {
        var language = Language.requested(in: arguments)
        do {
            try startDispatch()
            let options = try StageOptions.parse(arguments, command: command)
            language = options.language
            if options.help {
                print(command.help(language), terminator: "")
                return ExitCode.ok.rawValue
            }
            if options.version {
                print("\(command.executable) \(KhoDuLieu.version)")
                return ExitCode.ok.rawValue
            }
            let setup = try StageSetup(options: options)
            if options.suggest, let file = options.file {
                // Reads one file and writes nothing: no lock, no output folder.
                print(try suggestion(for: file, setup), terminator: "")
                return ExitCode.ok.rawValue
            }
            let lock = try RunLock(setup.workspace.lockFile)
            defer { withExtendedLifetime(lock) {} }
            let started = Date()
            // Holding the lock, no other run can be writing: what a killed run left is removed.
            let removed = TemporaryFiles.removeStale(in: setup.workspace.out)
            if removed.files > 0 && !options.quiet {
                print(setup.say("Đã xóa \(removed.files) tệp tạm (\(removed.bytes) byte) của lần chạy bị ngắt trước đó.",
                                "Removed \(removed.files) temporary file(s) (\(removed.bytes) bytes) left by an interrupted run."))
            }
            let code: ExitCode
            do {
                code = try execute(command, setup, temporaryFilesRemoved: removed)
            } catch {
                // Nothing half-written stays: whatever this run still had open is removed (the
                // lock guarantees no other run is writing).
                _ = TemporaryFiles.removeStale(in: setup.workspace.out, ownPID: -1)
                if command == .run { recordFailedRun(setup, error: error) }
                throw error
            }
            if !options.quiet {
                print(setup.say("Xong sau \(String(format: "%.2f", Date().timeIntervalSince(started))) giây; mã thoát \(code.rawValue).",
                                "Done in \(String(format: "%.2f", Date().timeIntervalSince(started))) s; exit code \(code.rawValue)."))
            }
            return code.rawValue
        } catch {
            let code = ExitCode.for(error)
            let label = language == .vi ? "lỗi" : "error"
            FileHandle.standardError.write(Data("\(command.executable): \(label): \(describe(error, language))\n".utf8))
            if code == .usage {
                FileHandle.standardError.write(Data("\(command.executable) --help\n".utf8))
            }
            return code.rawValue
        }
    }

    /// libdispatch opens its event descriptors (epoll, eventfd) when its first worker thread
    /// starts, and crashes (SIGILL) when none is left: under a tight `ulimit -n` that was the run's
    /// end instead of exit 74. A worker started now, while descriptors are free, opens them once.
    private static func startDispatch() throws {
        var limit = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 && limit.rlim_cur < DescriptorLimitError.minimum {
            throw DescriptorLimitError(limit: Int(limit.rlim_cur))
        }
        let started = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { started.signal() }
        started.wait()
    }

    /// An error in the user's language: ours are worded in both; others (a bug) as they come.
    static func describe(_ error: Error, _ language: Language) -> String {
        (error as? UserFacingError)?.message(language) ?? String(describing: error)
    }

    /// A night that failed still leaves its trace: `reports/run.json` says it failed, with the
    /// exit code and why, instead of describing the previous night. Best effort: the failure may
    /// be that nothing can be written at all.
    private static func recordFailedRun(_ setup: StageSetup, error: Error) {
        let failure = Message(vi: describe(error, .vi), en: describe(error, .en))
        let report = RunStage.RunReport.failed(asOf: setup.options.asOf, code: ExitCode.for(error), failure: failure)
        try? JSONOutput.write(report, to: setup.workspace.runReport)
    }

    private static func suggestion(for file: String, _ setup: StageSetup) throws -> String {
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingStageOutput(path: url.path, stage: "--file") }
        let draft = try SourceSuggestion.suggest(file: url, config: setup.config)
        let say = setup.say
        var text = say("# Bản nháp nguồn dữ liệu cho \(draft.file)", "# Draft source entry for \(draft.file)") + "\n"
        text += say("# Bảng mã: \(draft.encoding) (độ tin cậy \(draft.confidence); \(draft.evidence))",
                    "# Encoding: \(draft.encoding) (confidence \(draft.confidence); \(draft.evidence))") + "\n"
        if let delimiter = draft.delimiter {
            let shown = delimiter == "\t" ? "tab" : delimiter
            text += say("# Dấu phân cách: \(shown)", "# Delimiter: \(shown)") + "\n"
        }
        if let headerRow = draft.headerRow { text += say("# Dòng tiêu đề: \(headerRow)", "# Header row: \(headerRow)") + "\n" }
        if let recordPath = draft.recordPath { text += say("# Phần tử bản ghi: \(recordPath)", "# Record element: \(recordPath)") + "\n" }
        text += say("# Bộ dữ liệu: \(draft.dataset ?? "không xác định")", "# Dataset: \(draft.dataset ?? "none matched")") + "\n"
        let unmatched = draft.columns.filter { $0.field == nil }.map(\.column)
        if !unmatched.isEmpty {
            text += say("# Cột chưa khớp trường nào: ", "# Columns matching no field: ") + unmatched.joined(separator: ", ") + "\n"
        }
        if !draft.missingRequired.isEmpty {
            text += say("# Thiếu trường bắt buộc: ", "# Required fields no column feeds: ") + draft.missingRequired.joined(separator: ", ") + "\n"
        }
        text += say("# Dán vào \"sources\" của pipelines/units/<đơn vị>.json rồi rà soát:",
                    "# Paste into \"sources\" of pipelines/units/<unit>.json and review:") + "\n"
        return text + draft.json
    }

    private static func execute(_ command: Command, _ setup: StageSetup, temporaryFilesRemoved: TemporaryFiles.Removal) throws -> ExitCode {
        let asOf = setup.options.asOf
        let out = Summary(setup: setup)
        switch command {
        case .extract:
            var reports: [ExtractReport] = []
            for (unit, dataset) in setup.pairs {
                let report = try ExtractStage.run(unit: unit, dataset: dataset, config: setup.config, workspace: setup.workspace, asOf: asOf)
                out.extract(report)
                reports.append(report)
            }
            if reports.allSatisfy(\.noInput) { return .noInput }
            return reports.contains(where: \.isBlocked) ? .dataBlocked : .ok
        case .validate:
            var reports: [QualityReport] = []
            for (unit, dataset) in setup.pairs {
                let report = try ValidateStage.run(unit: unit, dataset: dataset, config: setup.config, workspace: setup.workspace, asOf: asOf)
                out.quality(report)
                reports.append(report)
            }
            try UnitReporter.write(reports, workspace: setup.workspace, asOf: asOf)
            return reports.contains(where: \.blocked) ? .dataBlocked : .ok
        case .normalize:
            for (unit, dataset) in setup.pairs {
                out.normalize(try NormalizeStage.run(unit: unit, dataset: dataset, config: setup.config, workspace: setup.workspace, asOf: asOf))
            }
            return .ok
        case .bundle:
            var withheld = false, bundled = false
            for dataset in setup.bundleDatasets {
                guard let report = try BundleStage.run(dataset: dataset, config: setup.config, workspace: setup.workspace, asOf: asOf) else {
                    out.unchanged(dataset.id)
                    continue
                }
                out.bundle(report)
                bundled = true
                withheld = withheld || !report.openWithheld.isEmpty
            }
            try PortalCatalog.write(config: setup.config, workspace: setup.workspace, asOf: asOf)
            if !bundled { return .noInput }
            return withheld ? .dataBlocked : .ok
        case .run:
            let interactive = isatty(STDERR_FILENO) == 1 && !setup.options.quiet
            let outcome = try RunStage.run(setup, temporaryFilesRemoved: temporaryFilesRemoved) { step in
                if interactive { FileHandle.standardError.write(Data("  … \(step)\n".utf8)) }
            }
            for quality in outcome.qualities { out.quality(quality) }
            for absence in outcome.absent { out.absent(absence) }
            for bundle in outcome.bundles { out.bundle(bundle) }
            for dataset in outcome.unchanged.sorted() { out.unchanged(dataset) }
            if !outcome.reused.isEmpty {
                out.line(setup.say("Không đổi từ lần chạy trước, dùng lại: ", "Unchanged since the last run, reused: ") + outcome.reused.joined(separator: ", "))
            }
            return outcome.exitCode
        case .report:
            let year = setup.options.year ?? asOf.year
            var unreadable: [String] = []
            let history = QualityHistory.load(from: QualityHistory.folder(in: setup.workspace)) { file, reason in
                unreadable.append("\(file.lastPathComponent): \(reason)")
            }
            for problem in unreadable { FileHandle.standardError.write(Data("  \(problem)\n".utf8)) }
            guard !history.filter({ $0.asOf.hasPrefix(String(year)) }).isEmpty else {
                FileHandle.standardError.write(Data(setup.say("không có lịch sử chất lượng nào của năm \(year) trong \(QualityHistory.folder(in: setup.workspace).path)\n",
                                                               "no quality history for \(year) in \(QualityHistory.folder(in: setup.workspace).path)\n").utf8))
                return .noInput
            }
            let report = AnnualReport.build(year: year, history: history)
            try JSONOutput.write(report, to: AnnualReport.url(year: year, in: setup.workspace))
            let html = HTMLAnnualReport.render(report, datasetTitles: setup.config.datasets.mapValues(\.title), language: setup.options.language)
            let htmlURL = HTMLAnnualReport.url(year: year, in: setup.workspace)
            try AtomicFile.write(Array(html.utf8), to: htmlURL)
            out.line(htmlURL.path)
            return .ok
        }
    }
}

/// The one-screen summary a stage prints: a line per unit and dataset, a line per bundle, and
/// every file-level problem with its position.
struct Summary {
    let setup: StageSetup

    func line(_ text: String) {
        if !setup.options.quiet { print(text) }
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
        if report.quality.duplicatesAcrossUnits > 0 {
            line("  " + setup.say("trùng giữa các đơn vị (đã để riêng): ", "reported by two units (set aside): ") + String(report.quality.duplicatesAcrossUnits))
        }
    }

    private func problems(_ findings: [Finding]) {
        for finding in findings where finding.severity == .error {
            FileHandle.standardError.write(Data("  \(finding.rendered(language: setup.options.language))\n".utf8))
        }
    }
}

/// Too few file descriptors to run at all (`ulimit -n`): exit code 74, like any other I/O failure.
public struct DescriptorLimitError: Error, UserFacingError, CustomStringConvertible, Sendable {
    /// Standard streams, the lock, libdispatch's own, an input and the outputs of two jobs.
    static let minimum: rlim_t = 16
    public let limit: Int

    public func message(_ language: Language) -> String {
        language == .vi ? "chỉ được mở \(limit) tệp cùng lúc (ulimit -n); cần ít nhất \(DescriptorLimitError.minimum)"
                        : "only \(limit) open files are allowed (ulimit -n); at least \(DescriptorLimitError.minimum) are needed"
    }

    public var description: String { message(.en) }
}
