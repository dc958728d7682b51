import KubeClient
import Logging

/// The toolkit check (`COMPONENT=toolkit`): this container asked for all GPUs through the NVIDIA
/// runtime, so `nvidia-smi` exists and answers only when the runtime injected the driver.
package struct ToolkitCheck: Sendable {
    /// The shared collaborators.
    package var context: ValidationContext
    /// The `PATH` searched for the injected `nvidia-smi`.
    package var searchPath: String

    /// Creates the check.
    package init(context: ValidationContext, searchPath: String) {
        self.context = context
        self.searchPath = searchPath
    }

    /// Runs the check and writes `toolkit-ready`.
    /// - Throws: ``ValidationError`` naming the missing binary or the failing command.
    package func run() async throws(ValidationError) {
        let config = context.config
        let statusPath = joinPath(config.outputDirectory, "toolkit-ready")
        try context.files.remove(statusPath)
        let directories = searchPath.split(separator: ":").map(String.init)
        try await Waiter(time: context.time, interval: config.sleepInterval).until(
            "nvidia-smi injected by the container runtime", attempts: config.withWait ? nil : 1
        ) { () throws(ValidationError) -> Attempt<Void> in
            guard let smi = directories.map({ joinPath($0, "nvidia-smi") }).first(where: context.files.isNonEmptyExecutable) else {
                return .retry(
                    ValidationError.binaryNotFound(name: "nvidia-smi", searched: directories.map { joinPath($0, "nvidia-smi") }).description)
            }
            let command = ValidationCommand(executable: smi, timeout: config.commandTimeout)
            if let failure = await context.runner.run(command).failure { return .retry("\(command) failed: \(failure)") }
            return .done(())
        }
        try context.files.writeAtomically(statusPath, contents: "")
        context.logger.info("toolkit validated", metadata: ["status.file": .string(statusPath)])
    }
}
