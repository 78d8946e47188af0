import Foundation

/// The flags every stage command shares, parsed by hand (no packages): `--flag value` or
/// `--flag=value`; `--unit` and `--dataset` may repeat.
public struct StageOptions: Sendable {
    public var pipeline = "pipelines/nightly.json"
    public var inbox: String?
    public var out: String?
    public var units: [String] = []
    public var datasets: [String] = []
    public var asOf: CivilDate
    public var quiet = false
    public var language: Language = .vi
    public var help = false
    public var version = false
    /// kdl-run: process inputs even if they did not change since the last good run.
    public var force = false
    /// kdl-run: rebuild `portal/` after bundling (`--no-portal` leaves it as it is).
    public var portal = true
    /// kdl-run: parallel jobs; 0 means one per core.
    public var jobs = 0
    /// kdl-extract: draft a unit source entry for `file` instead of extracting.
    public var suggest = false
    public var file: String?
    /// kdl-report: the year evaluated.
    public var year: Int?
    /// kdl-report --unit: the period of the plan, as a month (its first day) or from and to dates.
    public var month: CivilDate?
    public var from: CivilDate?
    public var to: CivilDate?
    /// kdl-run: units whose data is withdrawn tonight (`UnitPurge`).
    public var purgeUnits: [String] = []
    /// kdl-run: where to append the JSON event log (`-` for standard output).
    public var logJSON: String?
    /// kdl-run: say what would be done, do nothing.
    public var dryRun = false
    /// kdl-run: print this unit's resolved configuration, do nothing.
    public var explain: String?
    /// kdl-extract, kdl-validate, kdl-normalize: one task of a distributed run (`TaskMode`).
    public var task = false

    public init(asOf: CivilDate) { self.asOf = asOf }

    public static func parse(_ arguments: [String], command: any CommandDefinition.Type, today: CivilDate = .today) throws -> StageOptions {
        var options = StageOptions(asOf: today)
        var index = 0
        func value(_ flag: String, _ inline: String?) throws -> String {
            if let inline { return inline }
            index += 1
            guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                throw UsageError(vi: "\(flag) cần một giá trị (xem --help)", en: "\(flag) needs a value (see --help)")
            }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            let flag = parts[0]
            let inline = parts.count > 1 ? parts[1] : nil
            switch flag {
            case "--help", "-h": options.help = true
            case "--version": options.version = true
            case "--quiet", "-q": options.quiet = true
            case "--pipeline": options.pipeline = try value(flag, inline)
            case "--inbox": options.inbox = try value(flag, inline)
            case "--out": options.out = try value(flag, inline)
            case "--unit" where command.flags.contains(.unit): options.units.append(try value(flag, inline))
            case "--dataset" where command.flags.contains(.dataset): options.datasets.append(try value(flag, inline))
            case "--as-of":
                let text = try value(flag, inline)
                guard let date = CivilDate(iso: text) else { throw UsageError(vi: "--as-of \(text): cần một ngày dạng YYYY-MM-DD", en: "--as-of \(text): expected a date YYYY-MM-DD") }
                options.asOf = date
            case "--lang":
                let text = try value(flag, inline)
                guard let language = Language(rawValue: text) else { throw UsageError(vi: "--lang \(text): cần vi hoặc en", en: "--lang \(text): expected vi or en") }
                options.language = language
            case "--force" where command.flags.contains(.force): options.force = true
            case "--purge-unit" where command.flags.contains(.purgeUnit): options.purgeUnits.append(try value(flag, inline))
            case "--no-portal" where command.flags.contains(.noPortal): options.portal = false
            case "--suggest" where command.flags.contains(.suggest): options.suggest = true
            case "--task" where command.flags.contains(.task): options.task = true
            case "--file" where command.flags.contains(.file): options.file = try value(flag, inline)
            case "--year" where command.flags.contains(.year):
                let text = try value(flag, inline)
                guard let year = Int(text), (2000...2100).contains(year) else { throw UsageError(vi: "--year \(text): cần một năm, ví dụ 2026", en: "--year \(text): expected a year such as 2026") }
                options.year = year
            case "--month" where command.flags.contains(.month):
                let text = try value(flag, inline)
                let parts = text.split(separator: "-", omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
                      let first = CivilDate(year: year, month: month, day: 1) else {
                    throw UsageError(vi: "--month \(text): cần một tháng dạng YYYY-MM, ví dụ 2026-11", en: "--month \(text): expected a month YYYY-MM such as 2026-11")
                }
                options.month = first
            case "--from" where command.flags.contains(.from), "--to" where command.flags.contains(.to):
                let text = try value(flag, inline)
                guard let date = CivilDate(iso: text) else { throw UsageError(vi: "\(flag) \(text): cần một ngày dạng YYYY-MM-DD", en: "\(flag) \(text): expected a date YYYY-MM-DD") }
                if flag == "--from" { options.from = date } else { options.to = date }
            case "--jobs" where command.flags.contains(.jobs):
                let text = try value(flag, inline)
                guard let jobs = Int(text), jobs >= 1 else { throw UsageError(vi: "--jobs \(text): cần một số từ 1 trở lên", en: "--jobs \(text): expected a number from 1") }
                options.jobs = jobs
            case "--log-json" where command.flags.contains(.logJSON): options.logJSON = try value(flag, inline)
            case "--dry-run" where command.flags.contains(.dryRun): options.dryRun = true
            case "--explain" where command.flags.contains(.explain): options.explain = try value(flag, inline)
            default:
                throw UsageError(vi: "tham số không hợp lệ \(argument) (xem \(command.executable) --help)", en: "unknown argument \(argument) (see \(command.executable) --help)")
            }
            index += 1
        }
        // Standard output carries the events: the text for people would corrupt them.
        if options.logJSON == "-" { options.quiet = true }
        try options.checkPeriod()
        if options.suggest && options.file == nil { throw UsageError(vi: "--suggest cần --file TỆP (tệp xuất cần xem)", en: "--suggest needs --file FILE (the export to look at)") }
        if options.task {
            try TaskMode.require(options, readsInbox: command == ExtractCommand.self)
            options.quiet = true
        }
        return options
    }
}

