import Foundation
import Testing

@testable import KubeClient

@Suite("ChildProcess: the shared child-process runner")
struct ChildProcessTests {
    static let grep = ["/usr/bin/grep", "/bin/grep"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(
        "children start with no signal blocked, even when spawned from a pool-started thread (else they ignore SIGTERM)",
        .enabled(if: grep != nil && FileManager.default.fileExists(atPath: "/proc/self/status"), "needs grep and /proc"))
    func unblockedSignals() async throws {
        let invocation = ChildProcess.Invocation(
            executable: try #require(Self.grep), arguments: ["^SigBlk:", "/proc/self/status"], environment: [:], captureOutput: true)
        let result = try await ChildProcess.runOnThread { () throws(ChildProcessLaunchError) -> ChildProcessResult in
            try ChildProcess.runBlocking(invocation)
        }
        #expect(result.exitCode == 0)
        #expect(String(decoding: result.standardOutput, as: UTF8.self) == "SigBlk:\t0000000000000000\n")
    }

    @Test("a command outliving its time limit is terminated (SIGTERM, without waiting for the SIGKILL fallback) and says so")
    func timeLimit() async throws {
        let invocation = ChildProcess.Invocation(
            executable: "/bin/sleep", arguments: ["30"], environment: [:], captureOutput: false, timeout: .milliseconds(300))
        let result = try await ChildProcess.runOnThread { () throws(ChildProcessLaunchError) -> ChildProcessResult in
            try ChildProcess.runBlocking(invocation)
        }
        #expect(result.timedOut)
        // The signal that ended it, not the elapsed time (which a loaded machine stretches): SIGTERM,
        // not the SIGKILL fallback sent 2 s later to a child that ignores SIGTERM.
        #expect(result.exitCode == SIGTERM, "ended by signal \(result.exitCode)")
    }

    @Test("a missing executable is a launch error")
    func missing() {
        #expect(throws: ChildProcessLaunchError.self) {
            try ChildProcess.runBlocking(.init(executable: "/nonexistent/tool", arguments: [], environment: [:], captureOutput: true))
        }
    }
}
