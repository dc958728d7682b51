import Foundation

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
        let result: ChildProcessResult
        do {
            result = try ChildProcess.runBlocking(
                ChildProcess.Invocation(
                    executable: executable, arguments: configuration.arguments, environment: environment, captureOutput: true))
        } catch {
            throw .execPluginNotStarted(command: configuration.command, reason: error.reason + (configuration.installHint.map { "; \($0)" } ?? ""))
        }
        return ExecPluginOutput(standardOutput: result.standardOutput, standardError: result.standardError, exitCode: result.exitCode)
    }

    /// Finds `command` on `path` unless it already names a file.
    private static func resolveExecutable(_ command: String, path: String?) -> String? {
        ChildProcess.resolveExecutable(command, path: path)
    }
}
