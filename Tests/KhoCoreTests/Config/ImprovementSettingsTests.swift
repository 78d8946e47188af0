import Foundation
import Testing
@testable import KhoCore

/// `improvement` in `nightly.json`: what the improvement plans aim at.
@Suite struct ImprovementSettingsTests {
    private func improvement(_ value: Any?) throws -> Result<Configuration, ConfigError> {
        try TestSupport.pipelines(changing: "nightly.json") { $0["improvement"] = value }
    }

    private func problems(_ result: Result<Configuration, ConfigError>) -> [String] {
        guard case .failure(let error) = result else { return [] }
        return error.problems.map { "\($0.file): \($0.path): \($0.message.en)" }
    }

    @Test func defaultsAimAtBWithinSixMonths() throws {
        let settings = try improvement(nil).get().pipeline.improvement
        #expect(settings == ImprovementSettings())
        #expect(settings.targetGrade == .b && settings.minPrincipleScore == 75)
        #expect(settings.target(from: TestSupport.date("2026-11-29")) == TestSupport.date("2027-05-29"))
    }

    @Test func configuredTargets() throws {
        let settings = try improvement(["targetGrade": "A", "minPrincipleScore": 80, "targetDate": "2027-06-30"]).get().pipeline.improvement
        #expect(settings.targetGrade == .a && settings.minPrincipleScore == 80)
        #expect(settings.target(from: TestSupport.date("2026-11-29")) == TestSupport.date("2027-06-30"))
    }

    @Test func badValuesAreRefusedByKey() throws {
        #expect(problems(try improvement(["targetGrade": "C", "minPrincipleScore": 120, "targetDate": "30/06/2027", "goal": 1])) == [
            "pipelines/nightly.json: improvement.targetGrade: expected \"A\" or \"B\"",
            "pipelines/nightly.json: improvement.minPrincipleScore: must be 0 to 100",
            "pipelines/nightly.json: improvement.targetDate: expected a date YYYY-MM-DD, found \"30/06/2027\"",
            "pipelines/nightly.json: improvement.goal: unknown key",
        ])
    }
}
