import Foundation

/// Runs a command and reads its cost from the kernel's accounting (`wait4` rusage): wall time,
/// CPU time and peak resident memory. Output goes to a file or is discarded.
enum ProcessTimer {
    struct Sample: Codable {
        var wall: Double
        var user: Double
        var system: Double
        /// Peak resident set in megabytes (`ru_maxrss`).
        var peakMB: Double
        var status: Int32
    }

    static func run(_ executable: String, _ arguments: [String], stdout: String = "/dev/null") throws -> Sample {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let started = Date()
        let status = posix_spawnp(&pid, executable, &actions, nil, argv, environ)
        guard status == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(status)))") }
        var exit: Int32 = 0
        var usage = rusage()
        while wait4(pid, &exit, 0, &usage) < 0 && errno == EINTR {}
        let wall = Date().timeIntervalSince(started)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return Sample(wall: wall, user: seconds(usage.ru_utime), system: seconds(usage.ru_stime),
                      peakMB: Double(usage.ru_maxrss) / 1024, status: (exit >> 8) & 0xFF)
    }

    static func exists(_ executable: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(executable)")
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
