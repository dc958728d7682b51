import CoreMetrics
import KubeModels
import Logging
import Manifests

/// The first half of a cluster reconcile: checks the active policy, reads the facts and renders, or
/// says why the components cannot be reconciled and what the queue should do about it.
package struct PassPreparation: Sendable {
    /// Why no pass could be prepared.
    package struct Refusal: Error, Sendable {
        /// The message for the policy's `Error` condition.
        package var message: String
        /// What the queue does with the cluster key.
        package var outcome: WorkQueue<ReconcileKey>.Outcome
    }

    private let context: ControllerContext
    private let facts: FactsReader

    /// Creates the preparation step.
    package init(context: ControllerContext) {
        self.context = context
        facts = FactsReader(context: context)
    }

    /// Prepares the pass for `policy`.
    /// - Throws: a ``Refusal``: unsupported settings (no retry: the policy must change), an outdated
    ///   served CRD (look again in 30 s), facts that cannot be read or a render error (backoff).
    package func prepare(_ policy: ClusterPolicy, logger: Logger) async throws(Refusal) -> ReconcilePass {
        let unsupported = PolicyChecks.run(policy.spec).filter(\.isError)
        if !unsupported.isEmpty {
            throw Refusal(message: unsupported.map { "\($0.path): \($0.message)" }.joined(separator: "; "), outcome: .success)
        }
        if let crdProblem = context.crdProblem() { throw Refusal(message: crdProblem, outcome: .requeue(after: .seconds(30))) }
        let found: ClusterFactsBuilder.Result
        do {
            found = try await facts.read(policy)
        } catch {
            logger.error("reading cluster facts failed", metadata: ["error": .string(error.description)])
            throw Refusal(message: "Failed to reconcile: \(error)", outcome: .failure)
        }
        context.metrics.gpuNodes.record(found.gpuNodes.count)
        context.metrics.hasNFDLabels.record(found.hasNFDLabels ? 1 : 0)
        do {
            let render = try Renderer.render(policy, facts: found.facts)
            var pass = ReconcilePass(
                policy: policy, render: render, facts: found, serviceMonitorsServed: context.hasServiceMonitorCRD, logger: logger)
            pass.unlabelledGPUNodes = found.gpuNodes.filter { name in
                guard let node = context.node(name) else { return false }
                return !NodeLabelRules.changes(for: node.labels, spec: policy.spec, runtimeFlavor: node.runtimeFlavor).isEmpty
            }
            return pass
        } catch {
            logger.error("render failed", metadata: ["error": .string(error.description)])
            throw Refusal(message: ReconcileError.render(error.description).description, outcome: .failure)
        }
    }
}
