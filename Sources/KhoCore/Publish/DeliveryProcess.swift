import Foundation

/// Runs one delivery command (Foundation `Process`, no shell): output and errors captured together
/// and kept up to a cap, stopped (SIGTERM, then SIGKILL) when it outlives its timeout.
public enum DeliveryProcess {
    public struct Outcome: Sendable, Equatable {
        /// The exit status; nil when the command could not start or was stopped by a signal.
        public var exitCode: Int32?
        /// The signal that ended it, when one did.
        public var signal: Int32?
        public var timedOut = false
        /// Why it could not start, when it could not.
        public var launchError: String?
        /// What it printed (stdout and stderr), the first `outputLimit` bytes.
        public var output: String
        public var outputTruncated = false

        public var succeeded: Bool { exitCode == 0 && !timedOut }
    }

    public static let outputLimit = 8192

    public static func run(_ arguments: [String], in folder: URL, timeout: Double) -> Outcome {
        guard let program = arguments.first else { return Outcome(launchError: "no command", output: "") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.contains("/") ? program : "/usr/bin/env")
        process.arguments = program.contains("/") ? Array(arguments.dropFirst()) : arguments
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return Outcome(launchError: String(describing: error), output: "")
        }
        // Our copy of the write end must go, or the read below never sees the end of the output.
        try? pipe.fileHandleForWriting.close()
        let reader = pipe.fileHandleForReading.fileDescriptor
        let deadline = Date().addingTimeInterval(timeout)
        var output: [UInt8] = [], truncated = false, timedOut = false
        var exitedAt: Date?
        var buffer = [UInt8](repeating: 0, count: 4096)
        reading: while true {
            var poller = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 100) > 0 {
                let count = buffer.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
                if count <= 0 { break reading }
                let room = max(0, outputLimit - output.count)
                output += buffer.prefix(min(room, count))
                if count > room { truncated = true }
                continue
            }
            if !process.isRunning {
                // A helper it left running (gpg's agent) may hold the pipe open: do not wait for it.
                if let exitedAt, Date().timeIntervalSince(exitedAt) > 1 { break reading }
                if exitedAt == nil { exitedAt = Date() }
            } else if Date() > deadline {
                timedOut = true
                process.terminate()
                let killAt = Date().addingTimeInterval(2)
                while process.isRunning && Date() < killAt { usleep(20_000) }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break reading
            }
        }
        process.waitUntilExit()
        try? pipe.fileHandleForReading.close()
        var outcome = Outcome(output: String(decoding: output, as: UTF8.self), outputTruncated: truncated)
        outcome.timedOut = timedOut
        if process.terminationReason == .uncaughtSignal {
            outcome.signal = process.terminationStatus
        } else {
            outcome.exitCode = process.terminationStatus
        }
        return outcome
    }
}
