import Foundation
@testable import KhoCore

/// Quality reports built the way the validate stage builds them, from rows run through the real
/// validator (so example values are masked by the checks, not by the test), and hand-made
/// histories for the yearly aggregation.
enum ReportFixtures {
    /// A `QualityReport` of one unit's dataset from rows given as field → value.
    static func quality(_ dataset: String, unit: String = "ubnd-test", unitName: String = "Ủy ban nhân dân xã Thử",
                        rows: [[String: String]], asOf: String = RowFixtures.asOf) -> QualityReport {
        let schema = TestSupport.dataset(dataset)
        let sources = rows.enumerated().map { index, values in (source: "\(unit)/export.csv:\(index + 2)", values: values) }
        let (states, _) = RowFixtures.run(schema, sources, asOf: asOf)
        var tally = FindingTally()
        var account = RowAccount()
        var filled = [Int](repeating: 0, count: schema.fields.count)
        for state in states {
            account.read += 1
            account.extracted += 1
            if state.isRejected { account.rejected += 1 } else { account.validated += 1 }
            tally.addRow(state.findings, weights: schema.scoreWeights)
            for index in 0..<state.count where !state.isEmpty(index) { filled[index] += 1 }
        }
        let completeness = schema.fields.enumerated().map { index, field in
            FieldCompleteness(field: field.name, filled: filled[index], total: account.extracted,
                              ratio: account.extracted == 0 ? 0 : Double(filled[index]) / Double(account.extracted))
        }
        return QualityReport(unit: unit, unitName: unitName, dataset: dataset, asOf: asOf, rows: account,
                             score: QualityScore(tally: tally, rowsRead: account.read, fileLevelError: false), blocked: false,
                             checks: tally.summaries, completeness: completeness, fileFindings: [], tally: tally,
                             newestRecordDate: nil, scoreWeights: schema.scoreWeights.shares,
                             habits: Habit.found(in: tally, schema: schema))
    }

    /// Three members of one household written the way Đắk Hà writes them: names where the codes
    /// belong (the third gives its sex as a code).
    static func namesForCodes() -> QualityReport {
        let named = RowFixtures.row(RowFixtures.hoNgheo, ["gioi_tinh": "Nam", "ma_dan_toc": "Kinh", "quan_he_chu_ho": "Chủ hộ",
                                                           "loai_ho": "Hộ nghèo"])
        return quality("ho-ngheo", unit: "ubnd-dak-ha", unitName: "UBND huyện Đắk Hà", rows: [
            RowFixtures.row(named, ["ma_ho": "HN-1", "so_dinh_danh": "062085001234"]),
            RowFixtures.row(named, ["ma_ho": "HN-2", "so_dinh_danh": "062085001235"]),
            RowFixtures.row(named, ["ma_ho": "HN-3", "so_dinh_danh": "062085001236", "gioi_tinh": "1"]),
        ])
    }

    /// A bundle report for `qualities` of one dataset, with both outputs written.
    static func bundle(_ dataset: String, qualities: [QualityReport], asOf: String = RowFixtures.asOf, stale: Bool = false,
                       withheld: [WithheldReason] = []) -> BundleReport {
        let qualities = qualities.sorted { $0.unit < $1.unit }
        let rows = qualities.map(\.rows).reduce(RowAccount(), +)
        let units = qualities.map { report in
            BundleQuality.UnitLine(unit: report.unit, unitName: report.unitName, asOf: report.asOf, rows: report.rows, grade: report.score.grade,
                                   overall: report.score.overall, scores: report.score.scores, blocked: report.blocked)
        }
        let quality = BundleQuality(asOf: asOf, grade: qualities.map(\.score.grade).max() ?? .c,
                                    overall: qualities.first?.score.overall ?? 0, scores: qualities.first?.score.scores ?? [:],
                                    rows: rows, rowsBundled: rows.validated, duplicatesAcrossUnits: 0, newestRecordDate: "2025-09-01",
                                    stale: stale, units: units, formulaCellsNeutralized: [:], findings: [:])
        var outputs = [BundleReport.Output(side: .shared, path: "shared/\(dataset)/\(dataset)_\(asOf).zip", sha256: String(repeating: "a", count: 64),
                                           bytes: 1234, rows: rows.validated)]
        if withheld.isEmpty {
            outputs.append(BundleReport.Output(side: .open, path: "open/\(dataset)/\(dataset)_\(asOf).zip", sha256: String(repeating: "b", count: 64),
                                               bytes: 567, rows: rows.validated))
        }
        return BundleReport(dataset: dataset, asOf: asOf, quality: quality, outputs: outputs, openWithheld: withheld,
                            findings: FindingTally(), openMasked: 0, openNeutralized: 0)
    }

    /// One hand-made history line: a unit's dataset with the given scores and finding counts.
    static func line(_ unit: String, _ dataset: String = "ho-ngheo", read: Int, overall: Double, scores: [String: Double] = [:],
                     blocked: Bool = false, findings: [(String, Severity, Int)] = []) -> QualityHistory.Line {
        let grade: Grade = blocked ? .c : overall >= 90 ? .a : overall >= 75 ? .b : .c
        return QualityHistory.Line(
            unit: unit, unitName: "Đơn vị \(unit)", dataset: dataset,
            rows: RowAccount(read: read, unreadable: 0, extracted: read, validated: read, rejected: 0),
            score: QualityScore(scores: scores, overall: overall, grade: grade), blocked: blocked,
            findings: findings.map { code, severity, count in
                QualityHistory.FindingCount(code: code, severity: severity, principle: FindingCode(rawValue: code).map { FindingCatalog.entry($0).principle } ?? .uniformStructure,
                                            count: count)
            },
            completeness: [])
    }
}
