import Foundation
import Testing
@testable import KhoCore

@Suite struct HabitTests {
    @Test func namesForCodesAreOneHabitPerColumnAndCostLittle() throws {
        let report = ReportFixtures.namesForCodes()
        #expect(report.habits == [
            Habit(code: .codeFromName, field: "gioi_tinh", title: "Giới tính", rows: 2),
            Habit(code: .codeFromName, field: "ma_dan_toc", title: "Dân tộc", rows: 3),
            Habit(code: .codeFromName, field: "quan_he_chu_ho", title: "Quan hệ với chủ hộ", rows: 3),
            Habit(code: .codeFromName, field: "loai_ho", title: "Loại hộ", rows: 3),
        ])
        #expect(report.rows.validated == 3)
        #expect(report.score.scores["9.2"] == 90.0)   // 3 rows × 0.1 lost of 3
        #expect(report.score.overall == 96.7 && report.score.grade == .a)
        // quality.json holds them as data, with the weights the scores were made with.
        let json = String(decoding: try JSONOutput.encode(report), as: UTF8.self)
        #expect(json.contains("""
              "habits" : [
                {
                  "code" : "code-from-name",
                  "field" : "gioi_tinh",
                  "rows" : 2,
                  "title" : "Giới tính"
                },
            """))
        #expect(json.contains("\"scoreWeights\" : {\n    \"code-from-name\" : 0.1\n  }"))
        let decoded = try JSONDecoder().decode(QualityReport.self, from: Data(json.utf8))
        #expect(decoded == report)
    }

    /// A dataset that makes names for codes an error rejects those rows: no habit to mention in passing.
    @Test func aCodeMadeAnErrorIsNoHabit() {
        var schema = TestSupport.dataset("ho-ngheo")
        schema.severities[.codeFromName] = .error
        var tally = FindingTally()
        tally.addRow([FindingCatalog.finding(.codeFromName, at: Location(line: 2, field: "gioi_tinh"), severity: .error)],
                     weights: schema.scoreWeights)
        #expect(Habit.found(in: tally, schema: schema) == [])
        #expect(Habit.found(in: tally, schema: TestSupport.dataset("ho-ngheo")) == [])
        var warned = FindingTally()
        warned.addRow([FindingCatalog.finding(.codeFromName, at: Location(line: 2, field: "gioi_tinh"))], weights: .defaults)
        #expect(Habit.found(in: warned, schema: TestSupport.dataset("ho-ngheo")) == [
            Habit(code: .codeFromName, field: "gioi_tinh", title: "Giới tính", rows: 1),
        ])
    }
}
