import Foundation
import Synchronization

/// The body of every `kdl-*` executable: parse flags, load the configuration, take the lock, run
/// the command, print a short summary, and turn the outcome into an exit code.
public enum CommandRunner {
    public static func main(_ command: any CommandDefinition.Type, arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Int32 {
        var language = Language.requested(in: arguments)
        var log: EventLog?
        do {
            try startDispatch()
            let options = try StageOptions.parse(arguments, command: command)
            language = options.language
            if options.help {
                print(CommandHelp.render(command, language), terminator: "")
                return ExitCode.ok.rawValue
            }
            if options.version {
                print("\(command.executable) \(KhoDuLieu.version) (commit \(KhoDuLieu.build.commit))")
                return ExitCode.ok.rawValue
            }
            log = try options.logJSON.map(EventLog.init(path:))
            log?.runStarted(command: command.executable, options: options)
            let setup = try StageSetup(options: options)
            keptUntilExit.withLock { $0.append(setup) }
            if options.suggest, let file = options.file {
                // Reads one file and writes nothing: no lock, no output folder.
                print(try SuggestCommand.render(file: file, setup), terminator: "")
                return ExitCode.ok.rawValue
            }
            let exposed = try FolderExposure.check(out: setup.workspace.out, inbox: setup.workspace.inbox)
            for warning in exposed {
                FileHandle.standardError.write(Data("\(command.executable): \(language == .vi ? "cảnh báo" : "warning"): \(warning.text(language))\n".utf8))
            }
            FilePermissions.install(FilePermissions(out: setup.workspace.out, group: setup.config.pipeline.fileGroup?.id))
            if let text = try command.inspect(setup) {
                // Reads and writes nothing under out/: no lock, no cleanup.
                print(text, terminator: "")
                log?.runEnded(.ok)
                return ExitCode.ok.rawValue
            }
            let lock = try RunLock(setup.workspace.lockFile)
            defer { withExtendedLifetime(lock) {} }
            defer { ReplacedFiles.waitUntilRemoved() }
            // Still holding the lock: whatever the command committed is durable before it ends, failed or not.
            defer { FolderSync.shared.syncPending() }
            let started = Date()
            if let holder = lock.takenOver {
                log?.emit("lock-taken-over", ["holderPid": Int(holder.pid), "holderHost": holder.host, "holderStarted": holder.started])
                if !options.quiet {
                    print(setup.say("Khóa của lần chạy trước (PID \(holder.pid) trên máy \(holder.host), bắt đầu lúc \(holder.started)) bị bỏ lại khi nó bị ngắt; đã tiếp quản.",
                                    "The lock of an earlier run (PID \(holder.pid) on host \(holder.host), started \(holder.started)) was left when it was killed; taken over."))
                }
            }
            // Holding the lock, no other run can be writing: what a killed run left is removed.
            let removed = TemporaryFiles.removeStale(in: setup.workspace.out)
            if removed.files > 0 {
                log?.emit("temporary-files-removed", ["files": removed.files, "bytes": removed.bytes])
            }
            if removed.files > 0 && !options.quiet {
                print(setup.say("Đã xóa \(removed.files) tệp tạm (\(removed.bytes) byte) của lần chạy bị ngắt trước đó.",
                                "Removed \(removed.files) temporary file(s) (\(removed.bytes) bytes) left by an interrupted run."))
            }
            let code: ExitCode
            do {
                code = try command.execute(setup, CommandRun(summary: Summary(setup: setup), temporaryFilesRemoved: removed,
                                                          exposedFolders: exposed, lockTakenOver: lock.takenOver, log: log))
            } catch {
                // Nothing half-written stays: whatever this run still had open is removed (the
                // lock guarantees no other run is writing).
                _ = TemporaryFiles.removeStale(in: setup.workspace.out, ownPID: -1)
                if command == RunCommand.self { RunCommand.recordFailure(setup, error: error) }
                throw error
            }
            // Before the run says it is done; the `defer` above covers the paths that fail.
            FolderSync.shared.syncPending()
            if !options.quiet {
                print(setup.say("Xong sau \(String(format: "%.2f", Date().timeIntervalSince(started))) giây; mã thoát \(code.rawValue).",
                                "Done in \(String(format: "%.2f", Date().timeIntervalSince(started))) s; exit code \(code.rawValue)."))
            }
            log?.runEnded(code)
            return code.rawValue
        } catch {
            let code = ExitCode.for(error)
            log?.error(code, message: describe(error, .en))
            log?.runEnded(code)
            let label = language == .vi ? "lỗi" : "error"
            FileHandle.standardError.write(Data("\(command.executable): \(label): \(describe(error, language))\n".utf8))
            if code == .usage {
                FileHandle.standardError.write(Data("\(command.executable) --help\n".utf8))
            }
            return code.rawValue
        }
    }

    /// The configurations loaded, kept until the process ends: freeing the code lists' thousands of
    /// strings and tables was the last work of every command, and the kernel takes the memory back at once.
    private static let keptUntilExit = Mutex<[StageSetup]>([])

    /// libdispatch opens its event descriptors (epoll, eventfd) when its first worker thread
    /// starts, and crashes (SIGILL) when none is left: under a tight `ulimit -n` that was the run's
    /// end instead of exit 74. A worker started now, while descriptors are free, opens them once.
    private static func startDispatch() throws {
        var limit = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 && limit.rlim_cur < DescriptorLimitError.minimum {
            throw DescriptorLimitError(limit: Int(limit.rlim_cur))
        }
        let started = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { started.signal() }
        started.wait()
    }

    /// An error in the user's language: ours are worded in both; others (a bug) as they come.
    static func describe(_ error: Error, _ language: Language) -> String {
        (error as? UserFacingError)?.message(language) ?? String(describing: error)
    }
}
