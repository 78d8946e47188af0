import Foundation

/// One `kdl-*` command: its name, what it does, the flags it takes besides the shared ones, its
/// examples, and its work. Adding a command is one file conforming to this (and its executable).
public protocol CommandDefinition {
    /// `extract` for `kdl-extract`.
    static var name: String { get }
    static var summary: Message { get }
    static var flags: [CommandFlag] { get }
    static var examples: [String] { get }
    static func execute(_ setup: StageSetup, _ run: CommandRun) throws -> ExitCode
    /// Work that looks and touches nothing (`--dry-run`, `--explain`): the text to print, or nil
    /// to run the command. Called before the lock is taken.
    static func inspect(_ setup: StageSetup) throws -> String?
    /// What a shared flag means for this command, where it means more than `CommandFlag.help` says.
    static var flagHelp: [CommandFlag: Message] { get }
}

extension CommandDefinition {
    public static var executable: String { "kdl-\(name)" }

    public static func inspect(_ setup: StageSetup) throws -> String? { nil }

    public static var flagHelp: [CommandFlag: Message] { [:] }
}

/// What a command's work gets besides its setup: where to print, and what the run found at start.
public struct CommandRun {
    public let summary: Summary
    /// Temporary files of killed runs removed when the lock was taken.
    public let temporaryFilesRemoved: TemporaryFiles.Removal
    /// Existing `shared/` or `work/` folders other users may read (warned about on stderr).
    public var exposedFolders: [Message] = []
    /// A killed run whose lock this one took over.
    public var lockTakenOver: RunLock.Holder? = nil
    /// `--log-json`, when asked for.
    public var log: EventLog? = nil
}

/// The flags a command may take besides the shared ones (`--pipeline`, `--inbox`, `--out`,
/// `--as-of`, `--lang`, `--quiet`, `--help`, `--version`).
public enum CommandFlag: String, Sendable, CaseIterable {
    case unit, dataset, year, month, from, to, force, jobs, suggest, file, noPortal, logJSON, dryRun, explain, task
    case purgeUnit = "purge-unit"

    public var takesValue: Bool { ![.force, .suggest, .noPortal, .dryRun, .task].contains(self) }

    var usage: String {
        switch self {
        case .unit: "--unit ID"
        case .dataset: "--dataset ID"
        case .year: "--year YYYY"
        case .month: "--month YYYY-MM"
        case .from: "--from YYYY-MM-DD"
        case .to: "--to YYYY-MM-DD"
        case .force: "--force"
        case .jobs: "--jobs N"
        case .suggest: "--suggest --file F"
        case .file: ""
        case .task: "--task"
        case .purgeUnit: "--purge-unit ID"
        case .noPortal: "--no-portal"
        case .logJSON: "--log-json FILE|-"
        case .dryRun: "--dry-run"
        case .explain: "--explain UNIT"
        }
    }

