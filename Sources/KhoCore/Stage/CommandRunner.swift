import Foundation

/// The body of every stage executable: parse flags, load the configuration, take the lock, run
/// the stage, print a short summary, and turn the outcome into an exit code.
public enum CommandRunner {
    public static func main(_ command: Command, arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Int32 {
        var language: Language = .vi
        do {
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
            let code = try execute(command, setup)
            if !options.quiet {
                print(setup.say("Xong sau \(String(format: "%.2f", Date().timeIntervalSince(started))) giây; mã thoát \(code.rawValue).",
                                "Done in \(String(format: "%.2f", Date().timeIntervalSince(started))) s; exit code \(code.rawValue)."))
            }
            return code.rawValue
        } catch {
            let code = ExitCode.for(error)
            let label = language == .vi ? "lỗi" : "error"
            FileHandle.standardError.write(Data("\(command.executable): \(label): \(error)\n".utf8))
            if code == .usage {
                FileHandle.standardError.write(Data("\(command.executable) --help\n".utf8))
            }
            return code.rawValue
        }
    }

    private static func suggestion(for file: String, _ setup: StageSetup) throws -> String {
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingStageOutput(path: url.path, stage: "--file") }
        let draft = try SourceSuggestion.suggest(file: url, config: setup.config)
        let say = setup.say
        var text = say("# Bản nháp nguồn dữ liệu cho \(draft.file)", "# Draft source entry for \(draft.file)") + "\n"
        text += say("# Bảng mã: \(draft.encoding) (độ tin cậy \(draft.confidence); \(draft.evidence))",
                    "# Encoding: \(draft.encoding) (confidence \(draft.confidence); \(draft.evidence))") + "\n"
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

    private static func execute(_ command: Command, _ setup: StageSetup) throws -> ExitCode {
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
            var withheld = false
            for dataset in setup.bundleDatasets {
                let report = try BundleStage.run(dataset: dataset, config: setup.config, workspace: setup.workspace, asOf: asOf)
                out.bundle(report)
                withheld = withheld || !report.openWithheld.isEmpty
            }
            try PortalCatalog.write(config: setup.config, workspace: setup.workspace, asOf: asOf)
            return withheld ? .dataBlocked : .ok
        case .run:
            let interactive = isatty(STDERR_FILENO) == 1 && !setup.options.quiet
            let outcome = try RunStage.run(setup) { step in
                if interactive { FileHandle.standardError.write(Data("  … \(step)\n".utf8)) }
            }
            for quality in outcome.qualities { out.quality(quality) }
            for bundle in outcome.bundles { out.bundle(bundle) }
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
        line("\(report.unit)/\(report.dataset): " + setup.say(
            "đọc \(report.rowsRead), trích \(report.rowsExtracted), không đọc được \(report.rowsUnreadable), \(report.files.count) tệp",
            "read \(report.rowsRead), extracted \(report.rowsExtracted), unreadable \(report.rowsUnreadable), \(report.files.count) file(s)"))
        problems(report.fileFindings)
    }

    func quality(_ report: QualityReport) {
        let rows = report.rows
        line("\(report.unit)/\(report.dataset): " + setup.say(
            "đọc \(rows.read) = trích \(rows.extracted) + không đọc được \(rows.unreadable); hợp lệ \(rows.validated), loại \(rows.rejected); hạng \(report.score.grade.rawValue) (\(report.score.overall))",
            "read \(rows.read) = extracted \(rows.extracted) + unreadable \(rows.unreadable); valid \(rows.validated), rejected \(rows.rejected); grade \(report.score.grade.rawValue) (\(report.score.overall))"))
        problems(report.fileFindings)
    }

    func normalize(_ report: NormalizeReport) {
        let changes = report.changes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        line("\(report.unit)/\(report.dataset): " + setup.say("chuẩn hóa \(report.rowsOut) dòng", "normalized \(report.rowsOut) rows") + (changes.isEmpty ? "" : " (\(changes))"))
    }

    func bundle(_ report: BundleReport) {
        let sides = report.outputs.map { "\($0.path) (\($0.bytes) B)" }.joined(separator: ", ")
        line("\(report.dataset): \(sides)")
        if !report.openWithheld.isEmpty {
            line("  " + setup.say("không công bố dữ liệu mở: ", "open bundle withheld: ") + report.openWithheld.joined(separator: "; "))
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
