import Foundation

/// `kdl-run`: the whole night, what cron calls (see `NightlyRun`).
public enum RunCommand: CommandDefinition {
    public static let name = "run"
    public static let summary = Message(vi: "Chạy toàn bộ: đọc → kiểm tra → chuẩn hóa → đóng gói, cho mọi đơn vị (lệnh cron gọi hằng đêm).",
                                        en: "Run everything: extract → validate → normalize → bundle for every unit (what cron calls nightly).")
    public static let flags: [CommandFlag] = [.unit, .dataset, .force, .jobs, .dryRun, .explain, .logJSON, .purgeUnit, .noPortal]
    public static let examples = ["swift run kdl-run", "swift run kdl-run --as-of 2026-11-29 --out /srv/kho/out",
                                  "swift run kdl-run --dry-run", "swift run kdl-run --explain ubnd-dak-ha",
                                  "kdl-run --quiet --log-json /var/log/khodulieu/events.jsonl"]

    public static func inspect(_ setup: StageSetup) throws -> String? {
        if let unit = setup.options.explain { return try UnitExplanation.render(unit: unit, setup) }
        if setup.options.dryRun { return try DryRun.render(setup) }
        return nil
    }

    public static func execute(_ setup: StageSetup, _ run: CommandRun) throws -> ExitCode {
        // The live lines only on a terminal: in cron, in a pipe, with --quiet, nothing of them.
        let progress = !setup.options.quiet && TerminalProgress.available ? TerminalProgress(language: setup.options.language) : nil
        let observers: [any RunObserver] = [progress as (any RunObserver)?, run.log].compactMap { $0 }
        let outcome: NightlyRun.Outcome
        do {
            defer { progress?.stop() }
            outcome = try NightlyRun.run(setup, temporaryFilesRemoved: run.temporaryFilesRemoved, exposedFolders: run.exposedFolders,
                                         lockTakenOver: run.lockTakenOver,
                                         observer: observers.isEmpty ? nil : RunObservers(observers))
        }
        run.log?.outcome(outcome)
        run.summary.night(outcome)
        return outcome.exitCode
    }

    /// A night that failed still leaves its trace: `reports/run.json` says it failed, with the
    /// exit code and why, instead of describing the previous night. Best effort: the failure may
    /// be that nothing can be written at all.
    static func recordFailure(_ setup: StageSetup, error: Error) {
        let failure = Message(vi: CommandRunner.describe(error, .vi), en: CommandRunner.describe(error, .en))
        let report = NightlyRun.RunReport.failed(asOf: setup.options.asOf, code: ExitCode.for(error), failure: failure)
        try? JSONOutput.write(report, to: setup.workspace.runReport)
    }
}
