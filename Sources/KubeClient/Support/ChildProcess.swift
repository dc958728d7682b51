import Dispatch
import Foundation
import Synchronization

/// What a finished child process left behind.
package struct ChildProcessResult: Sendable, Hashable {
    /// Standard output, when captured.
    package var standardOutput: [UInt8]
    /// Standard error, when captured.
    package var standardError: [UInt8]
    /// The exit status (for a signal: the signal number, as Foundation reports it).
    package var exitCode: Int32
    /// Whether the process was killed because it outlived its time limit.
    package var timedOut: Bool

    /// Creates a result.
    package init(standardOutput: [UInt8] = [], standardError: [UInt8] = [], exitCode: Int32, timedOut: Bool = false) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.exitCode = exitCode
        self.timedOut = timedOut
    }
}

/// Runs one child process to completion on the calling thread: the shared helper behind exec
/// credential plugins and the validator's commands. Callers on the cooperative pool run it on a
/// dedicated thread (``runOnThread(_:)``).
package enum ChildProcess {
    /// How to run a process.
    package struct Invocation: Sendable, Hashable {
        /// The executable's path.
        package var executable: String
        /// Its arguments.
        package var arguments: [String]
        /// Its whole environment.
        package var environment: [String: String]
        /// Capture stdout/stderr (else they go to this process's own).
        package var captureOutput: Bool
        /// Kill the process (SIGTERM, then SIGKILL 2 s later) when it runs longer; `nil`: no limit.
        package var timeout: Duration?

        /// Creates an invocation.
        package init(
            executable: String, arguments: [String], environment: [String: String], captureOutput: Bool, timeout: Duration? = nil
        ) {
            self.executable = executable
            self.arguments = arguments
            self.environment = environment
            self.captureOutput = captureOutput
            self.timeout = timeout
        }
    }

    /// Runs the invocation and waits for it (blocking the calling thread).
    /// - Returns: the output (when captured), exit status and whether it was killed for time.
    /// - Throws: the launch error's description when the process cannot start.
    package static func runBlocking(_ invocation: Invocation) throws(ChildProcessLaunchError) -> ChildProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: invocation.executable)
        process.arguments = invocation.arguments
        process.environment = invocation.environment
        process.standardInput = FileHandle.nullDevice
        let output = invocation.captureOutput ? Pipe() : nil
        let errors = invocation.captureOutput ? Pipe() : nil
        if let output, let errors {
            process.standardOutput = output
            process.standardError = errors
        }
        // The child inherits this thread's signal mask, and threads of the concurrency pool (and the
        // ones they start) block nearly every signal: the child would then ignore SIGTERM. Spawn with an
        // empty mask, restoring this thread's mask at once.
        var empty = sigset_t()
        var previous = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, &previous)
        do {
            try process.run()
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        } catch {
            pthread_sigmask(SIG_SETMASK, &previous, nil)
            throw ChildProcessLaunchError(reason: (error as NSError).localizedDescription)
        }
        let killed = CapturedFlag()
        if let timeout = invocation.timeout {
            let pid = process.processIdentifier
            let finished = DispatchSemaphore(value: 0)
            let watchdog = Thread {
                if finished.wait(timeout: .now() + .nanoseconds(Int(timeout.inSeconds * 1e9))) == .timedOut {
                    killed.set()
                    kill(pid, SIGTERM)
                    if finished.wait(timeout: .now() + .seconds(2)) == .timedOut { kill(pid, SIGKILL) }
                }
            }
            watchdog.start()
            defer { finished.signal() }
            return collect(process, output: output, errors: errors, killed: killed)
        }
        return collect(process, output: output, errors: errors, killed: killed)
    }

    /// Runs a blocking body on a new thread and awaits its result without blocking the caller's thread.
    package static func runOnThread<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: Result { () throws(E) -> T in try body() }) }
            thread.name = "child-process"
            thread.start()
        }
        return try result.get()
    }

    /// Finds `command` on `path` unless it already names a file.
    package static func resolveExecutable(_ command: String, path: String?) -> String? {
        if command.contains("/") {
            return FileManager.default.isExecutableFile(atPath: command) ? command : nil
        }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = (String(directory) as NSString).appendingPathComponent(command)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private static func collect(_ process: Process, output: Pipe?, errors: Pipe?, killed: CapturedFlag) -> ChildProcessResult {
        var standardOutput: [UInt8] = []
        let standardError = CapturedBytes()
        if let output, let errors {
            let errorsRead = DispatchSemaphore(value: 0)
            let errorReader = Thread {
                standardError.store(Array(errors.fileHandleForReading.readDataToEndOfFile()))
                errorsRead.signal()
            }
            errorReader.start()
            standardOutput = Array(output.fileHandleForReading.readDataToEndOfFile())
            errorsRead.wait()
        }
        process.waitUntilExit()
        return ChildProcessResult(
            standardOutput: standardOutput, standardError: standardError.load(), exitCode: process.terminationStatus,
            timedOut: killed.isSet)
    }
}

/// A child process that could not be started, with the system's reason.
package struct ChildProcessLaunchError: Error, Sendable, Hashable {
    /// Why it did not start.
    package var reason: String
}

/// Bytes written by one thread and read by another after a semaphore hand-over.
final class CapturedBytes: Sendable {
    private let bytes = Mutex<[UInt8]>([])

    /// Stores the bytes.
    func store(_ value: [UInt8]) { bytes.withLock { $0 = value } }

    /// The stored bytes.
    func load() -> [UInt8] { bytes.withLock { $0 } }
}

/// A flag set by one thread (the time-limit watchdog) and read by another.
final class CapturedFlag: Sendable {
    private let value = Mutex<Bool>(false)

    /// Sets the flag.
    func set() { value.withLock { $0 = true } }

    /// Whether the flag was set.
    var isSet: Bool { value.withLock { $0 } }
}
