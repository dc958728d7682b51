import Foundation
import Synchronization

/// A child process started by an end-to-end test, with its output collected in memory and a
/// bounded wait for a line on standard output.
final class TestProcess: @unchecked Sendable {
    private let process: Process
    private let output = LockedBytes()
    private let errors = LockedBytes()
    let name: String

    /// Starts `executable` with `arguments` and `environment` merged into the current environment.
    init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], name: String) throws {
        self.name = name
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasSuffix("_IMAGE") }
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let output = self.output
        let errors = self.errors
        out.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            output.append(data)
        }
        err.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            errors.append(data)
        }
        try process.run()
    }

    /// Everything written to standard output so far.
    var stdout: String { output.text }
    /// Everything written to standard error so far.
    var stderr: String { errors.text }
    /// Whether the process still runs.
    var isRunning: Bool { process.isRunning }
    /// The exit status (valid once stopped).
    var exitStatus: Int32 { process.terminationStatus }

    /// Waits (bounded) until standard output has a line starting with `prefix`, and returns it.
    func waitForLine(startingWith prefix: String, timeout: Duration) async throws -> String {
        try await Eventually.value(timeout: timeout, "\(name) printing \"\(prefix)\"") {
            if !self.isRunning { throw TestFailure("\(self.name) exited early:\n\(self.stderr.suffix(3000))") }
            return self.stdout.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init)
        }
    }

    /// Sends SIGTERM and waits (bounded) for the exit; SIGKILL if it does not stop in time.
    func stop(timeout: Duration = .seconds(10)) async {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { kill() }
    }

    /// Sends SIGKILL (a crash, no cleanup) and waits for the exit.
    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// Bytes appended from a pipe's reader thread and read from tests.
final class LockedBytes: Sendable {
    private let bytes = Mutex<[UInt8]>([])

    func append(_ data: Data) { bytes.withLock { $0.append(contentsOf: data) } }

    var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
}

/// A test failure with a message.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Bounded polling: end-to-end tests wait for the cluster to reach a state, never for a fixed time.
enum Eventually {
    /// Polls `probe` every `interval` until it returns a value, failing after `timeout`.
    static func value<T>(timeout: Duration, interval: Duration = .milliseconds(50), _ what: String, _ probe: () async throws -> T?) async throws -> T
    {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var lastError: (any Error)?
        while true {
            do {
                if let value = try await probe() { return value }
            } catch let failure as TestFailure {
                throw failure
            } catch {
                lastError = error
            }
            if ContinuousClock.now >= deadline {
                throw TestFailure("timed out after \(timeout) waiting for \(what)" + (lastError.map { "; last error: \($0)" } ?? ""))
            }
            try await Task.sleep(for: interval)
        }
    }

    /// Polls until `condition` holds; returns how long it took.
    @discardableResult
    static func that(
        timeout: Duration, interval: Duration = .milliseconds(50), _ what: String, _ condition: () async throws -> Bool
    ) async throws -> Duration {
        let start = ContinuousClock.now
        _ = try await value(timeout: timeout, interval: interval, what) { try await condition() ? true : nil }
        return ContinuousClock.now - start
    }
}
