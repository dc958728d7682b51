import Foundation
import KubeClient

/// One command a check runs.
package struct ValidationCommand: Sendable, Hashable, CustomStringConvertible {
    /// The executable's path.
    package var executable: String
    /// Its arguments.
    package var arguments: [String]
    /// Variables added to (or replacing) the inherited environment.
    package var environment: [String: String]
    /// How long it may run before it is killed.
    package var timeout: Duration

    /// Creates a command.
    package init(executable: String, arguments: [String] = [], environment: [String: String] = [:], timeout: Duration) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.timeout = timeout
    }

    /// The command line, as a person would type it.
    package var description: String { ([executable] + arguments).joined(separator: " ") }
}

/// How a command ended.
package enum CommandOutcome: Sendable, Hashable {
    /// It exited with this status.
    case exited(Int32)
    /// It outlived its time limit and was killed.
    case timedOut(Duration)
    /// It could not be started.
    case notStarted(String)

    /// `nil` on success, else why it failed.
    package var failure: String? {
        switch self {
        case .exited(0): nil
        case .exited(let status): "exit status \(status)"
        case .timedOut(let limit): "no answer within \(Int(limit.inSeconds)) s, killed"
        case .notStarted(let reason): "cannot start: \(reason)"
        }
    }
}

/// Runs commands; injected so checks are testable with scripts or fakes.
package protocol CommandRunner: Sendable {
    /// Runs a command to completion (or its time limit); its output goes to the validator's own.
    func run(_ command: ValidationCommand) async -> CommandOutcome
}

/// Runs commands as child processes, each on its own thread, through the shared ``ChildProcess``.
package struct ProcessCommandRunner: CommandRunner {
    /// The environment commands inherit.
    package var baseEnvironment: [String: String]

    /// Creates a runner inheriting `baseEnvironment`.
    package init(baseEnvironment: [String: String] = ProcessInfo.processInfo.environment) {
        self.baseEnvironment = baseEnvironment
    }

    /// Runs the command on its own thread.
    package func run(_ command: ValidationCommand) async -> CommandOutcome {
        let invocation = ChildProcess.Invocation(
            executable: command.executable, arguments: command.arguments,
            environment: baseEnvironment.merging(command.environment) { _, new in new }, captureOutput: false, timeout: command.timeout)
        do {
            let result = try await ChildProcess.runOnThread { () throws(ChildProcessLaunchError) -> ChildProcessResult in
                try ChildProcess.runBlocking(invocation)
            }
            return result.timedOut ? .timedOut(command.timeout) : .exited(result.exitCode)
        } catch {
            return .notStarted(error.reason)
        }
    }
}
