import Foundation
import Synchronization

/// Runs external commands (kubectl, kube-sim) for end-to-end tests, with output captured in
/// temporary files and a deadline after which the child is terminated.
struct CommandRunner: Sendable {
    /// A finished command.
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let directory: URL
    let environment: [String: String]

    /// A runner with its own scratch directory.
    init(environment: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        self.environment = merged
    }

    /// A started child whose output goes to files.
    final class Running: Sendable {
        let process: Process
        let stdoutURL: URL
        let stderrURL: URL
        private let exited = Mutex<Int32?>(nil)

        init(process: Process, stdoutURL: URL, stderrURL: URL) {
            self.process = process
            self.stdoutURL = stdoutURL
            self.stderrURL = stderrURL
        }

        var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

        func markExited(_ status: Int32) { exited.withLock { $0 = status } }
        var exitStatus: Int32? { exited.withLock { $0 } }

        /// Sends a signal to this child only.
        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        /// Waits for the child to exit, terminating it after `timeout`.
        func wait(timeout: Duration) async -> Int32 {
            let deadline = ContinuousClock.now.advanced(by: timeout)
            while exitStatus == nil, ContinuousClock.now < deadline {
                do {
                    try await Task.sleep(for: .milliseconds(20))
                } catch {
                    break
                }
            }
            if exitStatus == nil {
                process.terminate()
                while exitStatus == nil {
                    do {
                        try await Task.sleep(for: .milliseconds(20))
                    } catch {
                        break
                    }
                }
            }
            return exitStatus ?? -1
        }
    }

    /// Starts a command.
    func start(_ executable: String, _ arguments: [String], stdin: String? = nil) throws -> Running {
        let id = UUID().uuidString
        let stdoutURL = directory.appendingPathComponent("\(id).out")
        let stderrURL = directory.appendingPathComponent("\(id).err")
        for url in [stdoutURL, stderrURL] where !FileManager.default.createFile(atPath: url.path, contents: nil) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        let input = Pipe()
        process.standardInput = input
        let running = Running(process: process, stdoutURL: stdoutURL, stderrURL: stderrURL)
        process.terminationHandler = { finished in running.markExited(finished.terminationStatus) }
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        return running
    }

    /// Runs a command to completion.
    func run(_ executable: String, _ arguments: [String], stdin: String? = nil, timeout: Duration = .seconds(60)) async throws -> Result {
        let running = try start(executable, arguments, stdin: stdin)
        let status = await running.wait(timeout: timeout)
        return Result(status: status, stdout: running.stdout, stderr: running.stderr)
    }

    /// Writes a scratch file and returns its path.
    func write(_ name: String, _ contents: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Removes the scratch directory.
    func cleanUp() {
        do {
            try FileManager.default.removeItem(at: directory)
        } catch {
            // Leaving a temporary directory behind is harmless.
        }
    }
}
