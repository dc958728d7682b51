import KubeClient
import Logging

/// The CUDA check (`COMPONENT=cuda`): a pod pinned to this node runs our CUDA workload (a vector add
/// on every visible GPU) to completion → `cuda-ready`.
package struct CudaCheck: Sendable {
    /// The shared collaborators.
    package var context: ValidationContext

    /// Creates the check.
    package init(context: ValidationContext) { self.context = context }

    /// Runs the check.
    /// - Throws: ``ValidationError`` for a failed or timed-out pod, or a failed API call.
    package func run() async throws(ValidationError) {
        let statusPath = joinPath(context.config.outputDirectory, "cuda-ready")
        try context.files.remove(statusPath)
        try await WorkloadRun(context: context).run(app: WorkloadPod.cudaApp, gpuResource: nil)
        try context.files.writeAtomically(statusPath, contents: "")
        context.logger.info("cuda validated", metadata: ["status.file": .string(statusPath)])
    }
}
