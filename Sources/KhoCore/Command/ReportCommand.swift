import Foundation

/// `kdl-report --year`: the Article 16 yearly evaluation from the nights' histories.
public enum ReportCommand: CommandDefinition {
    public static let name = "report"
    public static let summary = Message(vi: "Báo cáo đánh giá dữ liệu hằng năm (Điều 16, hạn 20/12): tổng hợp lịch sử chất lượng của năm thành reports/annual/<năm>.html và .json.",
                                        en: "Yearly data evaluation (Article 16, due 20 December): the year's quality history per unit as reports/annual/<year>.html and .json.")
    public static let flags: [CommandFlag] = [.year]
    public static let examples = ["swift run kdl-report --year 2026", "swift run kdl-report --year 2026 --lang en"]

    public static func execute(_ setup: StageSetup, _ run: CommandRun) throws -> ExitCode {
        let year = setup.options.year ?? setup.options.asOf.year
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
        let report = AnnualReport.build(year: year, history: history, deliveries: Deliveries.entries(year: year, in: setup.workspace))
        try JSONOutput.write(report, to: AnnualReport.url(year: year, in: setup.workspace))
        let html = HTMLAnnualReport.render(report, datasetTitles: setup.config.datasets.mapValues(\.title), language: setup.options.language)
        let htmlURL = HTMLAnnualReport.url(year: year, in: setup.workspace)
        try AtomicFile.write(Array(html.utf8), to: htmlURL)
        run.summary.line(htmlURL.path)
        return .ok
    }
}
