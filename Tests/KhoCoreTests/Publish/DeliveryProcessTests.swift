import Foundation
import Testing
@testable import KhoCore

/// A delivery command: exit code and output recorded, output capped, a command that hangs stopped.
@Suite struct DeliveryProcessTests {
    private let folder = FileManager.default.temporaryDirectory

    @Test func exitCodeAndOutputAreRecorded() {
        let outcome = DeliveryProcess.run(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"], in: folder, timeout: 10)
        #expect(outcome.exitCode == 3 && !outcome.succeeded && !outcome.timedOut)
        #expect(outcome.output == "out\nerr\n")
        let good = DeliveryProcess.run(["true"], in: folder, timeout: 10)
        #expect(good.exitCode == 0 && good.succeeded && good.output.isEmpty)
    }

    @Test func outputIsCapped() {
        let outcome = DeliveryProcess.run(["/bin/sh", "-c", "head -c 100000 /dev/zero | tr '\\\\0' a"], in: folder, timeout: 10)
        #expect(outcome.exitCode == 0)
        #expect(outcome.output.utf8.count == DeliveryProcess.outputLimit && outcome.outputTruncated)
    }

    @Test func aCommandThatHangsIsStopped() {
        let started = Date()
        let outcome = DeliveryProcess.run(["/bin/sleep", "30"], in: folder, timeout: 0.5)
        #expect(outcome.timedOut && !outcome.succeeded, "\(outcome)")
        #expect(outcome.signal == SIGTERM || outcome.signal == SIGKILL, "\(outcome)")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func aMissingProgramIsAFailureNotACrash() {
        let outcome = DeliveryProcess.run(["/nonexistent/deliver"], in: folder, timeout: 5)
        #expect(!outcome.succeeded && outcome.launchError != nil && outcome.exitCode == nil)
    }
}
