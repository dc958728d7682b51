import ArgumentParser
import Foundation
import KubeModels
import Manifests

/// The `--dry-run` path: the same render the reconcilers use, printed instead of applied.
enum DryRun {
    /// Renders a loaded policy, turning render errors into `file:line:column` messages.
    /// - Throws: `ExitCode.failure` after printing the error.
    static func render(_ loaded: ClusterPolicyLoader.Loaded, facts: ClusterFacts, file: String) throws -> RenderResult {
        do {
            return try Renderer.render(loaded.policy, facts: facts)
        } catch {
            StandardError.line(PolicyDiagnostic(renderError: error, of: loaded, file: file).description)
            throw ExitCode.failure
        }
    }
}
