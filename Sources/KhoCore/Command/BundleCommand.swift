/// `kdl-bundle`: every unit's `normalized.csv` of a dataset (tonight's, or carried forward) into the
/// shared and open bundles, then the catalogs.
public enum BundleCommand: CommandDefinition {
    public static let name = "bundle"
    public static let summary = Message(vi: "Gộp dữ liệu các đơn vị, ghi gói dữ liệu dùng chung (shared/) và dữ liệu mở (open/), các danh mục catalog.jsonld và services.json.",
                                        en: "Merge every unit's data into shared and open bundles, the catalogs open/catalog.jsonld, shared/catalog.jsonld and shared/services.json.")
    public static let flags: [CommandFlag] = [.dataset]
    public static let examples = ["swift run kdl-bundle --dataset ho-ngheo --as-of 2026-11-29"]

    public static func execute(_ setup: StageSetup, _ run: CommandRun) throws -> ExitCode {
        var withheld = false, bundled = false
        var written: [BundleReport] = []
        for dataset in setup.bundleDatasets {
            guard let report = try DatasetBundling.run(dataset: dataset, config: setup.config, workspace: setup.workspace, asOf: setup.options.asOf) else {
                run.summary.unchanged(dataset.id)
                continue
            }
            run.summary.bundle(report)
            written.append(report)
            bundled = true
            withheld = withheld || !report.openWithheld.isEmpty
        }
        // Recorded in the audit trail; delivered by the next kdl-run, as cron runs it.
        _ = try Deliveries.run(config: setup.config, workspace: setup.workspace, asOf: setup.options.asOf, written: written, deliver: false)
        try PortalCatalog.write(config: setup.config, workspace: setup.workspace, asOf: setup.options.asOf)
        if !bundled { return .noInput }
        return withheld ? .dataBlocked : .ok
    }
}
