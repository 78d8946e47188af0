import Foundation
import Testing
@testable import KhoCore

/// The in-place drawing, into a pipe standing for the terminal.
@Suite struct TerminalProgressTests {
    static func output(_ body: (TerminalProgress) -> Void) throws -> String {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let progress = TerminalProgress(language: .en, descriptor: ends[1])
        body(progress)
        progress.stop()
        close(ends[1])
        let data = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true).readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self)
    }

    /// Drawn at once when a unit starts, and erased (cursor up over its lines, clear to the end of
    /// the screen) when the run stops it.
    @Test func aLineIsDrawnThenErased() throws {
        let text = try Self.output { progress in
            progress.unitStarted(unit: "ubnd-kon-ray", dataset: "ho-ngheo", meter: ReadMeter(totalBytes: 2_000_000))
        }
        #expect(text.hasPrefix("ubnd-kon-ray/ho-ngheo  reading  0 rows  0.0 / 2.0 MB  0%\n"), "\(text.debugDescription)")
        #expect(text.hasSuffix("\u{1B}[1A\r\u{1B}[J"), "\(text.debugDescription)")
    }

    /// A burst of events draws at most once per interval: the display costs nothing per row or per unit.
    @Test func aBurstOfEventsDrawsOnce() throws {
        let text = try Self.output { progress in
            for index in 0..<2_000 {
                progress.unitStarted(unit: "u\(index)", dataset: "d", meter: ReadMeter(totalBytes: 10))
            }
        }
        let drawings = text.components(separatedBy: "\r\u{1B}[J").count - 1
        #expect(drawings <= 3, "\(drawings)")
        #expect(text.hasPrefix("u0/d  reading  0 rows  0.0 / 0.0 MB  0%\n"), "\(text.debugDescription)")
    }

    /// The timer redraws what is running: at most eight lines, then how many more.
    @Test func theTimerRedrawsAtMostEightLines() throws {
        let text = try Self.output { progress in
            for index in 0..<10 { progress.unitStarted(unit: "u\(index)", dataset: "d", meter: ReadMeter(totalBytes: 10)) }
            usleep(450_000)
        }
        let last = try #require(text.components(separatedBy: "\r\u{1B}[J").dropLast().last)
        // Each drawing is followed by the cursor going up over its lines for the next one.
        #expect(last.filter { $0 == "\n" }.count == 9)
        #expect(last.hasSuffix("u7/d  reading  0 rows  0.0 / 0.0 MB  0%  0 rows/s\n… and 2 more\n\u{1B}[9A"), "\(last.debugDescription)")
        #expect(text.hasSuffix("\u{1B}[9A\r\u{1B}[J"))
    }
}
