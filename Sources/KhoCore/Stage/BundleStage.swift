import Foundation

/// Bundle: merges every unit's `normalized.csv` for a dataset and writes the shared bundle (all
/// fields, for state agencies) and the open bundle (open fields or declared aggregates only),
/// each a deterministic ZIP that is a Frictionless Data Package, with a `.sha256` sidecar.
///
/// A record another unit already reported is set aside (Article 9.3, once only) into
/// `work/_bundle/<dataset>/duplicates.csv`. The open bundle is withheld when the dataset fails a
/// quality gate or a unit's export could not be read.
public enum BundleStage {
    /// Columns every bundle adds after the dataset's fields.
    static let unitColumn = "nguon_du_lieu"
    static let lineageColumn = "dong_nguon"

    public static func run(dataset: DatasetSchema, config: Configuration, workspace: Workspace, asOf: CivilDate) throws -> BundleReport {
        let units = config.units.filter { unit in unit.sources.contains { $0.dataset == dataset.id } }
        let reports = units.compactMap { unit -> (UnitConfig, QualityReport)? in
            let url = workspace.qualityReport(unit.id, dataset.id)
            guard let report = try? JSONOutput.read(QualityReport.self, from: url) else { return nil }
            return (unit, report)
        }
        guard !reports.isEmpty else {
            throw MissingStageOutput(path: workspace.work("*", dataset.id).path, stage: "kdl-validate")
        }
        let bundleWork = workspace.bundleWork(dataset.id)
        let merge = try Merge(dataset: dataset, workspace: workspace, units: reports.map(\.0))
        var tally = merge.tally
        var sources: [DataPackage.Source] = []
        for (unit, report) in reports {
            sources.append(.init(title: unit.name, unit: unit.id, agencyCode: unit.agencyCode, rows: merge.rowsPerUnit[unit.id] ?? 0))
            tally.merge(report.tally)
        }
        let quality = bundleQuality(dataset: dataset, reports: reports.map(\.1), tally: tally, merge: merge, asOf: asOf)
        var withheld: [String] = []
        if let block = config.pipeline.gates.blockGrade, quality.grade >= block {
            withheld.append("grade \(quality.grade.rawValue)")
        }
        let extracted = quality.rows.extracted
        let rejectedShare = extracted == 0 ? 0 : Double(quality.rows.rejected) / Double(extracted)
        if rejectedShare > config.pipeline.gates.maxRejectedShare {
            withheld.append("rejected share \(QualityScore.round(rejectedShare * 100))% over \(QualityScore.round(config.pipeline.gates.maxRejectedShare * 100))%")
        }
        for (unit, report) in reports where report.blocked {
            withheld.append("export of \(unit.id) unreadable or incomplete")
        }

        var outputs: [BundleReport.Output] = []
        let writer = BundleWriter(dataset: dataset, config: config, asOf: asOf, sources: sources, quality: quality)
        outputs.append(try writer.write(side: .shared, to: workspace.bundle(.shared, dataset.id, asOf: asOf),
                                        resources: [merge.shared], qualityJSON: try JSONOutput.encode(quality)))
        // The quality summary holds counts only, no example values, so both sides can carry it.
        if withheld.isEmpty {
            outputs.append(try writer.write(side: .open, to: workspace.bundle(.open, dataset.id, asOf: asOf),
                                            resources: merge.open, qualityJSON: try JSONOutput.encode(quality)))
        }
        for side in BundleSide.allCases {
            try Retention.prune(folder: workspace.bundle(side, dataset.id, asOf: asOf).deletingLastPathComponent(),
                                dataset: dataset.id, keep: config.pipeline.retention)
        }
        try? FileManager.default.removeItem(at: bundleWork.appendingPathComponent("shared.csv"))
        for resource in merge.open { try? FileManager.default.removeItem(at: resource.file) }
        let report = BundleReport(dataset: dataset.id, asOf: asOf.description, quality: quality, outputs: outputs,
                                  openWithheld: withheld, findings: merge.tally,
                                  openMasked: merge.openMasked, openNeutralized: merge.openNeutralized)
        try JSONOutput.write(report, to: workspace.bundleReport(dataset.id))
        return report
    }

    private static func bundleQuality(dataset: DatasetSchema, reports: [QualityReport], tally: FindingTally,
                                      merge: Merge, asOf: CivilDate) -> BundleQuality {
        let rows = reports.map(\.rows).reduce(RowAccount(), +)
        let score = QualityScore(tally: tally, rowsRead: rows.read, fileLevelError: reports.contains(where: \.blocked))
        let newest = reports.compactMap(\.newestRecordDate).max()
        let stale = newest.flatMap { CivilDate(iso: $0) }.map { asOf.daysSinceEpoch - $0.daysSinceEpoch > BundleStage.openDataWindowDays } ?? true
        var findings: [String: Int] = [:]
        for summary in tally.summaries { findings[summary.code] = summary.count }
        let units = reports.map { report in
            BundleQuality.UnitLine(unit: report.unit, unitName: report.unitName, rows: report.rows, grade: report.score.grade,
                                   overall: report.score.overall, scores: report.score.scores, blocked: report.blocked)
        }
        return BundleQuality(asOf: asOf.description, grade: score.grade, overall: score.overall, scores: score.scores, rows: rows,
                             rowsBundled: merge.rowsBundled, duplicatesAcrossUnits: merge.duplicates, newestRecordDate: newest,
                             stale: stale, units: units, findings: findings)
    }

    /// Article 19: published open data is updated within three months.
    public static let openDataWindowDays = 92
}
