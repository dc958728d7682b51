import Dispatch
import Foundation
import Synchronization

/// Runs an exec credential plugin and captures its output; injectable so the credential cache is
/// testable without processes.
package protocol ExecPluginRunner: Sendable {
    /// Runs the plugin once.
    /// - Parameters:
    ///   - configuration: command, arguments and extra environment.
    ///   - execInfo: the `KUBERNETES_EXEC_INFO` JSON.
    /// - Returns: its output and exit status.
    /// - Throws: ``ConfigurationError/execPluginNotStarted(command:reason:)`` when it cannot start.
    func run(_ configuration: ExecCredentialConfiguration, execInfo: String) async throws -> ExecPluginOutput
}

/// Runs exec plugins as child processes, each on a dedicated thread (never on the cooperative pool).
package struct ProcessExecPluginRunner: ExecPluginRunner {
    /// The environment the plugin inherits before its own `env` entries are added.
    package var baseEnvironment: [String: String]

    /// Creates a runner inheriting `baseEnvironment` (the process environment by default).
    package init(baseEnvironment: [String: String] = ProcessInfo.processInfo.environment) {
        self.baseEnvironment = baseEnvironment
    }

    /// Runs the plugin on a new thread and waits for it without blocking the caller's thread.
    package func run(_ configuration: ExecCredentialConfiguration, execInfo: String) async throws -> ExecPluginOutput {
        let environment = baseEnvironment
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result { () throws(ConfigurationError) -> ExecPluginOutput in
                        try Self.runBlocking(configuration, execInfo: execInfo, baseEnvironment: environment)
                    }.mapError { $0 as any Error })
            }
            thread.name = "kubeclient-exec-plugin"
            thread.start()
        }
    }

    private static func runBlocking(
        _ configuration: ExecCredentialConfiguration, execInfo: String, baseEnvironment: [String: String]
    ) throws(ConfigurationError) -> ExecPluginOutput {
        var environment = baseEnvironment
        for variable in configuration.environment { environment[variable.name] = variable.value }
        environment["KUBERNETES_EXEC_INFO"] = execInfo
        guard let executable = resolveExecutable(configuration.command, path: environment["PATH"]) else {
            throw .execPluginNotStarted(
                command: configuration.command,
                reason: "not found on PATH" + (configuration.installHint.map { "; \($0)" } ?? ""))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = configuration.arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .execPluginNotStarted(
                command: configuration.command,
                reason: (error as NSError).localizedDescription + (configuration.installHint.map { "; \($0)" } ?? ""))
        }
        let standardError = CapturedBytes()
        let errorsRead = DispatchSemaphore(value: 0)
        let errorReader = Thread {
            let bytes = Array(errors.fileHandleForReading.readDataToEndOfFile())
            standardError.store(bytes)
            errorsRead.signal()
        }
        errorReader.start()
        let standardOutput = Array(output.fileHandleForReading.readDataToEndOfFile())
        errorsRead.wait()
        process.waitUntilExit()
        return ExecPluginOutput(
            standardOutput: standardOutput, standardError: standardError.load(),
            exitCode: process.terminationStatus)
    }

    /// Finds `command` on `path` unless it already names a file.
    private static func resolveExecutable(_ command: String, path: String?) -> String? {
        if command.contains("/") {
            return FileManager.default.isExecutableFile(atPath: command) ? command : nil
        }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = (String(directory) as NSString).appendingPathComponent(command)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Bytes written by one thread and read by another after a semaphore hand-over.
private final class CapturedBytes: Sendable {
    private let bytes = Mutex<[UInt8]>([])

    /// Stores the bytes.
    func store(_ value: [UInt8]) { bytes.withLock { $0 = value } }

    /// The stored bytes.
    func load() -> [UInt8] { bytes.withLock { $0 } }
}