    var help: Message {
        switch self {
        case .unit: Message(vi: "chỉ xử lý đơn vị này (lặp lại được)", en: "only this unit (repeatable)")
        case .dataset: Message(vi: "chỉ xử lý bộ dữ liệu này (lặp lại được)", en: "only this dataset (repeatable)")
        case .year: Message(vi: "năm cần đánh giá (mặc định năm của --as-of)", en: "the year to evaluate (default: the --as-of year)")
        case .month: Message(vi: "kỳ là một tháng (với --unit)", en: "the period is one month (with --unit)")
        case .from: Message(vi: "kỳ bắt đầu từ ngày này (với --to và --unit)", en: "the period starts on this date (with --to and --unit)")
        case .to: Message(vi: "kỳ kết thúc vào ngày này (với --from và --unit)", en: "the period ends on this date (with --from and --unit)")
        case .force: Message(vi: "xử lý lại cả đầu vào không thay đổi", en: "reprocess inputs that did not change")
        case .jobs: Message(vi: "số việc song song (mặc định: số nhân CPU)", en: "parallel jobs (default: one per core)")
        case .suggest: Message(vi: "in bản nháp cấu hình nguồn cho một tệp xuất lạ (bảng mã, dấu phân cách, dòng tiêu đề, cột ↔ trường)",
                               en: "print a draft unit source entry for an unfamiliar export (encoding, delimiter, header row, columns ↔ fields)")
        case .file: Message(vi: "", en: "")
        case .task: Message(vi: "một việc của Spark: đúng một --unit, một --dataset, --out (và --inbox) ghi rõ; chỉ ghi work/<đơn vị>/<bộ dữ liệu>/, không in gì",
                            en: "one Spark task: exactly one --unit, one --dataset, --out (and --inbox) given; writes only work/<unit>/<dataset>/, prints nothing")
        case .purgeUnit: Message(vi: "rút dữ liệu của đơn vị: xóa tệp làm việc, không đọc lại tệp xuất đang có, ghi vào reports/purges.json",
                                 en: "withdraw a unit's data: remove its work files, never read its present exports again, record it in reports/purges.json")
        case .noPortal: Message(vi: "không dựng lại cổng dữ liệu mở out/portal/ (kdl-publish làm việc đó riêng)",
                                en: "do not rebuild the open-data portal out/portal/ (kdl-publish does it on its own)")
        case .logJSON: Message(vi: "ghi mỗi sự kiện thành một dòng JSON vào TỆP (nối thêm), hoặc ra stdout với -",
                               en: "one JSON object per event, appended to FILE, or to stdout with -")
        case .dryRun: Message(vi: "chỉ nói sẽ làm gì và vì sao, gói nào sẽ công bố hay giữ lại; không ghi gì",
                              en: "say what would run and why, and what would be published or withheld; write nothing")
        case .explain: Message(vi: "in cấu hình đã phân giải của một đơn vị: nguồn, bảng mã, dấu phân cách, cột → trường, kiểm tra",
                               en: "print a unit's resolved configuration: sources, encoding, dialect, column → field, checks")
        }
    }
}

/// `--help` for a command: what it does, its flags, its exit codes and examples.
enum CommandHelp {
    static func render(_ command: any CommandDefinition.Type, _ language: Language) -> String {
        let vi = language == .vi
        var lines = ["\(command.executable) — KhoDuLieu \(KhoDuLieu.version)", "", command.summary.text(language), "",
                     vi ? "Cách dùng:" : "Usage:", "  \(command.executable) [options]", "", vi ? "Tùy chọn:" : "Options:"]
        var flags: [(String, Message)] = [
            ("--pipeline FILE", Message(vi: "tệp cấu hình, hoặc thư mục chứa nightly.json (mặc định pipelines/nightly.json)",
                                        en: "pipeline file, or the folder holding nightly.json (default pipelines/nightly.json)")),
            ("--inbox DIR", Message(vi: "thư mục tệp xuất của các đơn vị (mặc định theo nightly.json)", en: "folder of the units' exports (default from nightly.json)")),
            ("--out DIR", Message(vi: "thư mục kết quả (mặc định theo nightly.json: out)", en: "output folder (default from nightly.json: out)")),
        ]
        for flag in [CommandFlag.unit, .dataset, .year, .month, .from, .to] where command.flags.contains(flag) {
            flags.append((flag.usage, command.flagHelp[flag] ?? flag.help))
        }
        flags += [
            ("--as-of YYYY-MM-DD", Message(vi: "ngày dữ liệu; cùng đầu vào và ngày cho kết quả giống hệt từng byte (mặc định hôm nay)",
                                           en: "data date; same inputs and date give byte-identical outputs (default today)")),
            ("--lang vi|en", Message(vi: "ngôn ngữ thông báo và báo cáo (mặc định vi)", en: "language of messages and reports (default vi)")),
            ("--quiet", Message(vi: "chỉ in lỗi", en: "print errors only")),
        ]
        for flag in [CommandFlag.suggest, .force, .jobs, .dryRun, .explain, .logJSON, .purgeUnit, .noPortal, .task] where command.flags.contains(flag) { flags.append((flag.usage, flag.help)) }
        flags += [("--help", Message(vi: "in trợ giúp này", en: "print this help")), ("--version", Message(vi: "in phiên bản và commit đã dựng ra chương trình", en: "print the version and the commit it was built from"))]
        for (flag, text) in flags {
            lines.append("  " + flag.padding(toLength: 22, withPad: " ", startingAt: 0) + text.text(language))
        }
        lines += ["", vi ? "Mã thoát:" : "Exit codes:"]
        for code in ExitCode.allCases {
            lines.append("  \(String(code.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0))\(code.meaning.text(language))")
        }
        lines += ["", vi ? "Ví dụ:" : "Examples:"] + command.examples.map { "  " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }
}