extension StageOptions {
    /// `kdl-report`'s period flags: one form at a time, whole, and (but the year) for one unit.
    func checkPeriod() throws {
        if (from == nil) != (to == nil) {
            throw UsageError(vi: "--from và --to phải đi cùng nhau", en: "--from and --to go together")
        }
        if let from, let to, from > to {
            throw UsageError(vi: "--from \(from) sau --to \(to)", en: "--from \(from) is after --to \(to)")
        }
        if [year != nil, month != nil, from != nil].filter({ $0 }).count > 1 {
            throw UsageError(vi: "chỉ chọn một kỳ: --year, --month hoặc --from/--to", en: "choose one period: --year, --month or --from/--to")
        }
        if (month != nil || from != nil) && units.isEmpty {
            throw UsageError(vi: "--month và --from/--to cần --unit (kế hoạch cải thiện của một đơn vị)",
                             en: "--month and --from/--to need --unit (one unit's improvement plan)")
        }
    }
}

extension Language {
    /// The language asked for with `--lang`, looked up before the flags are parsed so that an
    /// error in any flag is already reported in it.
    public static func requested(in arguments: [String]) -> Language {
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("--lang=") { return Language(rawValue: String(argument.dropFirst(7))) ?? .vi }
            if argument == "--lang", index + 1 < arguments.count { return Language(rawValue: arguments[index + 1]) ?? .vi }
        }
        return .vi
    }
}

extension CivilDate {
    /// Today in the machine's time zone (cron runs on local time): `TZ` or `/etc/localtime`, as
    /// `Calendar.current` reads them, through the C library, which costs microseconds where
    /// setting up a calendar costs milliseconds of every run's start.
    public static var today: CivilDate {
        var now = time(nil), parts = tm()
        guard localtime_r(&now, &parts) != nil else { return CivilDate(firstDayOf: 1970) }
        return CivilDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday)) ?? CivilDate(firstDayOf: 1970)
    }
}
