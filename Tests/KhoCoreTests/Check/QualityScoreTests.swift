import Foundation
import Testing
@testable import KhoCore

/// The scores of a unit that writes names where codes belong, before and after weights per code.
@Suite struct QualityScoreTests {
    static let namedFields = ["gioi_tinh", "loai_ho", "ma_dan_toc", "quan_he_chu_ho"]

    static func finding(_ code: FindingCode, line: Int, field: String?, severity: Severity? = nil) -> Finding {
        FindingCatalog.finding(code, at: Location(unit: "ubnd-dak-ha", file: "ubnd-dak-ha/ho-ngheo-2024.csv", line: line, field: field),
                               severity: severity)
    }

    /// Sample Đắk Hà's ho-ngheo export as the checks see it: 63 rows, every one with "Nam", "Kinh",
    /// "Chủ hộ", "Hộ nghèo" where the codes belong; three rows with a wrong commune code, three with
    /// another 9.2 warning, one 9.1 and one 9.3 error.
    static func dakHa(weights: ScoreWeights) -> FindingTally {
        var tally = FindingTally()
        for line in 6...68 {
            var findings = namedFields.map { finding(.codeFromName, line: line, field: $0) }
            switch line {
            case 18: findings.append(finding(.codeRetired, line: line, field: "ma_xa"))
            case 47, 53: findings.append(finding(.codeUnknown, line: line, field: "ma_xa"))
            case 20: findings.append(finding(.phoneLegacy, line: line, field: "so_dien_thoai"))
            case 55: findings.append(finding(.personalIdLegacy, line: line, field: "so_dinh_danh"))
            case 59: findings.append(finding(.nameCodeMismatch, line: line, field: "ten_xa"))
            case 33: findings.append(finding(.typeInvalid, line: line, field: "ngay_sinh"))
            case 62: findings.append(finding(.duplicateKey, line: line, field: "so_dinh_danh"))
            default: break
            }
            findings.append(finding(.recordStale, line: line, field: "ngay_cap_nhat"))
            tally.addRow(findings, weights: weights)
        }
        return tally
    }

    @Test func namesForCodesCostedAsWarningsGradedTheUnitB() {
        // No weight per code: every code costs its severity, the formula of old, E + W/2.
        let score = QualityScore(tally: Self.dakHa(weights: ScoreWeights()), rowsRead: 63, fileLevelError: false)
        #expect(score.scores["9.2"] == 47.6)   // 100 × (1 − (3 + 60/2) / 63)
        #expect(score.scores["9.1"] == 98.4 && score.scores["9.3"] == 98.4)
        #expect(score.overall == 81.5)
        #expect(score.grade == .b)
    }

    @Test func namesForCodesResolvedCostLittleByDefault() {
        let score = QualityScore(tally: Self.dakHa(weights: .defaults), rowsRead: 63, fileLevelError: false)
        // 3 errors × 1 + 3 other warnings × 0.5 + 57 rows with names only × 0.1 = 10.2 rows lost.
        #expect(Self.dakHa(weights: .defaults).rowCost["9.2"] == 10_200)
        #expect(score.scores["9.2"] == 83.8)
        #expect(score.overall == 93.5)
        #expect(score.grade == .a)
        // Only the name-for-code cost changed: every other principle scores as before.
        let before = QualityScore(tally: Self.dakHa(weights: ScoreWeights()), rowsRead: 63, fileLevelError: false)
        for principle in Principle.allCases where principle != .sharedCodes {
            #expect(score.scores[principle.rawValue] == before.scores[principle.rawValue], "\(principle)")
        }
    }

    @Test func aUnitThatOnlyWritesNamesForCodesScoresNinety() {
        func namesOnly(_ weights: ScoreWeights) -> QualityScore {
            var tally = FindingTally()
            for line in 2...11 {
                tally.addRow(Self.namedFields.map { Self.finding(.codeFromName, line: line, field: $0) }, weights: weights)
            }
            return QualityScore(tally: tally, rowsRead: 10, fileLevelError: false)
        }
        let before = namesOnly(ScoreWeights())
        #expect(before.scores["9.2"] == 50.0 && before.overall == 83.3 && before.grade == .b)
        let after = namesOnly(.defaults)
        #expect(after.scores["9.2"] == 90.0)
        #expect(after.overall == 96.7)
        #expect(after.grade == .a)
    }

    @Test func aRowCostsItsCostliestFindingOnceWithinAPrinciple() {
        var tally = FindingTally()
        tally.addRow([Self.finding(.codeFromName, line: 2, field: "gioi_tinh"), Self.finding(.phoneLegacy, line: 2, field: "so_dien_thoai"),
                      Self.finding(.codeFromName, line: 2, field: "ma_dan_toc")], weights: .defaults)
        tally.addRow([Self.finding(.codeFromName, line: 3, field: "gioi_tinh"), Self.finding(.codeUnknown, line: 3, field: "ma_xa")],
                     weights: .defaults)
        tally.addRow([Self.finding(.codeFromName, line: 4, field: "gioi_tinh"), Self.finding(.typeInvalid, line: 4, field: "ngay_sinh")],
                     weights: .defaults)
        #expect(tally.rowCost == ["9.2": 500 + 1000 + 100, "9.1": 1000])
        #expect(tally.rowsWithError == ["9.2": 1, "9.1": 1] && tally.rowsWithWarning == ["9.2": 2])
    }

    @Test func aConfiguredWeightChangesTheScore() {
        let heavier = ScoreWeights(byCode: [.codeFromName: 250])
        let score = QualityScore(tally: Self.dakHa(weights: heavier), rowsRead: 63, fileLevelError: false)
        // 3 + 1.5 + 57 × 0.25 = 18.75 rows lost.
        #expect(score.scores["9.2"] == 70.2)
        #expect(score.overall == 89.0)
        #expect(score.grade == .b)
        let free = QualityScore(tally: Self.dakHa(weights: ScoreWeights(byCode: [.codeFromName: 0, .typeInvalid: 500])),
                                rowsRead: 63, fileLevelError: false)
        #expect(free.scores["9.2"] == 92.9)   // 3 + 1.5 = 4.5 rows lost
        #expect(free.scores["9.1"] == 99.2)   // the wrong birth date costs half a row
    }

    @Test func costIsWrittenInRowsAndReadBackExactly() throws {
        let tally = Self.dakHa(weights: .defaults)
        let json = String(decoding: try JSONOutput.encode(tally), as: UTF8.self)
        #expect(json.contains("\"9.2\" : 10.2"))
        #expect(try JSONDecoder().decode(FindingTally.self, from: Data(json.utf8)) == tally)
    }

    /// A `quality.json` of a night before weights (a carried-forward unit) keeps the scores it had.
    @Test func aTallyWithoutCostsCostsWhatItDidThen() throws {
        let old = #"{"byCode": {}, "rowsWithError": {"9.2": 3}, "rowsWithWarning": {"9.2": 60}}"#
        let tally = try JSONDecoder().decode(FindingTally.self, from: Data(old.utf8))
        #expect(tally.rowCost == ["9.2": 33_000])
        #expect(QualityScore(tally: tally, rowsRead: 63, fileLevelError: false).scores["9.2"] == 47.6)
    }
}
