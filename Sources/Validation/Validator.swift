import Foundation

/// Runs the check a configuration names (pure dispatch; every effect goes through the context).
package enum Validator {
    /// Runs `context.config.component`.
    /// - Parameters:
    ///   - context: configuration and collaborators.
    ///   - searchPath: the `PATH` the toolkit check searches for `nvidia-smi`.
    ///   - cudaLibrary: opens the CUDA driver library for the workload (tests pass a fake library).
    /// - Throws: ``ValidationError`` saying what was missing.
    package static func run(
        _ context: ValidationContext, searchPath: String,
        cudaLibrary: @Sendable () throws(ValidationError) -> CUDADriverLibrary = { () throws(ValidationError) in try CUDADriverLibrary() }
    ) async throws(ValidationError) {
        if context.config.component.statusFile != nil { try context.files.createDirectory(context.config.outputDirectory) }
        switch context.config.component {
        case .driver: try await DriverCheck(context: context).run()
        case .toolkit: try await ToolkitCheck(context: context, searchPath: searchPath).run()
        case .cuda: try await CudaCheck(context: context).run()
        case .plugin: try await PluginCheck(context: context).run()
        case .cudaWorkload: try CUDAWorkload(library: try cudaLibrary(), logger: context.logger).run()
        }
    }

    /// Publishes a failure where the operator's status can show it: the container's termination
    /// message (Kubernetes reads `terminationMessagePath`, `/dev/termination-log` by default).
    /// - Returns: whether the message was written (a missing or read-only path is not an error).
    @discardableResult
    package static func publish(_ error: ValidationError, to path: String) -> Bool {
        let message = String(error.description.prefix(4000))
        do {
            try Data((message + "\n").utf8).write(to: URL(fileURLWithPath: path))
            return true
        } catch {
            return false
        }
    }
}
