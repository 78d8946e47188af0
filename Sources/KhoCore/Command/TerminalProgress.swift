import Foundation
import Synchronization

/// The live status lines on a terminal: one per unit being read and per dataset being bundled,
/// redrawn in place on standard error at most five times a second (on a timer, never per row).
/// Only for a terminal: `RunCommand` does not create one when standard error is not a TTY, or
/// with `--quiet`.
public final class TerminalProgress: RunObserver {
    private struct Task {
        var line: ProgressLine
        let started: Date
        let meter: ReadMeter?
    }

    private struct State {
        var tasks: [String: Task] = [:]
        /// Order of arrival, so lines do not jump around.
        var order: [String] = []
        var drawn = 0
        var lastDraw = Date.distantPast
        var stopped = false
    }

    /// Lines shown at most; the rest are counted on one more line.
    static let maxLines = 8
    static let interval = 0.2

    private let language: Language
    private let descriptor: Int32
    private let state = Mutex(State())
    private let ticking = Atomic<Bool>(true)

    public init(language: Language, descriptor: Int32 = STDERR_FILENO) {
        self.language = language
        self.descriptor = descriptor
        // A thread of its own, not a dispatch worker: the run's workers are all busy reading.
        Thread { [self] in
            while ticking.load(ordering: .relaxed) {
                usleep(UInt32(Self.interval * 1_000_000))
                draw(force: true)
            }
        }.start()
    }

    /// Whether standard error is a terminal that can redraw in place.
    public static var available: Bool {
        isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Erases the lines and stops drawing, before the summary is printed.
    public func stop() {
        ticking.store(false, ordering: .relaxed)
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            if state.drawn > 0 { write("\u{1B}[\(state.drawn)A\r\u{1B}[J") }
            state.drawn = 0
        }
    }

    public func unitStarted(unit: String, dataset: String, meter: ReadMeter) {
        add("\(unit)/\(dataset)", Task(line: ProgressLine(label: "\(unit)/\(dataset)", stage: .reading, totalBytes: meter.totalBytes, seconds: 0),
                                      started: Date(), meter: meter))
    }

    public func unitFinished(_ extract: ExtractReport, _ quality: QualityReport) {
        remove("\(quality.unit)/\(quality.dataset)")
    }

    public func bundleStarted(dataset: String) {
        add(dataset, Task(line: ProgressLine(label: dataset, stage: .bundling, seconds: 0), started: Date(), meter: nil))
    }

    public func bundleFinished(_ report: BundleReport) {
        remove(report.dataset)
    }

    private func add(_ key: String, _ task: Task) {
        state.withLock { state in
            if state.tasks.updateValue(task, forKey: key) == nil { state.order.append(key) }
        }
        draw(force: false)
    }

    private func remove(_ key: String) {
        state.withLock { state in
            state.tasks[key] = nil
            state.order.removeAll { $0 == key }
        }
        draw(force: false)
    }

    /// Redraws the block: up to the first line drawn last time, clear to the end of the screen,
    /// the lines again. Events between two timer ticks draw only if the last drawing is older than
    /// the interval, so a burst of small units cannot flood the terminal.
    private func draw(force: Bool) {
        let width = Self.columns()
        // Written under the lock: a timer tick and an event must not interleave their drawings.
        state.withLock { state in
            let now = Date()
            guard !state.stopped, force || now.timeIntervalSince(state.lastDraw) >= Self.interval else { return }
            state.lastDraw = now
            var lines: [String] = []
            for key in state.order.prefix(Self.maxLines) {
                guard var task = state.tasks[key] else { continue }
                task.line.seconds = now.timeIntervalSince(task.started)
                if let meter = task.meter {
                    task.line.rows = meter.rows
                    task.line.bytes = meter.bytes
                }
                lines.append(String(task.line.rendered(language).prefix(width - 1)))
            }
            if state.order.count > Self.maxLines {
                lines.append(language == .vi ? "… và \(state.order.count - Self.maxLines) việc khác" : "… and \(state.order.count - Self.maxLines) more")
            }
            guard !(lines.isEmpty && state.drawn == 0) else { return }
            var text = state.drawn > 0 ? "\u{1B}[\(state.drawn)A\r\u{1B}[J" : ""
            for line in lines { text += line + "\n" }
            state.drawn = lines.count
            write(text)
        }
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
    }

    /// The terminal's width, so that no line wraps (a wrapped line would break the redraw).
    private static func columns() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 10 { return Int(size.ws_col) }
        return 80
    }
}
