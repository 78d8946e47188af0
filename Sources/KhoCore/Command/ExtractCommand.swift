/// `kdl-extract`: the inbox source into `extracted.csv`, `unreadable.csv` and `extract.json`.
public enum ExtractCommand: CommandDefinition {
    public static let name = "extract"
    public static let summary = Message(vi: "Đọc tệp xuất của đơn vị, ghi work/<đơn vị>/<bộ dữ liệu>/extracted.csv, unreadable.csv, extract.json.",
                                        en: "Read a unit's exports into work/<unit>/<dataset>/extracted.csv, unreadable.csv and extract.json.")
    public static let flags: [CommandFlag] = [.unit, .dataset, .task, .suggest, .file]
    public static let examples = ["swift run kdl-extract --unit ubnd-dak-ha --dataset ho-ngheo --as-of 2026-11-29",
                                  "swift run kdl-extract --suggest --file ~/Downloads/danh-sach-ho-ngheo.csv"]

    public static func execute(_ setup: StageSetup, _ run: CommandRun) throws -> ExitCode {
        var reports: [ExtractReport] = []
        for (unit, dataset) in setup.pairs {
            let listing = try InboxListing.list(unit, dataset: dataset.id, inbox: setup.workspace.inbox,
                                                quietPeriod: setup.config.pipeline.quietPeriodSeconds)
            let source = InboxSource(unit: unit, dataset: dataset, listing: listing, limits: setup.config.pipeline.limits, asOf: setup.options.asOf)
            let report: ExtractReport
            if listing.isEmpty {
                // No export tonight: the unit's last files stay as they are, for carrying its rows forward.
                report = try source.read { _ in }
            } else {
                report = try Flow(context: nil, normalize: false, check: false)
                    .run(source, into: [ExtractedSink(unit: unit.id, schema: dataset, workspace: setup.workspace)]).extract
            }
            run.summary.extract(report)
            reports.append(report)
        }
        if reports.allSatisfy(\.noInput) { return .noInput }
        return reports.contains(where: \.isBlocked) ? .dataBlocked : .ok
    }
}
